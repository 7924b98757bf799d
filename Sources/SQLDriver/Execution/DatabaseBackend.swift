/// What the pool needs from a concrete connection beyond ``SQLConnection``: transaction control,
/// health and closing. Internal, so only the driver's own engines implement it.
protocol DatabaseBackend: SQLConnection {
    var executor: DatabaseExecutor { get }
    /// False once the connection is known to be unusable; the pool then replaces it. Must not block.
    var isHealthy: Bool { get }
    /// Opens a transaction. Runs on a database thread.
    func begin(_ mode: SQLTransactionMode) throws
    /// Commits; throws ``SQLError/Code/transactionAborted`` if a statement failed inside. Database thread.
    func commit() throws
    /// Rolls back, best effort. Database thread.
    func rollback()
    /// Runs a script statement without parameters or caching (DDL in migrations). Database thread.
    func executeScript(_ sql: String) throws
    /// Releases the engine handle. Database thread.
    func close()
}

extension DatabaseBackend {
    /// Runs `body` inside a transaction: commit when it returns, roll back when it throws.
    ///
    /// A statement that fails inside the transaction dooms it, even if `body` catches the error: the
    /// commit then becomes a rollback and ``SQLError/Code/transactionAborted`` is thrown. PostgreSQL
    /// behaves this way natively; the driver makes SQLite agree.
    func withTransaction<T>(
        _ mode: SQLTransactionMode, isolation: isolated (any Actor)? = #isolation,
        _ body: (any SQLConnection) async throws -> T
    ) async throws -> T {
        try await executor.run { try self.begin(mode) }
        let result: T
        do {
            result = try await body(self)
        } catch {
            try? await executor.run { self.rollback() }
            throw error
        }
        try await executor.run { try self.commit() }
        return result
    }
}
