import Foundation
import Testing

@testable import SQLDriver

/// The engines a database test runs on: SQLite always; PostgreSQL when `WALLETGRAPH_TEST_POSTGRES_URL`
/// is set, and also when `CI=true` without it, so that CI fails instead of silently skipping.
enum Engine: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case sqlite
    case postgres

    static let postgresURL = ProcessInfo.processInfo.environment["WALLETGRAPH_TEST_POSTGRES_URL"]
    static let isCI = ProcessInfo.processInfo.environment["CI"] == "true"

    static var all: [Engine] {
        postgresURL != nil || isCI ? [.sqlite, .postgres] : [.sqlite]
    }

    static var postgresOnly: [Engine] {
        postgresURL != nil || isCI ? [.postgres] : []
    }

    var testDescription: String { rawValue }
    var dialect: SQLDialect { self == .sqlite ? .sqlite : .postgres }
}

struct MissingPostgres: Error, CustomStringConvertible {
    var description: String { "CI=true but WALLETGRAPH_TEST_POSTGRES_URL is not set: PostgreSQL tests cannot run" }
}
