/// The async interface that generated query functions call; the SQLite and PostgreSQL connections
/// implement it.
///
/// A connection is handed out by ``SQLPool`` for the duration of a closure and must not escape it.
/// Calls run on the pool's database threads; the row closures run there too, synchronously, so they
/// must only decode: a closure that blocks or waits holds a database thread, and the pool has one per
/// connection.
public protocol SQLConnection: AnyObject, Sendable {
    /// The engine, which selects the SQL text of each statement.
    var dialect: SQLDialect { get }

    /// Runs `statement` and returns the number of rows it changed.
    @discardableResult
    func execute(_ statement: SQLStatement, _ bindings: [SQLValue]) async throws -> Int64

    /// Runs `statement` and calls `row` for each result row, in order.
    func query(_ statement: SQLStatement, _ bindings: [SQLValue], row: (borrowing SQLRow) throws -> Void) async throws

    /// Runs `statement`, whose result nobody needs, possibly later: inside a transaction, PostgreSQL sends it with
    /// the connection's next statement or `COMMIT`, in the same round trip (ADR 0007). Its failure is reported by
    /// that later call (at the latest by `commit`, which then rolls back) and dooms the transaction as any failure
    /// does. So nothing after it may depend on it having succeeded, except through the database itself: a later
    /// statement that reads what it wrote sees it, since statements run in order. SQLite runs it at once.
    func executeDeferred(_ statement: SQLStatement, _ bindings: [SQLValue]) async throws
}

extension SQLConnection {
    /// At once, for a connection that has nothing to defer to.
    public func executeDeferred(_ statement: SQLStatement, _ bindings: [SQLValue]) async throws {
        _ = try await execute(statement, bindings)
    }

    /// All rows, each decoded by `decode`.
    public func fetchAll<Row>(
        _ statement: SQLStatement, _ bindings: [SQLValue] = [], decode: (borrowing SQLRow) throws -> Row
    ) async throws -> [Row] {
        var rows: [Row] = []
        try await query(statement, bindings) { rows.append(try decode($0)) }
        return rows
    }

    /// All rows as `Row`.
    public func fetchAll<Row: SQLRowDecodable>(
        _ statement: SQLStatement, _ bindings: [SQLValue] = [], as type: Row.Type = Row.self
    ) async throws -> [Row] {
        try await fetchAll(statement, bindings, decode: Row.init(row:))
    }

    /// The only row, or nil when there is none; more than one row is ``SQLError/Code/tooManyRows``.
    public func fetchOne<Row>(
        _ statement: SQLStatement, _ bindings: [SQLValue] = [], decode: (borrowing SQLRow) throws -> Row
    ) async throws -> Row? {
        var result: Row?
        var count = 0
        try await query(statement, bindings) { row in
            count += 1
            if count == 1 { result = try decode(row) }
        }
        if count > 1 { throw SQLError(.tooManyRows, detail: "\(count) rows") }
        return result
    }

    /// The only row as `Row`, or nil when there is none.
    public func fetchOne<Row: SQLRowDecodable>(
        _ statement: SQLStatement, _ bindings: [SQLValue] = [], as type: Row.Type = Row.self
    ) async throws -> Row? {
        try await fetchOne(statement, bindings, decode: Row.init(row:))
    }
}
