extension Analyzer {
    /// PostgreSQL functions without an SQLite spelling the generator could rewrite to.
    private static let postgresOnly: Set<String> = [
        "now", "current_timestamp", "clock_timestamp", "date_trunc", "gen_random_uuid", "array_agg", "string_agg",
        "bool_and", "bool_or", "every", "array_length", "unnest", "to_char", "extract", "age", "jsonb_build_object",
        "json_build_object", "random", "generate_series", "txid_current", "txid_current_snapshot", "pg_notify",
    ]

    /// `txid_snapshot_xmin(txid_current_snapshot())`: the oldest transaction id still running when the statement's
    /// snapshot was taken (`bigint`), below which every transaction has ended. SQLite has one writer at a time and
    /// no transaction ids, so nothing is ever in flight for a reader: the largest `bigint`. Only this exact form
    /// translates (the outbox's commit horizon, migrations 0005).
    func commitHorizon(_ call: FunctionCall, range: Range<Int>) throws(LocatedError) -> Typed {
        guard call.arguments.count == 1, case .function(let inner) = call.arguments[0].kind,
            inner.name == "txid_current_snapshot", inner.arguments.isEmpty
        else {
            throw LocatedError(
                offset: call.nameRange.lowerBound,
                message: "txid_snapshot_xmin() translates to SQLite only as txid_snapshot_xmin(txid_current_snapshot())")
        }
        sqliteEdits.replace(range, with: "9223372036854775807")
        return .known(ColumnType(.bigint))
    }

    func function(_ call: FunctionCall, scope: Scope, expected: ColumnType?, hint: String?) throws(LocatedError) -> Typed {
        let offset = call.nameRange.lowerBound
        if let filter = call.filter { _ = try expression(filter, scope: scope, expected: ColumnType(.boolean)) }
        if let window = call.window {
            for item in window.partitionBy { _ = try expression(item, scope: scope) }
            for item in window.orderBy { _ = try expression(item.expression, scope: scope) }
        }
        let arguments = call.arguments
        func argument(_ index: Int, expected: ColumnType? = nil) throws(LocatedError) -> Typed {
            guard index < arguments.count else {
                throw LocatedError(offset: offset, message: "function \(call.name)() needs at least \(index + 1) arguments")
            }
            return try expression(arguments[index], scope: scope, expected: expected, hint: hint)
        }
        func requireCount(_ range: ClosedRange<Int>) throws(LocatedError) {
            guard range.contains(arguments.count) else {
                throw LocatedError(offset: offset, message: "function \(call.name)() takes \(range.lowerBound == range.upperBound ? "\(range.lowerBound)" : "\(range.lowerBound) to \(range.upperBound)") arguments, not \(arguments.count)")
            }
        }
        switch call.name {
        case "count":
            for item in arguments { _ = try expression(item, scope: scope) }
            return .known(ColumnType(.bigint))
        case "sum":
            try requireCount(1...1)
            let typed = try argument(0)
            // PostgreSQL widens: sum(integer) is bigint, sum(bigint) is numeric (hence the ::bigint cast).
            let type: ColumnType? =
                switch typed.type?.base {
                case .smallint?, .integer?: ColumnType(.bigint)
                case .bigint?, .numeric?: ColumnType(.numeric)
                case let base?: ColumnType(base)
                case nil: nil
                }
            return Typed(type: type, isNullable: true)
        case "avg":
            try requireCount(1...1)
            let typed = try argument(0)
            let isFloat = typed.type?.base == .doublePrecision || typed.type?.base == .real
            return Typed(type: ColumnType(isFloat ? .doublePrecision : .numeric), isNullable: true)
        case "min", "max":
            guard arguments.count == 1 else {
                throw LocatedError(offset: offset, message: "function \(call.name)() takes one argument; use \(call.name == "min" ? "LEAST" : "GREATEST") for several")
            }
            return Typed(type: try argument(0).type, isNullable: true)
        case "coalesce":
            try requireCount(1...64)
            return try common(
                arguments, scope: scope, expected: expected, hint: hint, nullable: false, anyNullable: false,
                optionalParameters: true)
        case "nullif":
            try requireCount(2...2)
            let (first, _) = try pair(arguments[0], arguments[1], scope: scope)
            return Typed(type: first.type, isNullable: true)
        case "greatest", "least":
            try requireCount(1...64)
            let typed = try common(arguments, scope: scope, expected: expected, hint: hint, nullable: false, anyNullable: true)
            // PostgreSQL's GREATEST skips NULLs; SQLite's max(a, b) returns NULL, so only non-null arguments translate.
            guard !typed.isNullable else {
                throw LocatedError(offset: offset, message: "\(call.name.uppercased()) over nullable values has no SQLite translation; wrap them in COALESCE")
            }
            sqliteEdits.replace(call.nameRange, with: call.name == "greatest" ? "max" : "min")
            return typed
        case "lower", "upper", "trim", "btrim", "ltrim", "rtrim":
            try requireCount(1...2)
            let typed = try argument(0, expected: ColumnType(.text))
            if arguments.count == 2 { _ = try argument(1, expected: ColumnType(.text)) }
            if call.name == "btrim" { sqliteEdits.replace(call.nameRange, with: "trim") }
            return .known(ColumnType(.text), nullable: typed.isNullable)
        case "length", "char_length", "character_length":
            try requireCount(1...1)
            let typed = try argument(0, expected: ColumnType(.text))
            if call.name != "length" { sqliteEdits.replace(call.nameRange, with: "length") }
            return .known(ColumnType(.integer), nullable: typed.isNullable)
        case "substr":
            try requireCount(2...3)
            let typed = try argument(0, expected: ColumnType(.text))
            _ = try argument(1, expected: ColumnType(.integer))
            if arguments.count == 3 { _ = try argument(2, expected: ColumnType(.integer)) }
            return .known(ColumnType(.text), nullable: typed.isNullable)
        case "abs":
            try requireCount(1...1)
            return try argument(0, expected: expected)
        case "replace":
            try requireCount(3...3)
            let typed = try argument(0, expected: ColumnType(.text))
            _ = try argument(1, expected: ColumnType(.text))
            _ = try argument(2, expected: ColumnType(.text))
            return .known(ColumnType(.text), nullable: typed.isNullable)
        case "row_number", "rank", "dense_rank":
            guard call.window != nil else {
                throw LocatedError(offset: offset, message: "window function \(call.name)() requires an OVER clause")
            }
            try requireCount(0...0)
            return .known(ColumnType(.bigint))
        case "lag", "lead":
            try requireCount(1...3)
            let typed = try argument(0)
            if arguments.count >= 2 { _ = try argument(1, expected: ColumnType(.integer)) }
            if arguments.count == 3 { _ = try argument(2, expected: typed.type) }
            return Typed(type: typed.type, isNullable: true)
        case "first_value", "last_value":
            try requireCount(1...1)
            return Typed(type: try argument(0).type, isNullable: true)
        default:
            if Self.postgresOnly.contains(call.name) {
                throw LocatedError(offset: offset, message: "function \(call.name)() has no SQLite translation; compute the value in Swift and pass it as a parameter")
            }
            throw LocatedError(offset: offset, message: "function \(call.name)() is not known to the generator")
        }
    }
}
