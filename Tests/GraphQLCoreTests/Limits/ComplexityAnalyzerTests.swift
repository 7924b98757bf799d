import Foundation
import Testing
@testable import GraphQLCore

@Suite struct ComplexityAnalyzerTests {
    static let schema: GraphQLSchema = {
        do throws(SchemaBuildError) {
            return try SchemaBuilder.build(sdl: """
                type Query {
                  wallet(id: ID!): Wallet
                  wallets(first: Int, last: Int): [Wallet!]!
                  tags: [String!]!
                  page(first: Int): WalletPage!
                }
                type WalletPage { total: Int! edges: [Wallet!]! nodes(first: Int): [Wallet!]! }
                type Wallet { id: ID! balance: Money! history(first: Int): [Money!]! owner: Wallet }
                type Money { amount: String! currency: String! }
                """)
        } catch {
            preconditionFailure("\(error)")
        }
    }()

    private func measure(
        _ query: String, variables: [String: Int] = [:], limits: ComplexityLimits = .unlimited
    ) throws -> ComplexityReport {
        try ComplexityAnalyzer.measure(try parse(query), schema: Self.schema, variables: variables, limits: limits)
    }

    private func refusal(_ query: String, limits: ComplexityLimits) -> GraphQLError? {
        do {
            _ = try measure(query, limits: limits)
            return nil
        } catch let error as GraphQLError {
            return error
        } catch {
            return nil
        }
    }

    @Test func listFieldsMultiplyTheirSubSelectionByFirstOrLast() throws {
        // wallets: 1 + 50 × (id 1 + balance (1 + amount 1)) = 151
        #expect(try measure("{ wallets(first: 50) { id balance { amount } } }").cost == 151)
        #expect(try measure("{ wallets(last: 5, first: 2) { id } }").cost == 1 + 5)
        // No argument on a list: the default size (10); a non-list object field: 1.
        #expect(try measure("{ wallets { id } wallet(id: 1) { id } }").cost == (1 + 10) + (1 + 1))
        // A leaf list has no sub-selection to multiply.
        #expect(try measure("{ tags }").cost == 1)
    }

    @Test func aConnectionSizesItsListsAndCountsItsOwnFieldsOnce() throws {
        // page: 1 + total 1 + edges (1 + 50 × id 1); edges takes the page's size, total counts once.
        #expect(try measure("{ page(first: 50) { total edges { id } } }").cost == 1 + 1 + (1 + 50))
        // The same through a fragment, summarised once and sized where it is spread.
        let spread = "{ page(first: 50) { ...P } } fragment P on WalletPage { total edges { id } }"
        #expect(try measure(spread).cost == 1 + 1 + (1 + 50))
        #expect(try measure("{ page(first: 50) { ... on WalletPage { edges { id } } } }").cost == 1 + (1 + 50))
        // A list with its own size keeps it; a connection without one leaves the default.
        #expect(try measure("{ page(first: 50) { nodes(first: 2) { id } } }").cost == 1 + (1 + 2))
        #expect(try measure("{ page { edges { id } } }").cost == 1 + (1 + 10))
        // Smaller than the default: fewer.
        #expect(try measure("{ page(first: 1) { edges { id balance { amount } } } }").cost == 1 + (1 + 1 * 3))
    }

    @Test func anExplicitNullSizeCountsAsTheFieldsDefaultNotTheOperationsDefault() throws {
        // `$n: Int = 0` with {"n": null}: the resolver gets null and pages by its default, so must the cost.
        #expect(ComplexityAnalyzer.sizes(["n": .null, "m": .int(3), "s": .string("x")]) == ["n": -1, "m": 3])
        let query = "query($n: Int = 0) { page(first: $n) { edges { id } } }"
        #expect(try measure(query, variables: ComplexityAnalyzer.sizes(["n": .null])).cost == 1 + (1 + 10))
        #expect(try measure(query).cost == 1 + (1 + 0))
        var limits = ComplexityLimits.unlimited
        limits.connectionDefaultSize = 20
        #expect(try measure(query, variables: ["n": -1], limits: limits).cost == 1 + (1 + 20))
        #expect(try measure("{ page { total edges { id } } }", limits: limits).cost == 1 + 1 + (1 + 20))
    }

