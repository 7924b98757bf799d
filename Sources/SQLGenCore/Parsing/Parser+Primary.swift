extension Parser {
    mutating func parsePrimary() throws(LocatedError) -> Expression {
        let token = current
        let start = token.start
        switch token.kind {
        case .number:
            advance()
            let literal: Literal = token.text.contains(".") ? .decimal(token.text) : .integer(token.text)
            return Expression(kind: .literal(literal), range: token.range)
        case .string:
            advance()
            return Expression(kind: .literal(.string(token.text)), range: token.range)
        case .positionalParameter:
            advance()
            guard let index = Int(token.text), index >= 1 else {
                throw LocatedError(offset: start, message: "parameter numbers start at $1")
            }
            return Expression(kind: .parameter(ParameterReference(key: .positional(index), forcedNullable: false)), range: token.range)
        case .namedParameter:
            advance()
            return Expression(kind: .parameter(ParameterReference(key: .named(token.text), forcedNullable: false)), range: token.range)
        case .symbol where token.text == "(":
            advance()
            if current.isKeyword("SELECT") || current.isKeyword("WITH") || current.isKeyword("VALUES") {
                let select = try parseSelect()
                try expect(symbol: ")")
                return Expression(kind: .subquery(select), range: start..<previousEnd)
            }
            let items = try list { (p: inout Parser) throws(LocatedError) in try p.parseExpression() }
            try expect(symbol: ")")
            if items.count == 1 { return Expression(kind: items[0].kind, range: start..<previousEnd) }
            return Expression(kind: .row(items), range: start..<previousEnd)
        case .symbol where token.text == "*":
            advance()
            return Expression(kind: .star(table: nil), range: token.range)
        case .identifier, .quotedIdentifier:
            return try parseWordExpression()
        default:
            throw syntaxError()
        }
    }

    private mutating func parseWordExpression() throws(LocatedError) -> Expression {
        let token = current
        let start = token.start
        if token.kind == .identifier {
            switch token.text.uppercased() {
            case "NULL":
                advance()
                return Expression(kind: .literal(.null), range: token.range)
            case "TRUE", "FALSE":
                advance()
                return Expression(kind: .literal(.boolean(token.text.uppercased() == "TRUE")), range: token.range)
            case "CASE":
                return try parseCase()
            case "CAST":
                advance()
                try expect(symbol: "(")
                let value = try parseExpression()
                try expect(keyword: "AS")
                let type = try parseTypeName()
                try expect(symbol: ")")
                return Expression(kind: .cast(value, type), range: start..<previousEnd)
            case "EXISTS":
                advance()
                try expect(symbol: "(")
                let select = try parseSelect()
                try expect(symbol: ")")
                return Expression(kind: .exists(select), range: start..<previousEnd)
            case "ARRAY":
                advance()
                try expect(symbol: "[")
                var items: [Expression] = []
                if !current.isSymbol("]") {
                    items = try list { (p: inout Parser) throws(LocatedError) in try p.parseExpression() }
                }
                try expect(symbol: "]")
                return Expression(kind: .array(items), range: start..<previousEnd)
            case "SQLC" where peek().isSymbol("."):
                return try parseSQLCMacro()
            default:
                if Self.reserved.contains(token.text.uppercased()) { throw syntaxError() }
            }
        }
        advance()
        if current.isSymbol("(") { return try parseFunctionCall(name: token) }
        if accept(symbol: ".") {
            if accept(symbol: "*") { return Expression(kind: .star(table: token.name), range: start..<previousEnd) }
            let column = try expectName("a column name")
            return Expression(kind: .column(table: token.name, name: column.name), range: start..<previousEnd)
        }
        return Expression(kind: .column(table: nil, name: token.name), range: token.range)
    }

    /// `sqlc.arg(name)`, `sqlc.narg(name)` and `sqlc.embed(table)`, as in sqlc.
    private mutating func parseSQLCMacro() throws(LocatedError) -> Expression {
        let start = advance().start
        try expect(symbol: ".")
        let macro = try expectName("arg, narg or embed")
        guard macro.name == "arg" || macro.name == "narg" || macro.name == "embed" else {
            throw LocatedError(offset: macro.start, message: "unknown macro sqlc.\(macro.name); use sqlc.arg, sqlc.narg or sqlc.embed")
        }
        try expect(symbol: "(")
        if macro.name == "embed" {
            let table = try expectName("a table name or alias")
            try expect(symbol: ")")
            return Expression(kind: .embed(table: table.name), range: start..<previousEnd)
        }
        let name = current
        guard name.kind == .identifier || name.kind == .quotedIdentifier || name.kind == .string else {
            throw syntaxError(expected: "a parameter name")
        }
        advance()
        try expect(symbol: ")")
        let text = name.kind == .string ? String(name.text.dropFirst().dropLast()) : name.name
        let reference = ParameterReference(key: .named(text), forcedNullable: macro.name == "narg")
        return Expression(kind: .parameter(reference), range: start..<previousEnd)
    }

    private mutating func parseFunctionCall(name: Token) throws(LocatedError) -> Expression {
        try expect(symbol: "(")
        var arguments: [Expression] = []
        var distinct = false
        var star = false
        if accept(symbol: "*") {
            star = true
        } else if !current.isSymbol(")") {
            distinct = accept(keyword: "DISTINCT")
            arguments = try list { (p: inout Parser) throws(LocatedError) in try p.parseExpression() }
            if accept(keywords: "ORDER", "BY") { _ = try parseOrderItems() }
        }
        try expect(symbol: ")")
        var filter: Expression?
        if accept(keyword: "FILTER") {
            try expect(symbol: "(")
            try expect(keyword: "WHERE")
            filter = try parseExpression()
            try expect(symbol: ")")
        }
        var window: WindowSpecification?
        if accept(keyword: "OVER") {
            try expect(symbol: "(")
            var partition: [Expression] = []
            var order: [OrderItem] = []
            if accept(keywords: "PARTITION", "BY") {
                partition = try list { (p: inout Parser) throws(LocatedError) in try p.parseExpression() }
            }
            if accept(keywords: "ORDER", "BY") { order = try parseOrderItems() }
            // A frame clause (ROWS/RANGE/GROUPS …) needs no analysis: skip to the closing parenthesis.
            var depth = 0
            while !(depth == 0 && current.isSymbol(")")) {
                if current.kind == .end { throw syntaxError(expected: "\")\"") }
                if current.isSymbol("(") { depth += 1 }
                if current.isSymbol(")") { depth -= 1 }
                advance()
            }
            try expect(symbol: ")")
            window = WindowSpecification(partitionBy: partition, orderBy: order)
        }
        let call = FunctionCall(
            name: name.name, nameRange: name.range, arguments: arguments, distinct: distinct, star: star,
            filter: filter, window: window)
        return Expression(kind: .function(call), range: name.start..<previousEnd)
    }

    private mutating func parseCase() throws(LocatedError) -> Expression {
        let start = advance().start
        let operand = current.isKeyword("WHEN") ? nil : try parseExpression()
        var whens: [(Expression, Expression)] = []
        while accept(keyword: "WHEN") {
            let condition = try parseExpression()
            try expect(keyword: "THEN")
            whens.append((condition, try parseExpression()))
        }
        guard !whens.isEmpty else { throw syntaxError(expected: "WHEN") }
        let otherwise = accept(keyword: "ELSE") ? try parseExpression() : nil
        try expect(keyword: "END")
        return Expression(kind: .caseWhen(operand: operand, whens: whens, otherwise: otherwise), range: start..<previousEnd)
    }
}
