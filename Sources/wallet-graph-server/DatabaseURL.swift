import ArgumentParser
import Foundation
import SQLDriver

/// Where the database is, from `DATABASE_URL`: `postgres://…` or `postgresql://…` (any libpq URI) for
/// PostgreSQL; `sqlite:PATH`, or nothing, for the embedded SQLite file (default `./data/wallet.sqlite`).
enum DatabaseURL: Equatable {
    case sqlite(path: String)
    case postgres(url: String)

    static let defaultSQLitePath = "./data/wallet.sqlite"

    init(_ text: String?) throws {
        guard let text = text?.trimmingCharacters(in: .whitespaces), !text.isEmpty else {
            self = .sqlite(path: Self.defaultSQLitePath)
            return
        }
        if text.hasPrefix("postgres://") || text.hasPrefix("postgresql://") {
            self = .postgres(url: text)
        } else if text.hasPrefix("sqlite:") {
            let path = String(text.dropFirst("sqlite:".count))
            guard !path.isEmpty else { throw ValidationError("DATABASE_URL sqlite: needs a path, e.g. sqlite:./data/wallet.sqlite") }
            self = .sqlite(path: path)
        } else {
            throw ValidationError("DATABASE_URL must start with postgres://, postgresql:// or sqlite:")
        }
    }

    var dialect: SQLDialect {
        switch self {
        case .sqlite: .sqlite
        case .postgres: .postgres
        }
    }

    /// A description safe to print: the password of a PostgreSQL URL is masked.
    var redacted: String {
        switch self {
        case .sqlite(let path): return "sqlite:\(path)"
        case .postgres(let url):
            guard var components = URLComponents(string: url), components.password != nil else { return url }
            components.password = "***"
            return components.string ?? "postgres://…"
        }
    }
}
