import GraphQLCore

// Usage: swift run -c release graphql-bench [iterations-scale]
// Prints the median time per operation over several rounds for each case of issue 4's benchmark table.

/// Everything runs in a nonisolated async context: top-level code is main-actor isolated, and awaiting the
/// engine from there would add two thread hops per request that a server (already on the cooperative pool)
/// does not pay.
enum Bench {
    static func run() async throws {
        let scale = CommandLine.arguments.dropFirst().first.flatMap(Int.init) ?? 1
        let executable = try ExecutableSchema(schema: SchemaBuilder.build(sdl: BenchmarkSchema.sdl), resolvers: BenchmarkSchema.resolvers())
        let cachedEngine = GraphQLEngine(schema: executable)
        let uncachedEngine = GraphQLEngine(schema: executable, configuration: GraphQLEngineConfiguration(documentCacheSize: 0))
        var noAnswerCache = GraphQLEngineConfiguration()
        noAnswerCache.cachesIntrospectionAnswers = false
        let executingEngine = GraphQLEngine(schema: executable, configuration: noAnswerCache)
        let context = BenchmarkSchema.Context()

        let smallQuery = "query Wallet($id: ID!) { wallet(id: $id) { id name currency balance owner { name } } }"
        let smallRequest = GraphQLRequest(query: smallQuery, variables: ["id": .string("w42")])
        let pageQuery = """
            { wallets(first: 100) { id name currency balance available pending status createdAt updatedAt version
              isFrozen ownerId label note rate } }
            """
        let pageRequest = GraphQLRequest(query: pageQuery)
        let introspectionRequest = GraphQLRequest(query: IntrospectionQuery.standard)


        // Sanity: every case answers without errors.
        for request in [smallRequest, pageRequest, introspectionRequest] {
            let response = await cachedEngine.execute(request, context: context)
            precondition(response.errors.isEmpty, response.json)
        }
        let pageBytes = await cachedEngine.execute(pageRequest, context: context).bytes.count
        let introspectionBytes = await cachedEngine.execute(introspectionRequest, context: context).bytes.count
        print("GraphQLCore benchmark (release build; median of 7 rounds)")
        print("page response: \(pageBytes) bytes, 1,500 fields; introspection response: \(introspectionBytes) bytes")

        await measure("small query, full pipeline, uncached", iterations: 2000 * scale) {
            await uncachedEngine.execute(smallRequest, context: context).bytes.count
        }
        await measure("small query, full pipeline, cached document", iterations: 20000 * scale) {
            await cachedEngine.execute(smallRequest, context: context).bytes.count
        }
        await measure("100-item page, 1,500 fields, JSON included (cached)", iterations: 500 * scale) {
            await cachedEngine.execute(pageRequest, context: context).bytes.count
        }
        await measure("standard introspection query (answer cached)", iterations: 500 * scale) {
            await cachedEngine.execute(introspectionRequest, context: context).bytes.count
        }
        await measure("standard introspection query, executed (answer cache off)", iterations: 500 * scale) {
            await executingEngine.execute(introspectionRequest, context: context).bytes.count
        }
        await measure("standard introspection query, nothing cached", iterations: 200 * scale) {
            await uncachedEngine.execute(introspectionRequest, context: context).bytes.count
        }

    }
}

/// Runs `body` `iterations` times per round over 7 rounds and returns the median microseconds per call.
func measure(_ name: String, iterations: Int, _ body: () async -> Int) async {
    let clock = ContinuousClock()
    var sink = 0
    for _ in 0..<max(1, iterations / 10) { sink &+= await body() }  // warm-up
    var perCall: [Double] = []
    for _ in 0..<7 {
        let start = clock.now
        for _ in 0..<iterations { sink &+= await body() }
        let elapsed = clock.now - start
        let micros = Double(elapsed.components.seconds) * 1e6 + Double(elapsed.components.attoseconds) / 1e12
        perCall.append(micros / Double(iterations))
    }
    perCall.sort()
    let median = perCall[perCall.count / 2]
    precondition(sink > 0)
    print("\(name.rightPad(54)) \(format3(median).leftPad(10)) µs   (min \(format3(perCall[0])), max \(format3(perCall[perCall.count - 1])))")
}

func format3(_ value: Double) -> String {
    let scaled = (value * 1000).rounded() / 1000
    return "\(scaled)"
}

extension String {
    func leftPad(_ width: Int) -> String { count >= width ? self : String(repeating: " ", count: width - count) + self }
    func rightPad(_ width: Int) -> String { count >= width ? self : self + String(repeating: " ", count: width - count) }
}

try await Task.detached { try await Bench.run() }.value
