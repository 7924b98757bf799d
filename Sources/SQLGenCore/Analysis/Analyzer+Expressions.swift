extension Analyzer {
    /// Types `expr`. `expected` is what the context wants (a compared column's type, an INSERT column's…),
    /// which only parameters and NULL take; `hint` names a parameter; `nullableTarget` says the context
    /// accepts NULL (a nullable column), so a parameter there is optional.
    func expression(
        _ expr: Expression, scope: Scope, expected: ColumnType? = nil, hint: String? = nil, nullableTarget: Bool = false
    ) throws(LocatedError) -> Typed {
        let offset = expr.range.lowerBound
        switch expr.kind {
        case .column(let table, let name):
            switch scope.lookup(table: table, column: name) {
            case .found(let typed): return typed
            case .ambiguous: throw LocatedError(offset: offset, message: "column reference \"\(name)\" is ambiguous")
            case .missingTable: throw LocatedError(offset: offset, message: "missing FROM-clause entry for table \"\(table ?? "")\"")
            case .missingColumn:
                let shown = table.map { "\($0).\(name)" } ?? name
                throw LocatedError(offset: offset, message: "column \"\(shown)\" does not exist")
            }
        case .star:
            throw LocatedError(offset: offset, message: "* is only allowed in a select list or count(*)")
        case .embed:
            throw LocatedError(offset: offset, message: "sqlc.embed is only allowed as an item of a select list")
        case .parameter(let reference):
            return try parameter(reference, range: expr.range, expected: expected, hint: hint, nullable: nullableTarget)
        case .literal(let literal):
            switch literal {
            case .integer(let text): return .known(ColumnType(Int32(text) != nil ? .integer : .bigint))
            case .decimal: return .known(ColumnType(.numeric))
            case .string: return Typed(type: nil, isNullable: false, isUnknownLiteral: true)
            case .boolean: return .known(ColumnType(.boolean))
            case .null: return Typed(type: expected, isNullable: true)
            }
        case .unary(let op, let operand):
            if op == "NOT" {
                let typed = try expression(operand, scope: scope, expected: ColumnType(.boolean))
                return .known(ColumnType(.boolean), nullable: typed.isNullable)
            }
            return try expression(operand, scope: scope, expected: expected, hint: hint)
        case .binary(let op, let left, let right):
            return try binary(op, left, right, scope: scope, offset: offset)
        case .isNull(let inner, _):
            if let number = try parameterNumber(inner) {
                try parameters.note(number, type: nil, hint: nil, nullable: true, at: offset)
            }
            _ = try expression(inner, scope: scope)
            return .known(ColumnType(.boolean))
        case .between(let value, let low, let high, _):
            let (a, b) = try pair(value, low, scope: scope)
            let (_, c) = try pair(value, high, scope: scope)
            return .known(ColumnType(.boolean), nullable: a.isNullable || b.isNullable || c.isNullable)
        case .inList(let value, let items, _):
            var nullable = false
            for item in items {
                let (a, b) = try pair(value, item, scope: scope)
                nullable = nullable || a.isNullable || b.isNullable
            }
            return .known(ColumnType(.boolean), nullable: nullable)
        case .inSelect(let value, let select, _):
            let typed = try expression(value, scope: scope)
            let outputs = try analyzeSelect(select, parent: scope, expected: [typed.type])
            guard outputs.count == 1 else { throw LocatedError(offset: select.range.lowerBound, message: "subquery has too many columns") }
            return .known(ColumnType(.boolean), nullable: true)
        case .quantified(let op, let left, let all, let right, _):
            return try quantified(op, left, all: all, right, range: expr.range, scope: scope)
        case .function(let call):
            if call.name == "txid_snapshot_xmin" { return try commitHorizon(call, range: expr.range) }
            return try function(call, scope: scope, expected: expected, hint: hint)
        case .cast(let inner, let typeName):
            return try cast(inner, typeName, range: expr.range, scope: scope, hint: hint, nullableTarget: nullableTarget)
        case .caseWhen(let operand, let whens, let otherwise):
            return try caseWhen(operand, whens, otherwise, scope: scope, expected: expected)
        case .subquery(let select):
            let outputs = try analyzeSelect(select, parent: scope, expected: [expected])
            guard outputs.count == 1 else { throw LocatedError(offset: offset, message: "subquery must return only one column") }
            return Typed(type: outputs[0].typed.type, isNullable: true)
        case .exists(let select):
            _ = try analyzeSelect(select, parent: scope)
            return .known(ColumnType(.boolean))
        case .row(let items):
            var nullable = false
            for item in items { nullable = try expression(item, scope: scope).isNullable || nullable }
            return Typed(type: nil, isNullable: nullable)
        case .array:
            throw LocatedError(offset: offset, message: "ARRAY[…] has no SQLite translation; pass a Swift array as a parameter")
        }
    }

    /// The `$n` of a parameter, possibly under a cast.
    func parameterNumber(_ expr: Expression) throws(LocatedError) -> Int? {
        switch expr.kind {
        case .parameter(let reference): try parameters.index(of: reference, at: expr.range.lowerBound)
        case .cast(let inner, _): try parameterNumber(inner)
        default: nil
        }
    }

    private func parameter(
        _ reference: ParameterReference, range: Range<Int>, expected: ColumnType?, hint: String?, nullable: Bool
    ) throws(LocatedError) -> Typed {
        let number = try parameters.index(of: reference, at: range.lowerBound)
        try parameters.note(number, type: expected, hint: hint, nullable: nullable, at: range.lowerBound)
        if case .named = reference.key { postgresEdits.replace(range, with: "$\(number)") }
        sqliteEdits.replace(range, with: "?\(number)")
        return Typed(type: parameters.slots[number]?.type, isNullable: reference.forcedNullable)
    }

    func compatible(_ a: ColumnType, _ b: ColumnType) -> Bool {
        a == b || (a.isNumeric && b.isNumeric)
    }

    /// The name a column reference gives a parameter compared with it.
    static func columnName(_ expr: Expression) -> String? {
        if case .column(_, let name) = expr.kind { return name }
        return nil
    }

    /// Types two operands that must agree; a parameter or NULL on either side takes the other side's type.
    func pair(_ left: Expression, _ right: Expression, scope: Scope) throws(LocatedError) -> (Typed, Typed) {
        if case .row(let lefts) = left.kind, case .row(let rights) = right.kind {
            guard lefts.count == rights.count else {
                throw LocatedError(offset: right.range.lowerBound, message: "row values have \(lefts.count) and \(rights.count) columns")
            }
            var nullable = false
            for (l, r) in zip(lefts, rights) {
                let (a, b) = try pair(l, r, scope: scope)
                nullable = nullable || a.isNullable || b.isNullable
            }
            return (Typed(type: nil, isNullable: nullable), Typed(type: nil, isNullable: false))
        }
        let leftIsOpen: Bool
        if case .parameter = left.kind { leftIsOpen = true } else if case .literal(.null) = left.kind { leftIsOpen = true } else { leftIsOpen = false }
        if leftIsOpen {
            let r = try expression(right, scope: scope)
            let l = try expression(left, scope: scope, expected: r.type ?? (r.isUnknownLiteral ? ColumnType(.text) : nil), hint: Self.columnName(right))
            return (l, r)
        }
        let l = try expression(left, scope: scope)
        let r = try expression(right, scope: scope, expected: l.type ?? (l.isUnknownLiteral ? ColumnType(.text) : nil), hint: Self.columnName(left))
        if let a = l.type, let b = r.type, !compatible(a, b) {
            throw LocatedError(offset: right.range.lowerBound, message: "operator does not exist: \(a) and \(b) cannot be compared")
        }
        return (l, r)
    }

    private func binary(_ op: String, _ left: Expression, _ right: Expression, scope: Scope, offset: Int) throws(LocatedError) -> Typed {
        switch op {
        case "AND", "OR":
            let l = try expression(left, scope: scope, expected: ColumnType(.boolean))
            let r = try expression(right, scope: scope, expected: ColumnType(.boolean))
            return .known(ColumnType(.boolean), nullable: l.isNullable || r.isNullable)
        case "=", "<>", "!=", "<", "<=", ">", ">=", "IS", "IS NOT":
            let (l, r) = try pair(left, right, scope: scope)
            return .known(ColumnType(.boolean), nullable: l.isNullable || r.isNullable)
        case "IS DISTINCT FROM", "IS NOT DISTINCT FROM":
            _ = try pair(left, right, scope: scope)
            return .known(ColumnType(.boolean))
        case "LIKE":
            let l = try expression(left, scope: scope, expected: ColumnType(.text))
            let r = try expression(right, scope: scope, expected: ColumnType(.text), hint: Self.columnName(left))
            return .known(ColumnType(.boolean), nullable: l.isNullable || r.isNullable)
        case "ILIKE":
            throw LocatedError(offset: offset, message: "ILIKE has no SQLite translation; compare lower(col) with LIKE")
        case "||":
            let l = try expression(left, scope: scope, expected: ColumnType(.text))
            let r = try expression(right, scope: scope, expected: ColumnType(.text))
            return .known(ColumnType(.text), nullable: l.isNullable || r.isNullable)
        case "+", "-", "*", "/", "%":
            let (l, r) = try pair(left, right, scope: scope)
            let type: ColumnType? =
                switch (l.type, r.type) {
                case (let a?, let b?) where a.isNumeric && b.isNumeric: ColumnType.promoted(a, b)
                case (let a?, _): a
                case (_, let b?): b
                default: nil
                }
            return Typed(type: type, isNullable: l.isNullable || r.isNullable)
        default:
            throw LocatedError(offset: offset, message: "operator \(op) is not supported")
        }
    }

    private func quantified(
        _ op: String, _ left: Expression, all: Bool, _ right: Expression, range: Range<Int>, scope: Scope
    ) throws(LocatedError) -> Typed {
        let l = try expression(left, scope: scope)
        guard try parameterNumber(right) != nil else {
            throw LocatedError(
                offset: right.range.lowerBound, message: "\(all ? "ALL" : "ANY") over anything but a parameter has no SQLite translation")
        }
        let r = try expression(right, scope: scope, expected: l.type?.array, hint: Self.columnName(left).map { $0 + "s" })
        if let type = r.type, !type.isArray {
            throw LocatedError(offset: right.range.lowerBound, message: "\(all ? "ALL" : "ANY") needs an array, not \(type)")
        }
        let membership: String
        switch (op, all) {
        case ("=", false): membership = " IN "
        case ("<>", true), ("!=", true): membership = " NOT IN "
        default:
            throw LocatedError(offset: range.lowerBound, message: "\(op) \(all ? "ALL" : "ANY") has no SQLite translation; use = ANY or <> ALL")
        }
        // Lists bind as JSON on SQLite (decision 0001).
        sqliteEdits.replace(
            range,
            with: [.source(left.range), .text(membership + "(SELECT value FROM json_each("), .source(right.range), .text("))")])
        return .known(ColumnType(.boolean), nullable: l.isNullable)
    }

    private func cast(
        _ inner: Expression, _ typeName: TypeName, range: Range<Int>, scope: Scope, hint: String?, nullableTarget: Bool
    ) throws(LocatedError) -> Typed {
        guard let target = ColumnType(typeName: typeName) else {
            throw LocatedError(offset: typeName.range.lowerBound, message: "type \"\(typeName.name)\" is not supported by the generator")
        }
        if case .parameter = inner.kind {
            let typed = try expression(inner, scope: scope, expected: target, hint: hint, nullableTarget: nullableTarget)
            // The bound value already has the right storage class on SQLite.
            sqliteEdits.replace(range, with: [.source(inner.range)])
            return Typed(type: target, isNullable: typed.isNullable)
        }
        let typed = try expression(inner, scope: scope, expected: target)
        guard !target.isArray, let storage = target.sqliteStorage else {
            throw LocatedError(offset: typeName.range.lowerBound, message: "a cast to \(target) has no SQLite translation")
        }
        sqliteEdits.replace(range, with: [.text("CAST("), .source(inner.range), .text(" AS \(storage))")])
        return Typed(type: target, isNullable: typed.isNullable)
    }

    private func caseWhen(
        _ operand: Expression?, _ whens: [(Expression, Expression)], _ otherwise: Expression?, scope: Scope, expected: ColumnType?
    ) throws(LocatedError) -> Typed {
        for (condition, _) in whens {
            if let operand { _ = try pair(operand, condition, scope: scope) } else {
                _ = try expression(condition, scope: scope, expected: ColumnType(.boolean))
            }
        }
        let results = whens.map { $0.1 } + (otherwise.map { [$0] } ?? [])
        return try common(results, scope: scope, expected: expected, nullable: otherwise == nil, anyNullable: true)
    }

    /// Operands that share one type (CASE results, COALESCE, GREATEST): typed from the first that has one.
    /// `optionalParameters`: a parameter among them may be nil (COALESCE's fallback pattern).
    func common(
        _ items: [Expression], scope: Scope, expected: ColumnType?, hint: String? = nil, nullable: Bool, anyNullable: Bool,
        optionalParameters: Bool = false
    ) throws(LocatedError) -> Typed {
        var type: ColumnType?
        var typedItems: [Int: Typed] = [:]
        for (index, item) in items.enumerated() {
            if case .parameter = item.kind { continue }
            if case .literal(.null) = item.kind { continue }
            let typed = try expression(item, scope: scope)
            typedItems[index] = typed
            if type == nil { type = typed.type }
        }
        type = type ?? expected ?? (typedItems.values.contains { $0.isUnknownLiteral } ? ColumnType(.text) : nil)
        var nullableResult = anyNullable ? false : true
        for (index, item) in items.enumerated() {
            let typed: Typed
            if let known = typedItems[index] {
                typed = known
            } else {
                typed = try expression(item, scope: scope, expected: type, hint: hint, nullableTarget: optionalParameters)
            }
            if let a = typed.type, let b = type, !compatible(a, b) {
                throw LocatedError(offset: item.range.lowerBound, message: "types \(b) and \(a) cannot be matched")
            }
            nullableResult = anyNullable ? (nullableResult || typed.isNullable) : (nullableResult && typed.isNullable)
        }
        return Typed(type: type, isNullable: nullableResult || nullable)
    }
}
