// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "WalletGraph",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "SQLDriver", targets: ["SQLDriver"]),
        .library(name: "GraphQLCore", targets: ["GraphQLCore"]),
        .executable(name: "wallet-graph-server", targets: ["wallet-graph-server"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-collections", from: "1.6.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    ],
    targets: [
        // System libraries: linked directly, imported by SQLDriver (and the benchmark's raw-C baseline) only.
        .systemLibrary(
            name: "CSQLite",
            pkgConfig: "sqlite3",
            providers: [.apt(["libsqlite3-dev"])]
        ),
        .systemLibrary(
            name: "CLibPQ",
            pkgConfig: "libpq",
            providers: [.apt(["libpq-dev"])]
        ),
        // The thin runtime that generated query code calls.
        .target(
            name: "SQLDriver",
            dependencies: [
                "CSQLite",
                "CLibPQ",
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "DequeModule", package: "swift-collections"),
            ]
        ),
        // Our GraphQL engine: parser, validator, executor, introspection. Knows nothing of wallets, SQL or HTTP.
        .target(
            name: "GraphQLCore",
            dependencies: [
                .product(name: "OrderedCollections", package: "swift-collections"),
            ]
        ),
        .executableTarget(
            name: "wallet-graph-server",
            dependencies: [
                "SQLDriver",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(
            name: "driver-bench",
            dependencies: [
                "SQLDriver", "CSQLite", "CLibPQ",
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
            ],
            path: "Benchmarks/driver-bench"
        ),
        // Prints GraphQLCore's timings for the cases issue 4 sets goals for; not a test.
        .executableTarget(
            name: "graphql-bench",
            dependencies: ["GraphQLCore"],
            path: "Benchmarks/graphql-bench"
        ),
        .testTarget(
            name: "SQLDriverTests",
            dependencies: ["SQLDriver"]
        ),
        .testTarget(
            name: "GraphQLCoreTests",
            dependencies: ["GraphQLCore"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
