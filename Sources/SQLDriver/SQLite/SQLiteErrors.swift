import CSQLite
import Foundation

/// Maps SQLite result codes to ``SQLError``, naming the violated constraint the way PostgreSQL would.
enum SQLiteErrors {
    static func map(code extended: Int32, rc: Int32, message: String, connection: SQLiteConnection) -> SQLError {
        let state = "SQLITE_\(extended)"
        switch extended {
        case 2067:  // SQLITE_CONSTRAINT_UNIQUE
            return SQLError(
                .uniqueViolation, constraint: uniqueConstraintName(message, connection), sqlState: state,
                engineMessage: message)
        case 1555:  // SQLITE_CONSTRAINT_PRIMARYKEY: PostgreSQL's default name is <table>_pkey.
            let table = columns(in: message).first.map { $0.table }
            return SQLError(
                .uniqueViolation, constraint: table.map { "\($0)_pkey" }, sqlState: state, engineMessage: message)
        case 787:  // SQLITE_CONSTRAINT_FOREIGNKEY
            return SQLError(.foreignKeyViolation, sqlState: state, engineMessage: message)
        case 275:  // SQLITE_CONSTRAINT_CHECK: "CHECK constraint failed: <name or expression>"
            let name = suffix(of: message).flatMap { isIdentifier($0) ? $0 : nil }
            return SQLError(.checkViolation, constraint: name, sqlState: state, engineMessage: message)
        case 1299:  // SQLITE_CONSTRAINT_NOTNULL
            return SQLError(.notNullViolation, sqlState: state, detail: suffix(of: message), engineMessage: message)
        case 1811:  // SQLITE_CONSTRAINT_TRIGGER: RAISE(ABORT, 'message'); the message stays in engineMessage.
            return SQLError(.raisedException, sqlState: state, engineMessage: message)
        case 3091:  // SQLITE_CONSTRAINT_DATATYPE: a STRICT table refused a value of the wrong type.
            return SQLError(.typeMismatch, sqlState: state, engineMessage: message)
        default:
            break
        }
        switch rc & 0xff {
        case SQLITE_BUSY:
            return SQLError(.busy, sqlState: state, engineMessage: message)
        case SQLITE_READONLY:
            return SQLError(.readOnlyViolation, sqlState: state, engineMessage: message)
        case SQLITE_MISMATCH:
            return SQLError(.typeMismatch, sqlState: state, engineMessage: message)
        case SQLITE_ERROR where message.contains("integer overflow"):
            return SQLError(.dataException, sqlState: state, engineMessage: message)
        case SQLITE_ERROR, SQLITE_RANGE:
            return SQLError(.invalidStatement, sqlState: state, engineMessage: message)
        case SQLITE_INTERRUPT:
            return SQLError(.statementTimeout, sqlState: state, engineMessage: message)
        default:
            return SQLError(.other, sqlState: state, engineMessage: message)
        }
    }

    /// The text after "… failed: ".
    private static func suffix(of message: String) -> String? {
        guard let range = message.range(of: "failed: ") else { return nil }
        return String(message[range.upperBound...])
    }

    private static func isIdentifier(_ text: String) -> Bool {
        !text.isEmpty && text.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" }
    }

    /// "UNIQUE constraint failed: users.email, users.phone" → [(users, email), (users, phone)].
    private static func columns(in message: String) -> [(table: String, column: String)] {
        guard let list = suffix(of: message) else { return [] }
        return list.split(separator: ",").compactMap { item in
            let parts = item.trimmingCharacters(in: .whitespaces).split(separator: ".", maxSplits: 1)
            guard parts.count == 2 else { return nil }
            return (String(parts[0]), String(parts[1]))
        }
    }

    /// The name of the unique index on exactly the failing columns. SQLite reports columns, not names;
    /// an inline `UNIQUE` gets PostgreSQL's default name, `<table>_<columns>_key`.
    private static func uniqueConstraintName(_ message: String, _ connection: SQLiteConnection) -> String? {
        let failing = columns(in: message)
        guard let table = failing.first?.table else { return nil }
        let wanted = failing.map(\.column)
        for index in indexNames(of: table, connection) {
            let indexColumns = rows(
                "SELECT name FROM pragma_index_info(?1) ORDER BY seqno", argument: index, connection)
            if indexColumns == wanted && !index.hasPrefix("sqlite_autoindex_") { return index }
        }
        return "\(table)_\(wanted.joined(separator: "_"))_key"
    }

    private static func indexNames(of table: String, _ connection: SQLiteConnection) -> [String] {
        rows("SELECT name FROM pragma_index_list(?1) WHERE \"unique\" = 1", argument: table, connection)
    }

    /// A one-off query on the error path, outside the statement cache so it cannot disturb it.
    private static func rows(_ sql: String, argument: String, _ connection: SQLiteConnection) -> [String] {
        var statement: OpaquePointer?
        guard sqlite3_prepare_v2(connection.rawHandle, sql, -1, &statement, nil) == SQLITE_OK else { return [] }
        defer { sqlite3_finalize(statement) }
        sqlite3_bind_text(statement, 1, argument, -1, unsafeBitCast(-1, to: sqlite3_destructor_type.self))
        var names: [String] = []
        while sqlite3_step(statement) == SQLITE_ROW {
            if let text = sqlite3_column_text(statement, 0) { names.append(String(cString: text)) }
        }
        return names
    }
}
