/// The SQL engine behind a connection.
///
/// Generated code carries one SQL text per dialect; the connection picks the one it speaks.
public enum SQLDialect: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// The embedded engine, through libsqlite3.
    case sqlite
    /// The production engine, through libpq.
    case postgres

    public var description: String { rawValue }
}
