/// An error from the driver, with a stable ``Code`` and whether retrying the transaction can help.
///
/// `description` names the code and the constraint only: it never carries SQL text or bound values,
/// so it is safe to log anywhere. The engine's own message is kept in ``engineMessage`` for operators.
public struct SQLError: Error, Sendable, CustomStringConvertible {
    /// A stable error code. A struct over a closed internal list, so codes can be added without
    /// breaking callers that switch over the ones they know.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        enum Base: String, Sendable {
            case uniqueViolation = "UNIQUE_VIOLATION"
            case foreignKeyViolation = "FOREIGN_KEY_VIOLATION"
            case checkViolation = "CHECK_VIOLATION"
            case notNullViolation = "NOT_NULL_VIOLATION"
            case raisedException = "RAISED_EXCEPTION"
            case deadlock = "DEADLOCK"
            case serializationFailure = "SERIALIZATION_FAILURE"
            case busy = "BUSY"
            case connectionLost = "CONNECTION_LOST"
            case connectionFailed = "CONNECTION_FAILED"
            case poolClosed = "POOL_CLOSED"
            case poolExhausted = "POOL_EXHAUSTED"
            case poolTimeout = "POOL_TIMEOUT"
            case invalidConfiguration = "INVALID_CONFIGURATION"
            case connectionMisuse = "CONNECTION_MISUSE"
            case readOnlyViolation = "READ_ONLY_VIOLATION"
            case transactionAborted = "TRANSACTION_ABORTED"
            case statementTimeout = "STATEMENT_TIMEOUT"
            case unexpectedNull = "UNEXPECTED_NULL"
            case typeMismatch = "TYPE_MISMATCH"
            case dataException = "DATA_EXCEPTION"
            case tooManyRows = "TOO_MANY_ROWS"
            case invalidStatement = "INVALID_STATEMENT"
            case migrationInvalid = "MIGRATION_INVALID"
            case migrationChecksumMismatch = "MIGRATION_CHECKSUM_MISMATCH"
            case migrationUnknown = "MIGRATION_UNKNOWN"
            case migrationFailed = "MIGRATION_FAILED"
            case other = "DATABASE_ERROR"
        }

        let base: Base
        init(_ base: Base) { self.base = base }

        /// The code as a stable string, e.g. `UNIQUE_VIOLATION`.
        public var rawValue: String { base.rawValue }
        public var description: String { base.rawValue }

        /// A unique or primary-key constraint rejected the row. ``SQLError/constraint`` names it.
        public static let uniqueViolation = Code(.uniqueViolation)
        /// A foreign key rejected the row.
        public static let foreignKeyViolation = Code(.foreignKeyViolation)
        /// A CHECK constraint rejected the row. ``SQLError/constraint`` names it when the schema named it.
        public static let checkViolation = Code(.checkViolation)
        /// A NOT NULL column got NULL.
        public static let notNullViolation = Code(.notNullViolation)
        /// A trigger or function rejected the statement (`RAISE(ABORT, …)`, `RAISE EXCEPTION`).
        public static let raisedException = Code(.raisedException)
        /// PostgreSQL detected a deadlock (40P01). Retryable.
        public static let deadlock = Code(.deadlock)
        /// PostgreSQL could not serialise the transaction (40001). Retryable.
        public static let serializationFailure = Code(.serializationFailure)
        /// SQLite's busy timeout ran out (`SQLITE_BUSY`/`SQLITE_LOCKED`), or PostgreSQL's
        /// lock_not_available (55P03). Retryable.
        public static let busy = Code(.busy)
        /// The connection broke. The outcome of an in-flight COMMIT is unknown, so this is not retryable
        /// by the driver; callers with idempotency keys may retry.
        public static let connectionLost = Code(.connectionLost)
        /// A new connection could not be opened.
        public static let connectionFailed = Code(.connectionFailed)
        /// The pool was closed.
        public static let poolClosed = Code(.poolClosed)
        /// Every connection was in use and the pool's queue of waiting callers was full
        /// (``SQLPoolAdmission/maxWaiters``): nothing ran.
        public static let poolExhausted = Code(.poolExhausted)
        /// No connection came back within ``SQLPoolAdmission/acquireTimeout``: nothing ran.
        public static let poolTimeout = Code(.poolTimeout)
        /// A connection was used by two calls at once, or after its closure returned. A programming error.
        public static let connectionMisuse = Code(.connectionMisuse)
        /// A write inside a read-only snapshot (or on an SQLite reader connection).
        public static let readOnlyViolation = Code(.readOnlyViolation)
        /// The pool's settings cannot work, such as an SQLite `:memory:` database shared by a pool.
        public static let invalidConfiguration = Code(.invalidConfiguration)
        /// A statement failed inside the transaction, so it was rolled back instead of committed.
        public static let transactionAborted = Code(.transactionAborted)
        /// The statement was cancelled: by the engine's own timeout (`statement_timeout`), or because the task
        /// running it was cancelled (SQLite's `sqlite3_interrupt`, PostgreSQL's cancel request).
        public static let statementTimeout = Code(.statementTimeout)
        /// A non-optional column was NULL.
        public static let unexpectedNull = Code(.unexpectedNull)
        /// A column's stored type does not match the requested Swift type.
        public static let typeMismatch = Code(.typeMismatch)
        /// The engine rejected a value at run time, such as an integer overflow in an aggregate.
        public static let dataException = Code(.dataException)
        /// A query expected at most one row and got more.
        public static let tooManyRows = Code(.tooManyRows)
        /// The statement is invalid: syntax, unknown table or column, wrong parameter count.
        public static let invalidStatement = Code(.invalidStatement)
        /// A migration file is malformed (name, numbering, duplicate version).
        public static let migrationInvalid = Code(.migrationInvalid)
        /// An applied migration's file has changed since it was applied.
        public static let migrationChecksumMismatch = Code(.migrationChecksumMismatch)
        /// The database has a migration applied that this build does not know.
        public static let migrationUnknown = Code(.migrationUnknown)
        /// A migration statement failed; ``SQLError/detail`` gives its file and line.
        public static let migrationFailed = Code(.migrationFailed)
        /// Any other engine error.
        public static let other = Code(.other)
    }

    /// The stable code.
    public let code: Code
    /// The constraint involved, for constraint violations, when the engine reports it.
    public let constraint: String?
    /// PostgreSQL's SQLSTATE, or `SQLITE_<extended result code>`.
    public let sqlState: String?
    /// Operator-facing context free of user data, such as a migration's `file:line` or a column index.
    public let detail: String?
    /// The engine's own message. It may quote SQL text, so log it for operators and never show it to clients.
    public let engineMessage: String?

    init(
        _ code: Code, constraint: String? = nil, sqlState: String? = nil, detail: String? = nil,
        engineMessage: String? = nil
    ) {
        self.code = code
        self.constraint = constraint
        self.sqlState = sqlState
        self.detail = detail
        self.engineMessage = engineMessage
    }

    /// Whether running the whole transaction again may succeed: deadlock, serialization failure, busy.
    public var isRetryable: Bool {
        switch code.base {
        case .deadlock, .serializationFailure, .busy: true
        default: false
        }
    }

    public var description: String {
        var text = "SQLError(\(code.rawValue)"
        if let constraint { text += ", constraint: \(constraint)" }
        if let sqlState { text += ", state: \(sqlState)" }
        if let detail { text += ", \(detail)" }
        return text + ")"
    }
}
