/// How a transaction is opened.
public enum SQLTransactionMode: Sendable, Hashable {
    /// A read-write transaction. SQLite: the single writer connection, `BEGIN IMMEDIATE`, so writers
    /// serialise up front instead of failing at their first write. PostgreSQL: READ COMMITTED; use
    /// row locks (`SELECT … FOR UPDATE`) for read-modify-write.
    case readWrite
    /// One consistent snapshot for several reads. SQLite: a reader connection in WAL mode, `BEGIN`.
    /// PostgreSQL: `REPEATABLE READ, READ ONLY`.
    case readOnlySnapshot
}
