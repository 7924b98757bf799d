import Foundation

/// The pinned graphql-core that scripts/lib.sh's `ensure_graphql_oracle` installs into `.venv-oracle`.
///
/// Tests that shell out to it run when it is there, and also when `CI=true` without it, so that CI fails instead
/// of silently skipping (the same rule as the PostgreSQL cases in SQLDriverTests).
enum GraphQLOracle {
    static let isCI = ProcessInfo.processInfo.environment["CI"] == "true"

    /// `GRAPHQL_ORACLE_PYTHON` when set, else the checkout's `.venv-oracle`, so `swift test` finds it too.
    static let python: String? = {
        if let path = ProcessInfo.processInfo.environment["GRAPHQL_ORACLE_PYTHON"], !path.isEmpty { return path }
        let root = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let venv = root.appendingPathComponent(".venv-oracle/bin/python").path
        return FileManager.default.isExecutableFile(atPath: venv) ? venv : nil
    }()

    /// Whether oracle tests should run; when this is true and `python` is nil, they fail.
    static var shouldRun: Bool { python != nil || isCI }

    /// Runs the oracle's python with `arguments`, off Swift's cooperative pool (waiting on a child process
    /// blocks a thread), and returns its exit status and combined output.
    static func run(_ arguments: [String]) async throws -> (status: Int32, output: String) {
        guard let python else { throw MissingGraphQLOracle() }
        return try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(with: Result { try runBlocking(python, arguments) })
            }
        }
    }

    private static func runBlocking(_ python: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}

struct MissingGraphQLOracle: Error, CustomStringConvertible {
    var description: String {
        "CI=true but graphql-core is not installed: run scripts/test (or source scripts/lib.sh and call ensure_graphql_oracle)"
    }
}
