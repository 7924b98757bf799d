import Foundation
import Testing

import SQLDriver

/// The engines a database test runs on: SQLite always; PostgreSQL when `WALLETGRAPH_TEST_POSTGRES_URL`
/// is set, and also when `CI=true` without it, so that CI fails instead of silently skipping.
public enum Engine: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case sqlite
    case postgres

    public static let postgresURL = ProcessInfo.processInfo.environment["WALLETGRAPH_TEST_POSTGRES_URL"]
    public static let isCI = ProcessInfo.processInfo.environment["CI"] == "true"

    public static var all: [Engine] {
        postgresURL != nil || isCI ? [.sqlite, .postgres] : [.sqlite]
    }

    public static var postgresOnly: [Engine] {
        postgresURL != nil || isCI ? [.postgres] : []
    }

    public var testDescription: String { rawValue }
    public var dialect: SQLDialect { self == .sqlite ? .sqlite : .postgres }
}

public struct MissingPostgres: Error, CustomStringConvertible {
    public var description: String { "CI=true but WALLETGRAPH_TEST_POSTGRES_URL is not set: PostgreSQL tests cannot run" }
}
