import Foundation
import Testing
@testable import GraphQLCore

/// Our validation errors must equal graphql-core's for every document of the corpus, as multisets of
/// (message, locations). The expectations were recorded by scripts/validation_oracle.py; scripts/validation-oracle
/// re-checks them live against graphql-core. Set GRAPHQL_ORACLE_OUTPUT to a path to dump our results as JSON.
@Suite struct ValidationDifferentialTests {
    @Test func corpusMatchesGraphQLCore() throws {
        let corpus = try ValidationFixtures.corpus()
        let expected = try ValidationFixtures.expected()
        #expect(corpus.count >= 200)
        #expect(expected.count == corpus.count, "expected.json is stale: regenerate it with validation_oracle.py expect")
        var dump: [String: Any] = [:]
        var mismatches = 0
        var invalid = 0
        let started = ContinuousClock.now
        for (name, source) in corpus {
            let document: Document
            do throws(GraphQLError) {
                document = try parse(source)
            } catch {
                Issue.record("\(name): our parser rejected a document graphql-core parses: \(error.message)")
                dump[name] = ["parseError": error.message]
                continue
            }
            let errors = validate(document, schema: ValidationFixtures.schema)
            dump[name] = ["errors": errors.map { ["message": $0.message, "locations": $0.locations.map { [$0.line, $0.column] }] }]
            let ours = errors.map(ValidationFixtures.comparable)
            guard let theirs = expected[name] else {
                Issue.record("\(name): no expectation in expected.json: regenerate it with validation_oracle.py expect")
                mismatches += 1
                continue
            }
            if !theirs.isEmpty { invalid += 1 }
            if ours.sorted(by: { $0.description < $1.description }) != theirs.sorted(by: { $0.description < $1.description }) {
                mismatches += 1
                let missing = Set(theirs).subtracting(ours).map(\.description).sorted()
                let extra = Set(ours).subtracting(theirs).map(\.description).sorted()
                Issue.record("\(name): graphql-core only: \(missing); ours only: \(extra)")
            }
        }
        print("validation differential: \(corpus.count) documents, \(invalid) invalid, \(mismatches) mismatches, "
            + "validated in \(ContinuousClock.now - started)")
        if let path = ProcessInfo.processInfo.environment["GRAPHQL_ORACLE_OUTPUT"] {
            let data = try JSONSerialization.data(withJSONObject: dump, options: [.sortedKeys])
            try data.write(to: URL(fileURLWithPath: path))
        }
    }
}
