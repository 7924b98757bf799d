import Foundation

// Runs every case on both engines, in one process, on the same SDL, documents and rows, and prints µs per
// operation (median of batches) and the ratio. Build and run in release mode:
//   cd Benchmarks/graphql-comparison && swift run -c release graphql-comparison

enum Comparison {
    static func run() async throws {
        let theirs = try GraphQLSwiftCases()
        let ours = try GraphQLCoreCases()

        // Sanity: both engines give the same answer to the data queries.
        let swiftSmall = try await theirs.smallQuery()
        let coreSmall = await ours.run(GraphQLCoreCases.smallRequest)
        let swiftPage = try await theirs.page()
        let corePage = await ours.run(GraphQLCoreCases.pageRequest)
        print("small answers identical: \(swiftSmall == coreSmall); page answers identical: \(swiftPage == corePage) (\(corePage.utf8.count) bytes)")
        let coreIntro = await ours.run(GraphQLCoreCases.introspectionRequest)
        print("introspection bytes: GraphQLSwift \(try await theirs.introspection().utf8.count), GraphQLCore \(coreIntro.utf8.count)")

        let doc = try theirs.parsedSmallQuery()
        var rows: [(String, Double, Double)] = []
        rows.append(("small query, parse+validate+execute+JSON (ours: document cached)",
            try await Measure.median(iterations: 200) { _ = try await theirs.smallQuery() },
            await Measure.median(iterations: 20_000) { _ = await ours.run(GraphQLCoreCases.smallRequest) }))
        rows.append(("small query, nothing cached on either side",
            try await Measure.median(iterations: 200) { _ = try await theirs.smallQuery() },
            await Measure.median(iterations: 2_000) { _ = await ours.run(GraphQLCoreCases.smallRequest, cached: false) }))
        rows.append(("small query, GraphQLSwift execute() only vs ours cached",
            try await Measure.median(iterations: 200) { _ = try await theirs.smallQueryExecuteOnly(document: doc) },
            await Measure.median(iterations: 20_000) { _ = await ours.run(GraphQLCoreCases.smallRequest) }))
        rows.append(("100-item page, 1,500 fields, JSON included",
            try await Measure.median(batches: 5, iterations: 5) { _ = try await theirs.page() },
            await Measure.median(iterations: 300) { _ = await ours.run(GraphQLCoreCases.pageRequest) }))
        rows.append(("standard introspection query",
            try await Measure.median(batches: 5, iterations: 5) { _ = try await theirs.introspection() },
            await Measure.median(iterations: 300) { _ = await ours.run(GraphQLCoreCases.introspectionRequest) }))
        rows.append(("standard introspection query, nothing cached on either side",
            try await Measure.median(batches: 5, iterations: 5) { _ = try await theirs.introspection() },
            await Measure.median(iterations: 100) { _ = await ours.run(GraphQLCoreCases.introspectionRequest, cached: false) }))

        print("| case | GraphQLSwift 4.3.0 µs | GraphQLCore µs | ratio |")
        print("|---|---|---|---|")
        for (name, theirs, ours) in rows {
            print(String(format: "| %@ | %.1f | %.1f | %.0f× |", name, theirs, ours, theirs / ours))
        }
    }
}

try await Comparison.run()
