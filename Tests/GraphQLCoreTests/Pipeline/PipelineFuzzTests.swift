import Foundation
import Testing
@testable import GraphQLCore

/// The whole pipeline under hostile input: random bytes, mutated corpus documents and random variables JSON go
/// through `GraphQLEngine.execute` against a schema with resolvers, from a fixed seed for a time budget.
/// Nothing may crash, every answer must be valid JSON, and every error must carry one of the fixed codes.
@Suite struct PipelineFuzzTests {
    struct Ctx: Sendable {}

    static let codes: Set<String> = [
        "GRAPHQL_PARSE_FAILED", "GRAPHQL_VALIDATION_FAILED", "BAD_USER_INPUT", "QUERY_TOO_COMPLEX", "INTERNAL_SERVER_ERROR",
    ]
    static let budget = Duration.seconds(2)

    @Test func randomRequestsNeverCrashAndAlwaysAnswerValidJSONWithAFixedCode() async throws {
        let engine = GraphQLEngine<Ctx>(schema: try FuzzSchema.executable())
        let corpus = try ValidationFixtures.corpus().map(\.1)
        let tokens = corpus.flatMap(FuzzMutator.tokens)
        var random = SplitMix64(state: 20_261_121)
        var counts = (requests: 0, requestErrors: 0, executed: 0, withData: 0)
        var codesSeen: [String: Int] = [:]
        let clock = ContinuousClock()
        let deadline = clock.now + Self.budget
        // A floor of requests, so a slow machine still covers every kind of input; the budget bounds the rest.
        while counts.requests < 300 || clock.now < deadline {
            let query: String
            switch random.next() % 4 {
            case 0: query = FuzzMutator.randomBytes(&random)
            case 1: query = corpus.randomElement(using: &random)!
            default: query = FuzzMutator.mutate(corpus.randomElement(using: &random)!, tokens: tokens, &random)
            }
            let variables = FuzzMutator.randomVariables(&random)
            let response = await engine.execute(GraphQLRequest(query: query, variables: variables), context: Ctx())
            counts.requests += 1
            let object = try #require(Self.jsonObject(response.bytes), "not a JSON object for \(query.debugDescription): \(response.json)")
            if response.isRequestError {
                counts.requestErrors += 1
                #expect(object["data"] == nil, "a request error must have no data: \(response.json)")
                #expect(!((object["errors"] as? [Any]) ?? []).isEmpty, "a request error must list errors: \(response.json)")
            } else {
                counts.executed += 1
                #expect(object.keys.contains("data"), "an executed response must have data: \(response.json)")
                if object["data"] is [String: Any] { counts.withData += 1 }
            }
            for error in (object["errors"] as? [[String: Any]]) ?? [] {
                let code = (error["extensions"] as? [String: Any])?["code"] as? String
                codesSeen[code ?? "nil", default: 0] += 1
                #expect(code.map(Self.codes.contains) == true, "code \(code ?? "nil") for \(query.debugDescription)")
                #expect(error["message"] is String)
            }
            if counts.requests >= 50_000 { break }
        }
        print("pipeline fuzz: \(counts.requests) requests, \(counts.requestErrors) refused, \(counts.executed) executed, "
            + "\(counts.withData) with data; error codes \(codesSeen.sorted { $0.key < $1.key })")
        // Sanity: the inputs reach every stage, not only the parser.
        #expect(counts.requestErrors > 0)
        #expect(counts.withData > 0)
        #expect(Set(codesSeen.keys).isSuperset(of: ["GRAPHQL_PARSE_FAILED", "GRAPHQL_VALIDATION_FAILED", "INTERNAL_SERVER_ERROR"]))
    }

    /// Foundation's parser, independent of the engine's own writer and parser.
    static func jsonObject(_ bytes: [UInt8]) -> [String: Any]? {
        (try? JSONSerialization.jsonObject(with: Data(bytes))) as? [String: Any]
    }
}
