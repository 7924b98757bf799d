import Foundation
import Testing
@testable import GraphQLCore

/// The whole pipeline under hostile input: random bytes, mutated corpus documents and random variables JSON go
/// through `GraphQLEngine.execute` against a schema whose resolvers return seeded-random outputs (extreme numbers,
/// NaN, control characters, nulls where non-null, wrong types, bad abstract types), from a fixed seed for a time
/// budget. Nothing may crash, every answer must be valid JSON (by Foundation's parser), every error must carry
/// one of the fixed codes, and every field error its path.
@Suite struct PipelineFuzzTests {
    typealias Ctx = FuzzSchema.RandomContext

    static let codes: Set<String> = [
        "GRAPHQL_PARSE_FAILED", "GRAPHQL_VALIDATION_FAILED", "BAD_USER_INPUT", "QUERY_TOO_COMPLEX", "INTERNAL_SERVER_ERROR",
    ]
    static let budget = Duration.seconds(2)

    @Test func randomRequestsNeverCrashAndAlwaysAnswerValidJSONWithAFixedCode() async throws {
        let engine = GraphQLEngine<Ctx>(schema: try FuzzSchema.randomExecutable())
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
            let response = await engine.execute(GraphQLRequest(query: query, variables: variables), context: Ctx(seed: random.next()))
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
                if !response.isRequestError {
                    // A field error: where it happened, and where in the document.
                    let path = error["path"] as? [Any] ?? []
                    #expect(!path.isEmpty && path.allSatisfy { $0 is String || $0 is Int }, "no path in \(response.json)")
                    #expect(error["locations"] is [Any], "no locations in \(response.json)")
                }
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

    /// The corpus documents that validate, executed again and again with a new seed each time, so most requests
    /// reach the resolvers and the random outputs (not the parser) are what is under test.
    @Test func randomResolverOutputsAlwaysGiveValidJSONAndFieldErrorsWithPathAndCode() async throws {
        let engine = GraphQLEngine<Ctx>(schema: try FuzzSchema.randomExecutable())
        let valid = try ValidationFixtures.corpus().map(\.1).filter { source in
            guard let document = try? parse(source) else { return false }
            return validate(document, schema: ValidationFixtures.schema).isEmpty
                && !source.contains("subscription")
        }
        #expect(valid.count > 50)
        var random = SplitMix64(state: 20_261_122)
        var counts = (requests: 0, withData: 0, fieldErrors: 0)
        let clock = ContinuousClock()
        let deadline = clock.now + Self.budget
        while counts.requests < 500 || clock.now < deadline {
            let query = valid[Int(random.next() % UInt64(valid.count))]
            let variables = FuzzMutator.randomVariables(&random)
            let response = await engine.execute(GraphQLRequest(query: query, variables: variables), context: Ctx(seed: random.next()))
            counts.requests += 1
            let object = try #require(Self.jsonObject(response.bytes), "not a JSON object for \(query.debugDescription): \(response.json)")
            if object["data"] is [String: Any] { counts.withData += 1 }
            for error in (object["errors"] as? [[String: Any]]) ?? [] {
                let code = (error["extensions"] as? [String: Any])?["code"] as? String
                #expect(code.map(Self.codes.contains) == true, "code \(code ?? "nil") in \(response.json)")
                guard !response.isRequestError else { continue }
                counts.fieldErrors += 1
                let path = error["path"] as? [Any] ?? []
                #expect(!path.isEmpty && path.allSatisfy { $0 is String || $0 is Int }, "no path in \(response.json)")
                #expect(error["locations"] is [Any], "no locations in \(response.json)")
                #expect(Self.isNulled(path, in: object["data"]), "the value at \(path) is not null in \(response.json)")
            }
            if counts.requests >= 50_000 { break }
        }
        print("pipeline fuzz, random outputs: \(counts.requests) requests, \(counts.withData) with data, \(counts.fieldErrors) field errors")
        #expect(counts.withData > counts.requests / 4)
        #expect(counts.fieldErrors > 0)
    }

    /// Whether the response position at `path`, or an ancestor of it, is null, as the spec requires where a field
    /// error was raised.
    static func isNulled(_ path: [Any], in data: Any?) -> Bool {
        var current = data
        for component in path {
            if current == nil || current is NSNull { return true }
            if let key = component as? String, let object = current as? [String: Any] {
                current = object[key]
            } else if let index = component as? Int, let list = current as? [Any], list.indices.contains(index) {
                current = list[index]
            } else {
                return false
            }
        }
        return current == nil || current is NSNull
    }

    /// Foundation's parser, independent of the engine's own writer and parser.
    static func jsonObject(_ bytes: [UInt8]) -> [String: Any]? {
        (try? JSONSerialization.jsonObject(with: Data(bytes))) as? [String: Any]
    }
}
