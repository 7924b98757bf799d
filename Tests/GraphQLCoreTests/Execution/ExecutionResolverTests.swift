import Synchronization
import Testing
@testable import GraphQLCore

/// Resolver kinds: async overlap, serial mutations, batching, abstract types, masking, binding checks.
@Suite struct ExecutionResolverTests {
    /// Records what resolvers did, shared through the request context.
    final class Recorder: Sendable {
        let log = Mutex<[String]>([])
        let inFlight = Mutex<(now: Int, max: Int)>((0, 0))
        func note(_ entry: String) { log.withLock { $0.append(entry) } }
        func enter() { inFlight.withLock { $0.now += 1; $0.max = max($0.max, $0.now) } }
        func leave() { inFlight.withLock { $0.now -= 1 } }
    }

    struct Ctx: Sendable { let recorder = Recorder() }

    struct Pet: GraphQLTypeNamed { let name: String; let kind: String; var graphQLTypeName: String { kind } }
    /// An application error that the schema's presenter shows to the client.
    struct Insufficient: Error { let wallet = "w1" }
    struct SecretFailure: Error { let detail = "db password is hunter2" }

    static let sdl = """
        type Query { slowA: Int  slowB: Int  wallets: [Wallet!]!  pets: [Pet!]!  search: [Result!]!  fails: String  refused: String }
        type Mutation { step(n: Int!): Int }
        type Wallet { id: ID!  owner: User! }
        type User { name: String!  friends: [User!]! }
        interface Pet { name: String! }
        type Dog implements Pet { name: String!  barks: Boolean! }
        type Cat implements Pet { name: String!  lives: Int! }
        union Result = Dog | Wallet
        """

    static func engine(reporter: ResolverErrorReporter? = nil) throws -> GraphQLEngine<Ctx> {
        try makeEngine(sdl, configuration: GraphQLEngineConfiguration(errorReporter: reporter)) { (r: inout ResolverMap<Ctx>) in
            for (name, value) in [("slowA", 1), ("slowB", 2)] {
                r.asyncField("Query", name) { input in
                    input.context.recorder.enter()
                    try await Task.sleep(for: .milliseconds(100))
                    input.context.recorder.leave()
                    return .int(value)
                }
            }
            r.asyncField("Mutation", "step") { input in
                let n = input.arguments.int("n")!
                input.context.recorder.note("start \(n)")
                input.context.recorder.enter()
                try await Task.sleep(for: .milliseconds(20 * (4 - n)))
                input.context.recorder.leave()
                input.context.recorder.note("end \(n)")
                return .int(n)
            }
            r.field("Query", "wallets") { _ in .list(["w1", "w2", "w3"]) { .object($0) } }
            r.field("Wallet", "id") { input in .string(try input.parent(as: String.self)) }
            r.batch("Wallet", "owner") { input in
                let ids = try input.parents(as: String.self)
                input.context.recorder.note("owner batch \(ids.joined(separator: ","))")
                return ids.map { .object("owner-of-\($0)") }
            }
            r.field("User", "name") { input in .string(try input.parent(as: String.self)) }
            r.batch("User", "friends") { input in
                input.context.recorder.note("friends batch \(input.parents.count)")
                return try input.parents(as: String.self).map { _ in .list([.object("f1"), .object("f2")]) }
            }
            r.field("Query", "pets") { _ in .list([.object(Pet(name: "Rex", kind: "Dog")), .object(Pet(name: "Tom", kind: "Cat"))]) }
            r.field("Dog", "name") { input in .string(try input.parent(as: Pet.self).name) }
            r.field("Dog", "barks") { _ in true }
            r.field("Cat", "name") { input in .string(try input.parent(as: Pet.self).name) }
            r.field("Cat", "lives") { _ in 9 }
            r.field("Query", "search") { _ in .list([.object(Pet(name: "Rex", kind: "Dog")), .object("w9")]) }
            r.resolveType("Result") { source, _ in source is Pet ? "Dog" : "Wallet" }
            r.field("Query", "fails") { _ in throw SecretFailure() }
            r.field("Query", "refused") { _ in throw Insufficient() }
            r.presentErrors { error, _ in
                guard let insufficient = error as? Insufficient else { return nil }
                return GraphQLError(
                    "Balance too low.", code: ErrorCode("INSUFFICIENT_BALANCE"), extensions: ["walletId": insufficient.wallet])
            }
        }
    }

    @Test func asyncResolversOfOneLevelOverlap() async throws {
        // Both resolvers being in flight at once proves overlap without a wall-clock bound (flaky on a busy box).
        let context = Ctx()
        let response = await run(try Self.engine(), "{ slowA slowB }", context: context)
        #expect(response.json == #"{"data":{"slowA":1,"slowB":2}}"#)
        #expect(context.recorder.inFlight.withLock { $0.max } == 2)
    }

