// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "WalletGraph",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "SQLDriver", targets: ["SQLDriver"]),
        .library(name: "WalletGraphQueries", targets: ["WalletGraphQueries"]),
        .library(name: "GraphQLCore", targets: ["GraphQLCore"]),
        .library(name: "WalletGraph", targets: ["WalletGraph"]),
        .executable(name: "wallet-graph-server", targets: ["wallet-graph-server"]),
        .executable(name: "sqlgen", targets: ["sqlgen"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-collections", from: "1.6.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.5.0"),
        .package(url: "https://github.com/vapor/jwt-kit", from: "5.7.1"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-websocket", from: "2.8.1"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
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
        // Pure Swift pieces shared by the driver and the generator (dialects, statement splitting): no C.
        .target(name: "SQLSupport"),
        // The thin runtime that generated query code calls.
        .target(
            name: "SQLDriver",
            dependencies: [
                "SQLSupport",
                "CSQLite",
                "CLibPQ",
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "DequeModule", package: "swift-collections"),
            ]
        ),
        // The generator: Catalog (migrations) → Analysis (queries → plain IR) → Rendering (Swift). No C, no driver.
        .target(
            name: "SQLGenCore",
            dependencies: ["SQLSupport"]
        ),
        // `swift run sqlgen check`, and the tool the SQLGen build plugin runs.
        .executableTarget(
            name: "sqlgen",
            dependencies: [
                "SQLGenCore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Sources/SQLGen"
        ),
        // Embeds a target's `.graphql` files as strings (`EmbeddedSchema`): the schema is SDL files, compiled in.
        .executableTarget(name: "embed-text", path: "Sources/embed-text"),
        .plugin(
            name: "TextEmbedPlugin",
            capability: .buildTool(),
            dependencies: ["embed-text"]
        ),
        // Runs `sqlgen generate` for the target it is applied to (queries/ and migrations/ at the package root).
        .plugin(
            name: "SQLGenPlugin",
            capability: .buildTool(),
            dependencies: ["sqlgen"]
        ),
        // The generated query functions, over SQLDriver. The target's folder is queries/ itself, so that adding or
        // removing a .sql file changes the package structure and re-runs the plugin; Queries.swift is hand-written.
        .target(
            name: "WalletGraphQueries",
            dependencies: ["SQLDriver"],
            path: "queries",
            exclude: ["README.md"],
            plugins: ["SQLGenPlugin"]
        ),
        // Our GraphQL engine: parser, validator, executor, introspection. Knows nothing of wallets, SQL or HTTP.
        .target(
            name: "GraphQLCore",
            dependencies: [
                .product(name: "OrderedCollections", package: "swift-collections"),
            ]
        ),
        // The product: Domain/ (pure rules), Accounts/ and Ledger/ (locked operations over generated queries).
        // API/ is the GraphQL schema (SDL) and its resolvers; Auth/ holds tokens (jwt-kit) and passwords (bcrypt).
        .target(
            name: "WalletGraph",
            dependencies: [
                "SQLDriver",
                "WalletGraphQueries",
                "GraphQLCore",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "JWTKit", package: "jwt-kit"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "CoreMetrics", package: "swift-metrics"),
            ],
            plugins: ["TextEmbedPlugin"]
        ),
        // HTTP (Hummingbird), configuration, startup (migrate, seed, admin) and shutdown; a library so that tests
        // can start the real server on a free port.
        .target(
            name: "WalletGraphServer",
            dependencies: [
                "WalletGraph",
                "SQLDriver",
                "SQLSupport",
                "GraphQLCore",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HummingbirdWebSocket", package: "hummingbird-websocket"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOWebSocket", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "CoreMetrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ]
        ),
        // The command line: serve (default), migrate, status, seed, print-schema, reconcile.
        .executableTarget(
            name: "wallet-graph-server",
            dependencies: [
                "WalletGraphServer",
                "WalletGraph",
                "SQLDriver",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(
            name: "driver-bench",
            dependencies: [
                "SQLDriver", "CSQLite", "CLibPQ", "WalletGraphQueries", "SQLGenFixtureQueries",
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
            ],
            path: "Benchmarks/driver-bench"
        ),
        // Transfers/s through the Ledger API against pgbench and a raw SQLite loop running the same statements.
        .executableTarget(
            name: "ledger-bench",
            dependencies: [
                "WalletGraph", "WalletGraphQueries", "SQLDriver", "CSQLite",
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            path: "Benchmarks/ledger-bench",
            exclude: ["transfer.pgbench"]
        ),
        // Engine.all, TestDatabase and withDatabase, shared by every test target that needs a database.
        .target(
            name: "DatabaseTestSupport",
            dependencies: ["SQLDriver"],
            path: "Tests/DatabaseTestSupport"
        ),
        // Prints GraphQLCore's timings for the cases issue 4 sets goals for; not a test.
        .executableTarget(
            name: "graphql-bench",
            dependencies: ["GraphQLCore"],
            path: "Benchmarks/graphql-bench"
        ),
        .testTarget(
            name: "SQLDriverTests",
            dependencies: ["SQLDriver", "DatabaseTestSupport"]
        ),
        // Golden fixtures: Fixtures/<case>/{migrations,queries} → expected/ or stderr.txt (not compiled here).
        .testTarget(
            name: "SQLGenTests",
            dependencies: ["SQLGenCore", "SQLDriver", "DatabaseTestSupport"],
            exclude: ["Fixtures"]
        ),
        // Query shapes the product does not call (keyset pages, optional filters, window functions, upserts…),
        // generated by the same plugin against the product's migrations.
        .target(
            name: "SQLGenFixtureQueries",
            dependencies: ["SQLDriver"],
            path: "Tests/SQLGenFixtureQueries",
            plugins: ["SQLGenPlugin"]
        ),
        // The generated functions of both, run on each engine against real rows.
        .testTarget(
            name: "WalletGraphQueriesTests",
            dependencies: ["WalletGraphQueries", "SQLGenFixtureQueries", "SQLDriver", "DatabaseTestSupport"]
        ),
        .testTarget(
            name: "WalletGraphTests",
            dependencies: ["WalletGraph", "WalletGraphQueries", "SQLGenFixtureQueries", "SQLDriver", "GraphQLCore", "DatabaseTestSupport"]
        ),
        // End to end over real HTTP (HummingbirdTesting's live client), on both engines.
        .testTarget(
            name: "WalletGraphServerTests",
            dependencies: [
                "WalletGraphServer", "WalletGraph", "WalletGraphQueries", "GraphQLCore", "SQLDriver", "SQLSupport",
                "DatabaseTestSupport",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ]
        ),
        .testTarget(
            name: "GraphQLCoreTests",
            dependencies: ["GraphQLCore"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
