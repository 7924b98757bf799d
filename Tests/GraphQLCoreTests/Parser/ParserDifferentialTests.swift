import Foundation
import Testing
@testable import GraphQLCore

/// Our parser against graphql-core's on about 600 seeded mutations of valid documents (written by
/// scripts/graphql-core-oracle.py): the same inputs fail, at the same location, with the same message once
/// quoting style is set aside (graphql-core quotes with ', graphql-js with "); the rest print identically.
@Suite struct ParserDifferentialTests {
    struct Case: Decodable {
        var source: String
        var printed: String?
        var error: String?
        var line: Int?
        var column: Int?
    }

    static func corpus() throws -> [Case] {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Fixtures/GraphQLCore/parser-corpus.json")
        return try JSONDecoder().decode([Case].self, from: Data(contentsOf: url))
    }

    private static func unquoted(_ message: String) -> String {
        message.replacingOccurrences(of: "\"", with: "'")
    }

    @Test func parserAgreesWithGraphQLCoreOnTheMutationCorpus() throws {
        let cases = try Self.corpus()
        #expect(cases.count > 500)
        var disagreements: [String] = []
        for item in cases {
            let ours: String
            do throws(GraphQLError) {
                ours = "printed: " + print(try parse(item.source))
            } catch {
                let location = error.locations.first.map { "\($0.line):\($0.column)" } ?? "-"
                ours = "error: \(Self.unquoted(error.message)) @\(location)"
            }
            let theirs = item.printed.map { "printed: " + $0 }
                ?? "error: \(Self.unquoted(item.error ?? "")) @\(item.line ?? 0):\(item.column ?? 0)"
            if ours != theirs {
                disagreements.append("\(item.source.debugDescription)\n  ours:   \(ours)\n  theirs: \(theirs)")
            }
        }
        #expect(disagreements.isEmpty, Comment(rawValue: "\(disagreements.count) disagreements:\n" + disagreements.prefix(5).joined(separator: "\n")))
    }
}
