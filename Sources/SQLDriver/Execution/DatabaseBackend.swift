/// What the pool needs from a concrete connection beyond ``SQLConnection``: transaction control,
/// health and closing. Internal, so only the driver's own engines implement it.
protocol DatabaseBackend: SQLConnection {
    var usage: ConnectionUsage { get }
    /// False once the connection is known to be unusable, or is left inside a transaction; the pool then
    /// closes it and opens another. Must not block.
    var isHealthy: Bool { get }
    /// Opens a transaction (PostgreSQL sends `BEGIN` with the first statement).
    func begin(_ mode: SQLTransactionMode) async throws
    /// Commits; throws ``SQLError/Code/transactionAborted`` if a call failed inside.
    func commit() async throws
    /// Rolls back, best effort.
    func rollback() async
    /// Remembers that a call failed, which dooms an open transaction. Must not block.
    func recordFailure()
    /// Runs a script statement without parameters or caching (DDL in migrations).
    func executeScript(_ sql: String) async throws
    /// Releases the engine handle.
    func close() async
}

extension DatabaseBackend {
    /// Runs one call for the connection's lessee: refuses concurrent use and use after release, and dooms an
    /// open transaction when the call fails, whatever failed: the engine, a parameter the driver could not
    /// encode, or the caller's own row decoding.
    func guarded<T>(_ body: () async throws -> T) async throws -> T {
        try usage.enter()
        defer { usage.leave() }
        do {
            return try await body()
        } catch {
            recordFailure()
            throw error
        }
    }

    /// Runs a script (``executeScript(_:)``) as one guarded call.
    func script(_ sql: String) async throws {
        try await guarded { try await executeScript(sql) }
    }

    /// Runs `body` inside a transaction: commit when it returns, roll back when it throws.
    ///
    /// A call that fails inside the transaction dooms it, even if `body` catches the error: the commit then
    /// becomes a rollback and ``SQLError/Code/transactionAborted`` is thrown. PostgreSQL behaves this way
    /// for server errors natively; the driver extends it to every error and to SQLite.
    func withTransaction<T>(
        _ mode: SQLTransactionMode, isolation: isolated (any Actor)? = #isolation,
        _ body: (any SQLConnection) async throws -> T
    ) async throws -> T {
        try await guarded { try await begin(mode) }
        let result: T
        do {
            result = try await body(self)
        } catch {
            try? await guarded { await rollback() }
            throw error
        }
        try await guarded { try await commit() }
        return result
    }
}
