// swift-tools-version:6.0
// A separate package so that the product never depends on GraphQLSwift: it exists only to measure our engine
// (GraphQLCore) against GraphQLSwift/GraphQL 4.3.0 on the same schema and documents, in one run.
import PackageDescription

let package = Package(
    name: "graphql-comparison",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "WalletGraph", path: "../.."),
        .package(url: "https://github.com/GraphQLSwift/GraphQL", exact: "4.3.0"),
    ],
    targets: [
        .executableTarget(
            name: "graphql-comparison",
            dependencies: [
                .product(name: "GraphQLCore", package: "WalletGraph"),
                .product(name: "GraphQL", package: "GraphQL"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
