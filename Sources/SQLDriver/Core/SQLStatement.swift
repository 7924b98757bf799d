/// One SQL statement, with its text for each engine.
///
/// Statements are prepared once per connection and cached; the cache is keyed by the statement's identity
/// (its storage object) first and its text second, so generated code should keep statements in `static let`s.
/// There is deliberately no initialiser that takes interpolated text: SQL written by hand at runtime
/// goes through the `unsafeSQL` spellings, which makes it easy to find in review.
public struct SQLStatement: Sendable, Hashable, CustomStringConvertible {
    @usableFromInline
    final class Storage: Sendable {
        let postgres: String
        let sqlite: String
        let hash: Int

        init(postgres: String, sqlite: String) {
            self.postgres = postgres
            self.sqlite = sqlite
            var hasher = Hasher()
            hasher.combine(postgres)
            hasher.combine(sqlite)
            self.hash = hasher.finalize()
        }
    }

    let storage: Storage

    /// A statement whose text is the same on both engines. Placeholders must then be spelled `$1`… on
    /// PostgreSQL and `?1`… on SQLite, so in practice this suits statements without parameters.
    public init(unsafeSQL sql: String) {
        self.storage = Storage(postgres: sql, sqlite: sql)
    }

    /// A statement with one text per engine: PostgreSQL with `$n` placeholders, SQLite with `?n`.
    public init(unsafePostgres postgres: String, sqlite: String) {
        self.storage = Storage(postgres: postgres, sqlite: sqlite)
    }

    /// The text for `dialect`.
    public func sql(for dialect: SQLDialect) -> String {
        switch dialect {
        case .postgres: storage.postgres
        case .sqlite: storage.sqlite
        }
    }

    public static func == (lhs: SQLStatement, rhs: SQLStatement) -> Bool {
        lhs.storage === rhs.storage
            || (lhs.storage.hash == rhs.storage.hash && lhs.storage.postgres == rhs.storage.postgres
                && lhs.storage.sqlite == rhs.storage.sqlite)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(storage.hash)
    }

    /// Deliberately opaque: statements may be logged, and their text belongs in source, not in logs.
    public var description: String { "SQLStatement(#\(UInt(bitPattern: storage.hash) % 100_000))" }
}