    @Test func mutationRootFieldsRunSeriallyInDocumentOrder() async throws {
        let context = Ctx()
        let response = await run(try Self.engine(), "mutation { a: step(n: 1) b: step(n: 2) c: step(n: 3) }", context: context)
        #expect(response.json == #"{"data":{"a":1,"b":2,"c":3}}"#)
        #expect(context.recorder.log.withLock { $0 } == ["start 1", "end 1", "start 2", "end 2", "start 3", "end 3"])
        #expect(context.recorder.inFlight.withLock { $0.max } == 1)
    }

    @Test func batchResolverIsCalledOncePerLevelForAllParents() async throws {
        let context = Ctx()
        let response = await run(try Self.engine(), "{ wallets { id owner { name friends { name friends { name } } } } }", context: context)
        #expect(response.errors.isEmpty)
        #expect(response.json.hasPrefix(#"{"data":{"wallets":[{"id":"w1","owner":{"name":"owner-of-w1","friends":[{"name":"f1","friends":[{"name":"f1"},{"name":"f2"}]}"#))
        // One call per level: 3 owners, then 3 owners' friends, then 6 friends' friends.
        #expect(context.recorder.log.withLock { $0 } == ["owner batch w1,w2,w3", "friends batch 3", "friends batch 6"])
    }

    @Test func fragmentsOnInterfacesAndUnionsSelectByRuntimeType() async throws {
        let query = """
            { pets { __typename name ... on Dog { barks } ...CatFields }
              search { ... on Dog { name } ... on Wallet { id } __typename } }
            fragment CatFields on Cat { lives }
            """
        let response = await run(try Self.engine(), query, context: Ctx())
        #expect(response.json == #"{"data":{"pets":[{"__typename":"Dog","name":"Rex","barks":true},{"__typename":"Cat","name":"Tom","lives":9}],"search":[{"name":"Rex","__typename":"Dog"},{"id":"w9","__typename":"Wallet"}]}}"#)
    }

    @Test func internalErrorsAreMaskedAndReportedWithTheRequestID() async throws {
        let reports = Mutex<[String]>([])
        let engine = try Self.engine { report in reports.withLock { $0.append("\(report.requestID) \(report.path) \(report.field) \(report.error)") } }
        let response = await engine.execute(GraphQLRequest(query: "{ fails }", requestID: "req-7"), context: Ctx())
        #expect(response.json == #"{"data":{"fails":null},"errors":[{"message":"Internal server error.","locations":[{"line":1,"column":3}],"path":["fails"],"extensions":{"code":"INTERNAL_SERVER_ERROR"}}]}"#)
        #expect(!response.json.contains("hunter2"))
        #expect(reports.withLock { $0 } == [#"req-7 fails Query.fails SecretFailure(detail: "db password is hunter2")"#])
    }

    @Test func thePresenterShowsApplicationErrorsWithTheirCodeAndExtensions() async throws {
        let response = await run(try Self.engine(), "{ refused }", context: Ctx())
        #expect(response.json == #"{"data":{"refused":null},"errors":[{"message":"Balance too low.","locations":[{"line":1,"column":3}],"path":["refused"],"extensions":{"code":"INSUFFICIENT_BALANCE","walletId":"w1"}}]}"#)
    }

    @Test func bindingListsEveryMissingAndStrayResolver() throws {
        var resolvers = ResolverMap<Ctx>()
        resolvers.field("Query", "hello") { _ in "x" }
        resolvers.field("Query", "nope") { _ in "x" }
        resolvers.field("Ghost", "id") { _ in "x" }
        resolvers.resolveType("Query") { _, _ in nil }
        let schema = ExecTestSchema.build("type Query { hello: String  other: Int }  type Thing { id: ID }")
        let error = #expect(throws: SchemaBindingError.self) { try ExecutableSchema(schema: schema, resolvers: resolvers) }
        #expect(error?.problems == [
            "Ghost.id: there is no type \"Ghost\"",
            "Query.nope: \"Query\" has no field \"nope\"",
            "Query.other has no resolver",
            "Thing.id has no resolver",
            "resolveType(\"Query\"): there is no interface or union \"Query\"",
        ])
    }

    struct Row: GraphQLObjectSource {
        func fieldValue(named name: String, arguments: Arguments) throws -> FieldValue? { name == "id" ? "r1" : nil }
    }

    @Test func sourceLookupIsAnExplicitPerTypeDefault() async throws {
        let engine: GraphQLEngine<Ctx> = try makeEngine("type Query { row: Row }  type Row { id: ID  other: Int }") { r in
            r.field("Query", "row") { _ in .object(Row()) }
            r.useSourceLookup(forType: "Row")
        }
        let response = await run(engine, "{ row { id other } }", context: Ctx())
        #expect(response.json.hasPrefix(#"{"data":{"row":{"id":"r1","other":null}},"errors":[{"message":"Internal server error.""#))
    }
}