    @Test func fieldCostsPriceExpensiveFieldsEachTimeTheyAreSelected() throws {
        var limits = ComplexityLimits.unlimited
        limits.fieldCosts = ["Wallet.history": 40, "Money.amount": 0]
        // history: 40 + 10 (its list size) × (amount 0 + currency 1); id and balance cost 1.
        #expect(try measure("{ wallet(id: 1) { id history { amount currency } } }", limits: limits).cost == 1 + (1 + 40 + 10))
        // Each alias runs it again, and pays again; in a list, once per item.
        let aliased = "{ wallet(id: 1) { a: history(first: 1) { currency } b: history(first: 1) { currency } } }"
        #expect(try measure(aliased, limits: limits).cost == 1 + 2 * (40 + 1))
        #expect(try measure("{ wallets(first: 3) { history(first: 0) { currency } } }", limits: limits).cost == 1 + 3 * 40)
        // A list the server bounds counts with its bound.
        limits.listSizes["Query.wallets"] = 20
        #expect(try measure("{ wallets { id } }", limits: limits).cost == 1 + 20)
        #expect(try measure("{ wallets(first: 2) { id } }", limits: limits).cost == 1 + 2)
        // On a connection: once, not once per item.
        limits.fieldCosts["WalletPage.total"] = 500
        #expect(try measure("{ page(first: 100) { total edges { id } } }", limits: limits).cost == 1 + 500 + (1 + 100))
        // Without the table every field costs 1.
        #expect(try measure("{ wallet(id: 1) { history(first: 0) { currency } } }").cost == 2)
    }

    @Test func variablesSizeListsFromTheRequestThenTheirDefaults() throws {
        let query = "query ($n: Int = 3, $m: Int) { a: wallets(first: $n) { id } b: wallets(first: $m) { id } }"
        #expect(try measure(query).cost == (1 + 3) + (1 + 10))
        #expect(try measure(query, variables: ["n": 100, "m": 7]).cost == (1 + 100) + (1 + 7))
    }

    @Test func aNegativeSizeCountsAsTheDefaultListSize() throws {
        // A negative first/last once counted as 0, so the whole sub-selection cost nothing:
        // wallets(first: -1) { history(first: 1000) { amount } } cost 1.
        let query = "{ wallets(first: FIRST) { history(first: 1000) { amount } } }"
        let asDefault = try measure(query.replacingOccurrences(of: "FIRST", with: "10")).cost
        #expect(asDefault == 1 + 10 * (1 + 1000 * 1))
        #expect(try measure(query.replacingOccurrences(of: "FIRST", with: "-1")).cost == asDefault)
        let viaVariable = query.replacingOccurrences(of: "FIRST", with: "$n").replacingOccurrences(of: "{ wallets", with: "query ($n: Int) { wallets")
        #expect(try measure(viaVariable, variables: ["n": -5]).cost == asDefault)
        // The largest size given still wins over a negative one.
        #expect(try measure("{ wallets(first: -1, last: 50) { id } }").cost == 1 + 50)
    }

    @Test func fragmentsCountOncePerSpreadWhereverTheyAreUsed() throws {
        let report = try measure("""
            { wallet(id: 1) { ...W owner { ...W } } }
            fragment W on Wallet { x: id y: id ... on Wallet { balance { amount } } }
            """)
        #expect(report.aliases == 4)
        #expect(report.fields == 1 + 4 + 1 + 4)
        #expect(report.depth == 4)
    }

    @Test func depthOverTheLimitIsRefusedAtTheDeepestField() {
        let query = "{ wallet(id: 1) {\n owner { owner { id } } } }"
        #expect(refusal(query, limits: ComplexityLimits(maxDepth: 4)) == nil)
        let error = refusal(query, limits: ComplexityLimits(maxDepth: 3))
        #expect(error?.code == .queryTooComplex)
        #expect(error?.message == "Query is too deep: depth 4 exceeds the maximum depth of 3.")
        #expect(error?.locations == [SourceLocation(line: 2, column: 18)])
    }

