import Foundation
import Testing

/// The `sqlgen` executable's contract with the build: diagnostics on standard error exactly as the library
/// words them, and exit status 1 on any error (the plugin relies on both to fail `swift build` readably).
@Suite("sqlgen command")
struct SQLGenCommandTests {
    /// `sqlgen`, built next to this test bundle (`swift build --build-tests` builds every product).
    static let executable = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        .appendingPathComponent("sqlgen")

    private func run(_ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
        let process = Process()
        process.executableURL = Self.executable
        process.arguments = arguments
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: stdout, as: UTF8.self), String(decoding: stderr, as: UTF8.self))
    }

    @Test("check prints each diagnostic as file:line:col: error: message and exits 1")
    func checkFails() throws {
        let root = GoldenFixtureTests.fixtures.appendingPathComponent("error_unknown_column")
        let result = try run(["check", "--root", root.path])
        #expect(result.status == 1)
        let expected = try String(contentsOf: root.appendingPathComponent("stderr.txt"), encoding: .utf8)
        #expect(result.stderr == expected)
    }

    @Test("check succeeds quietly on valid queries, and generate writes one file per query file")
    func checkAndGenerate() throws {
        let root = GoldenFixtureTests.fixtures.appendingPathComponent("basic")
        let check = try run(["check", "--root", root.path])
        #expect(check.status == 0)
        #expect(check.stdout == "sqlgen: 7 queries in 1 files are valid\n")
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("sqlgen-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: output) }
        let generate = try run(["generate", "--root", root.path, "--output", output.path])
        #expect(generate.status == 0)
        let written = try String(contentsOf: output.appendingPathComponent("accounts.sql.swift"), encoding: .utf8)
        let expected = try String(
            contentsOf: root.appendingPathComponent("expected").appendingPathComponent("accounts.sql.swift"), encoding: .utf8)
        #expect(written == expected)
    }
}
