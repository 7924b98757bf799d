import Foundation
import SQLDriver

/// Where the database is, from `DATABASE_URL`: `postgres://…` or `postgresql://…` (any libpq URI) for
/// PostgreSQL; `sqlite:PATH`, or nothing, for the embedded SQLite file (default `./data/wallet.sqlite`).
public enum DatabaseURL: Equatable, Sendable {
    case sqlite(path: String)
    case postgres(url: String)

    /// The embedded default.
    public static let defaultSQLitePath = "./data/wallet.sqlite"

    /// Parses `DATABASE_URL`; nil or blank is the SQLite default.
    public init(_ text: String?) throws(ConfigurationError) {
        guard let text = text?.trimmingCharacters(in: .whitespaces), !text.isEmpty else {
            self = .sqlite(path: Self.defaultSQLitePath)
            return
        }
        if text.hasPrefix("postgres://") || text.hasPrefix("postgresql://") {
            self = .postgres(url: text)
        } else if text.hasPrefix("sqlite:") {
            let path = String(text.dropFirst("sqlite:".count))
            guard !path.isEmpty else {
                throw ConfigurationError("DATABASE_URL sqlite: needs a path, e.g. sqlite:./data/wallet.sqlite")
            }
            self = .sqlite(path: path)
        } else {
            throw ConfigurationError("DATABASE_URL must start with postgres://, postgresql:// or sqlite:")
        }
    }

    /// The engine.
    public var dialect: SQLDialect {
        switch self {
        case .sqlite: .sqlite
        case .postgres: .postgres
        }
    }

    /// A description safe to print: the password of a PostgreSQL URL is masked.
    public var redacted: String {
        switch self {
        case .sqlite(let path): return "sqlite:\(path)"
        case .postgres(let url):
            guard var components = URLComponents(string: url), components.password != nil else { return url }
            components.password = "***"
            return components.string ?? "postgres://…"
        }
    }
}