    @Test func aliasesFieldsAndCostOverTheirLimitsAreRefused() {
        let query = "query Q { a: wallets(first: 100) { id } b: wallets(first: 100) { id } }"
        #expect(refusal(query, limits: ComplexityLimits(maxAliases: 1))?.message
            == "Query has too many aliases: 2 exceeds the maximum of 1.")
        #expect(refusal(query, limits: ComplexityLimits(maxFields: 3))?.message
            == "Query selects too many fields: 4 exceeds the maximum of 3.")
        let expensive = refusal(query, limits: ComplexityLimits(maxCost: 201))
        #expect(expensive?.message == "Query is too expensive: cost 202 exceeds the maximum cost of 201.")
        #expect(expensive?.locations == [SourceLocation(line: 1, column: 1)])
        #expect(refusal(query, limits: ComplexityLimits(maxCost: 202)) == nil)
    }

    /// Forty fragments that each spread the previous one twice expand to 2^40 fields; measuring them must
    /// still take linear time, and the numbers must be exact rather than wrapped.
    @Test(.timeLimit(.minutes(1))) func exponentialFragmentFanOutIsMeasuredInLinearTime() throws {
        var source = "{ wallet(id: 1) { ...F40 } }\nfragment F0 on Wallet { id }\n"
        for index in 1...40 {
            source += "fragment F\(index) on Wallet { ...F\(index - 1) ...F\(index - 1) }\n"
        }
        let clock = ContinuousClock()
        var report: ComplexityReport?
        let time = try clock.measure { report = try measure(source) }
        #expect(report?.fields == 1 + (1 << 40))
        #expect(refusal(source, limits: ComplexityLimits()) != nil)
        print("2^40 expanded fields measured in \(time)")
    }

    @Test func longFragmentChainsDoNotExhaustTheStack() throws {
        var source = "{ wallet(id: 1) { ...F0 } }\n"
        for index in 0..<10_000 { source += "fragment F\(index) on Wallet { id ...F\(index + 1) }\n" }
        source += "fragment F10000 on Wallet { id }\n"
        let report = try measure(source)
        #expect(report.fields == 1 + 10_001)
    }

    /// Validation refuses fragment cycles, but the analyzer must not loop or crash if handed one.
    @Test func fragmentCyclesCountTheRepeatedSpreadAsEmpty() throws {
        let report = try measure("""
            { wallet(id: 1) { ...A } }
            fragment A on Wallet { id ...B }
            fragment B on Wallet { owner { id } ...A }
            """)
        #expect(report.fields == 1 + 1 + 2)
        #expect(report.depth == 3)
    }

    @Test func costSaturatesInsteadOfOverflowing() throws {
        let nested = "{ wallets(first: 10000000000) { history(first: 10000000000) { amount } } }"
        let deep = "{ a: wallets(first: 99999999999999999999) { id } }"
        #expect(try measure(nested).cost == Int.max)
        #expect(try measure(deep).cost == Int.max)
    }

    /// The query client tools send (from graphql-core's get_introspection_query, every option on) passes the
    /// default limits.
    @Test func standardIntrospectionQueryPassesTheDefaultLimits() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Fixtures/GraphQLCore/introspection-query.txt")
        let query = try String(contentsOf: url, encoding: .utf8)
        // The fixture is graphql-core's text (scripts/graphql-oracle checks it live); the library's copy equals it.
        #expect(IntrospectionQuery.standard + "\n" == query)
        let report = try measure(query, limits: ComplexityLimits())
        Swift.print("introspection query: \(report)")
        #expect(report == ComplexityReport(depth: 15, aliases: 0, fields: 227, cost: 51_860))
    }

    @Test func anAmbiguousOperationChoiceIsAUserError() {
        #expect(throws: GraphQLError.self) {
            try ComplexityAnalyzer.measure(try parse("query A { tags } query B { tags }"), schema: Self.schema)
        }
    }
}
