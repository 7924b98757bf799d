import CLibPQ

/// Maps a failed libpq result to ``SQLError`` by SQLSTATE.
enum PostgresErrors {
    static func map(result: OpaquePointer?, connection: OpaquePointer?) -> SQLError {
        let lost = connection.map { PQstatus($0) != CONNECTION_OK } ?? true
        guard let result else {
            let message = connection.map { String(cString: PQerrorMessage($0)) }
            return SQLError(lost ? .connectionLost : .other, engineMessage: message)
        }
        let state = field(result, "C")
        let constraint = field(result, "n")
        let message = field(result, "M") ?? String(cString: PQresultErrorMessage(result))
        if lost { return SQLError(.connectionLost, sqlState: state, engineMessage: message) }
        guard let state else { return SQLError(.other, engineMessage: message) }
        let code: SQLError.Code
        var detail: String?
        switch state {
        case "23505": code = .uniqueViolation
        case "23503", "23001": code = .foreignKeyViolation
        case "23514": code = .checkViolation
        case "23502":
            code = .notNullViolation
            detail = field(result, "c")
        case "40P01": code = .deadlock
        case "40001": code = .serializationFailure
        case "55P03": code = .busy
        case "57014": code = .statementTimeout
        case "25P02": code = .transactionAborted
        case "25006": code = .readOnlyViolation
        case "P0001":
            // RAISE EXCEPTION: the message may quote row values, so it stays in engineMessage.
            code = .raisedException
        case "57P01", "57P02", "57P03": code = .connectionLost
        default:
            if state.hasPrefix("08") {
                code = .connectionLost
            } else if state.hasPrefix("22") {
                code = .dataException
            } else if state.hasPrefix("42") || state.hasPrefix("26") {
                code = .invalidStatement
            } else {
                code = .other
            }
        }
        return SQLError(code, constraint: constraint, sqlState: state, detail: detail, engineMessage: message)
    }

    private static func field(_ result: OpaquePointer, _ code: Character) -> String? {
        guard let ascii = code.asciiValue, let value = PQresultErrorField(result, Int32(ascii)) else { return nil }
        return String(cString: value)
    }
}
