import Foundation
@testable import GraphQLCore

/// The differential corpus under Tests/Fixtures/Validation, shared with scripts/validation_oracle.py.
enum ValidationFixtures {
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fixtures/Validation")

    static func text(_ name: String) throws -> String {
        try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
    }

    /// The test schema, built once by the engine's SchemaBuilder (as graphql-core's build_schema builds it).
    static let schema: GraphQLSchema = {
        do {
            return try SchemaBuilder.build(sdl: text("schema.graphql"))
        } catch {
            fatalError("the fixture schema must build: \(error)")
        }
    }()

    /// (name, source) for every corpus document: hand-written cases (split at `#! name` lines), then the
    /// hypothesis-graphql and mutated ones.
    static func corpus() throws -> [(name: String, source: String)] {
        var result: [(name: String, source: String)] = []
        var name: String?
        var lines: [Substring] = []
        for line in try text("handwritten.graphql").split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("#! ") {
                if let name { result.append((name, lines.joined(separator: "\n") + "\n")) }
                name = String(line.dropFirst(3)).trimmingCharacters(in: .whitespaces)
                lines = []
            } else {
                lines.append(line)
            }
        }
        // The file ends with a newline, which the split turns into one trailing empty line.
        if let name { result.append((name, lines.dropLast().joined(separator: "\n") + "\n")) }
        for file in ["generated.json", "mutated.json"] {
            let items = try JSONSerialization.jsonObject(with: Data(text(file).utf8)) as? [[String: String]] ?? []
            for item in items {
                result.append((item["name"] ?? "", item["source"] ?? ""))
            }
        }
        return result
    }

    /// One error as the oracle compares it: graphql-js quoting, locations as (line, column).
    struct Comparable: Hashable, CustomStringConvertible {
        var message: String
        var locations: [[Int]]
        var description: String { "\(message) \(locations)" }
    }

    /// graphql-core's wording mapped to graphql-js's (the oracle script does the same): double quotes,
    /// "non-32-bit", and upper-case directive locations.
    static func normalise(_ message: String) -> String {
        var message = message.replacingOccurrences(of: "'", with: "\"").replacingOccurrences(of: "non 32-bit", with: "non-32-bit")
        if let range = message.range(of: "may not be used on "), message.hasSuffix(".") {
            let location = message[range.upperBound..<message.index(before: message.endIndex)]
            message = message[..<range.upperBound] + location.uppercased().replacingOccurrences(of: " ", with: "_") + "."
        }
        return message
    }

    static func comparable(_ error: GraphQLError) -> Comparable {
        Comparable(message: normalise(error.message), locations: error.locations.map { [$0.line, $0.column] })
    }

    /// graphql-core's errors per document name, from expected.json.
    static func expected() throws -> [String: [Comparable]] {
        let json = try JSONSerialization.jsonObject(with: Data(text("expected.json").utf8)) as? [String: [[String: Any]]] ?? [:]
        return json.mapValues { errors in
            errors.map { error in
                Comparable(
                    message: normalise(error["message"] as? String ?? ""),
                    locations: (error["locations"] as? [[Int]]) ?? [])
            }
        }
    }
}

/// Parses and validates against the fixture schema (or another), failing loudly if the source does not parse.
func validationErrors(_ source: String, schema: GraphQLSchema = ValidationFixtures.schema) -> [GraphQLError] {
    do throws(GraphQLError) {
        return validate(try parse(source), schema: schema)
    } catch {
        return [GraphQLError("parse failed: \(error.message)", code: .parseFailed)]
    }
}

/// Just the messages, for tests that check wording.
func validationMessages(_ source: String) -> [String] { validationErrors(source).map(\.message) }
