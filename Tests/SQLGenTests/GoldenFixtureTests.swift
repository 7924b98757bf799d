import Foundation
import SQLGenCore
import Testing

/// sqlc-style golden tests: each folder of `Fixtures/` holds `migrations/` and `queries/`, and either
/// `expected/` (the Swift the generator must produce, byte for byte) or `stderr.txt` (the diagnostics it must
/// print). The tests only compare; `scripts/update-sqlgen-fixtures` rewrites the expectations.
@Suite("SQLGen golden fixtures")
struct GoldenFixtureTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    /// The fixture folders; a folder that cannot be listed yields one impossible case, which fails, rather than none.
    static var cases: [String] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: fixtures.path), !names.isEmpty else {
            return ["<cannot list \(fixtures.path)>"]
        }
        return names.sorted()
    }

    /// The fixtures that must generate code; deleting one must fail, not shrink the suite.
    static let expectedSuccesses = [
        "basic", "ledger_shapes", "nullability", "overrides", "sqlite_rewrite", "table_models",
    ]

    private func input(_ name: String) -> Generator.Input {
        let root = Self.fixtures.appendingPathComponent(name)
        return Generator.Input(
            root: root, migrations: root.appendingPathComponent("migrations"), queries: root.appendingPathComponent("queries"))
    }

    private func read(_ url: URL) throws -> String {
        try String(contentsOf: url, encoding: .utf8)
    }

    @Test("every error class has a fixture, and every fixture has an expectation")
    func fixturesAreComplete() throws {
        let listed = try FileManager.default.contentsOfDirectory(atPath: Self.fixtures.path)
        #expect(!listed.isEmpty, "no fixtures in \(Self.fixtures.path)")
        let expectedErrors = [
            "error_syntax", "error_unknown_table", "error_unknown_column", "error_ambiguous_column", "error_parameter_type",
            "error_duplicate_name", "error_missing_annotation", "error_unknown_annotation", "error_no_sqlite_translation",
            "error_schema_mismatch", "error_numeric_result", "error_empty_sqlite_migrations", "error_embed_outer_join",
            "error_shared_row_mismatch",
        ]
        let missing = (expectedErrors + Self.expectedSuccesses).filter { !listed.contains($0) }
        #expect(missing.isEmpty, "missing fixtures: \(missing)")
        for name in Self.cases {
            let root = Self.fixtures.appendingPathComponent(name)
            let hasStderr = FileManager.default.fileExists(atPath: root.appendingPathComponent("stderr.txt").path)
            let hasExpected = FileManager.default.fileExists(atPath: root.appendingPathComponent("expected").path)
            #expect(hasStderr != hasExpected, "\(name) needs exactly one of stderr.txt and expected/")
            #expect(hasStderr == name.hasPrefix("error_"), "\(name): error cases are named error_*")
        }
    }

    @Test("the generator's output or diagnostics match the fixture", arguments: cases)
    func fixture(name: String) throws {
        let root = Self.fixtures.appendingPathComponent(name)
        let stderr = root.appendingPathComponent("stderr.txt")
        if FileManager.default.fileExists(atPath: stderr.path) {
            let expected = try read(stderr)
            do {
                let outputs = try Generator.generate(input(name))
                Issue.record("\(name) generated \(outputs.map(\.fileName)) but should fail with:\n\(expected)")
            } catch {
                #expect(error.description + "\n" == expected)
            }
            return
        }
        let outputs = try Generator.generate(input(name))
        let expectedFolder = root.appendingPathComponent("expected")
        let expectedNames = try FileManager.default.contentsOfDirectory(atPath: expectedFolder.path).sorted()
        #expect(!outputs.isEmpty, "\(name) generated nothing; a success fixture needs queries")
        #expect(!expectedNames.isEmpty, "\(name)/expected is empty")
        #expect(outputs.map(\.fileName) == expectedNames)
        for output in outputs where expectedNames.contains(output.fileName) {
            let expected = try read(expectedFolder.appendingPathComponent(output.fileName))
            #expect(output.contents == expected, "\(name)/\(output.fileName) differs; run scripts/update-sqlgen-fixtures and review the diff")
        }
    }
}
