extension Parser {
    /// Exactly one statement, then the end of input (an optional `;` allowed).
    mutating func parseSingleStatement() throws(LocatedError) -> Statement {
        let statement = try parseStatement()
        _ = accept(symbol: ";")
        guard current.kind == .end else {
            throw LocatedError(offset: current.start, message: "syntax error at or near \"\(current.text)\": one statement per query")
        }
        return statement
    }

    mutating func parseStatement() throws(LocatedError) -> Statement {
        let start = current.start
        let with = try parseWith()
        if current.isKeyword("SELECT") || current.isKeyword("VALUES") || current.isSymbol("(") {
            return .select(try parseSelect(with: with, start: start))
        }
        if accept(keyword: "INSERT") { return .insert(try parseInsert(with: with)) }
        if accept(keyword: "UPDATE") { return .update(try parseUpdate(with: with)) }
        if accept(keyword: "DELETE") { return .delete(try parseDelete(with: with)) }
        throw syntaxError(expected: "SELECT, INSERT, UPDATE or DELETE")
    }

    mutating func parseWith() throws(LocatedError) -> [CommonTableExpression] {
        guard accept(keyword: "WITH") else { return [] }
        _ = accept(keyword: "RECURSIVE")
        return try list { (parser: inout Parser) throws(LocatedError) in
            let nameToken = try parser.expectName("a CTE name")
            let name = nameToken.name
            var columns: [String]?
            if parser.accept(symbol: "(") {
                columns = try parser.list { (p: inout Parser) throws(LocatedError) in try p.expectName().name }
                try parser.expect(symbol: ")")
            }
            try parser.expect(keyword: "AS")
            _ = parser.accept(keywords: "NOT", "MATERIALIZED") || parser.accept(keyword: "MATERIALIZED")
            try parser.expect(symbol: "(")
            let statement = try parser.parseStatement()
            try parser.expect(symbol: ")")
            return CommonTableExpression(name: name, nameOffset: nameToken.start, columns: columns, statement: statement)
        }
    }

    mutating func parseSelect(with: [CommonTableExpression] = [], start: Int? = nil) throws(LocatedError) -> SelectStatement {
        let start = start ?? current.start
        let with = with.isEmpty ? try parseWith() : with
        var body = try parseSelectTerm()
        while current.isKeyword("UNION") || current.isKeyword("INTERSECT") || current.isKeyword("EXCEPT") {
            var op = advance().text.uppercased()
            if accept(keyword: "ALL") { op += " ALL" } else { _ = accept(keyword: "DISTINCT") }
            body = .compound(body, op: op, try parseSelectTerm())
        }
        var orderBy: [OrderItem] = []
        if accept(keywords: "ORDER", "BY") { orderBy = try parseOrderItems() }
        var limit: Expression?
        var offset: Expression?
        var locking: [Range<Int>] = []
        while true {
            if accept(keyword: "LIMIT") {
                limit = try parseExpression()
            } else if accept(keyword: "OFFSET") {
                offset = try parseExpression()
                _ = accept(keyword: "ROWS") || accept(keyword: "ROW")
            } else if current.isKeyword("FOR") {
                let lockStart = advance().start
                guard accept(keyword: "UPDATE") || accept(keyword: "SHARE") || accept(keywords: "NO", "KEY", "UPDATE")
                    || accept(keywords: "KEY", "SHARE")
                else { throw syntaxError(expected: "UPDATE or SHARE") }
                if accept(keyword: "OF") {
                    _ = try list { (p: inout Parser) throws(LocatedError) in try p.expectName() }
                }
                _ = accept(keyword: "NOWAIT") || accept(keywords: "SKIP", "LOCKED")
                locking.append(lockStart..<previousEnd)
            } else {
                break
            }
        }
        return SelectStatement(
            with: with, body: body, orderBy: orderBy, limit: limit, offset: offset, lockingRanges: locking,
            range: start..<previousEnd)
    }

    mutating func parseOrderItems() throws(LocatedError) -> [OrderItem] {
        try list { (parser: inout Parser) throws(LocatedError) in
            let expression = try parser.parseExpression()
            _ = parser.accept(keyword: "ASC") || parser.accept(keyword: "DESC")
            if parser.accept(keyword: "NULLS") {
                guard parser.accept(keyword: "FIRST") || parser.accept(keyword: "LAST") else {
                    throw parser.syntaxError(expected: "FIRST or LAST")
                }
            }
            return OrderItem(expression: expression)
        }
    }

    mutating func parseSelectTerm() throws(LocatedError) -> SelectBody {
        if current.isSymbol("(") {
            advance()
            let inner = try parseSelect()
            try expect(symbol: ")")
            return .nested(inner)
        }
        if accept(keyword: "VALUES") { return .values(try parseValuesRows()) }
        try expect(keyword: "SELECT")
        var distinct = false
        var distinctOn: Range<Int>?
        if current.isKeyword("DISTINCT") {
            let distinctStart = advance().start
            distinct = true
            if accept(keyword: "ON") {
                try skipParenthesised()
                distinctOn = distinctStart..<previousEnd
            }
        } else {
            _ = accept(keyword: "ALL")
        }
        let items = try parseSelectItems()
        var from: [FromItem] = []
        if accept(keyword: "FROM") { from = try parseFromList() }
        let whereClause = accept(keyword: "WHERE") ? try parseExpression() : nil
        var groupBy: [Expression] = []
        if accept(keywords: "GROUP", "BY") {
            groupBy = try list { (p: inout Parser) throws(LocatedError) in try p.parseExpression() }
        }
        let having = accept(keyword: "HAVING") ? try parseExpression() : nil
        return .core(
            SelectCore(
                distinct: distinct, distinctOnRange: distinctOn, items: items, from: from, whereClause: whereClause,
                groupBy: groupBy, having: having))
    }

    mutating func parseValuesRows() throws(LocatedError) -> [[Expression]] {
        try list { (parser: inout Parser) throws(LocatedError) in
            try parser.expect(symbol: "(")
            let row = try parser.list { (p: inout Parser) throws(LocatedError) in try p.parseExpression() }
            try parser.expect(symbol: ")")
            return row
        }
    }

    mutating func parseSelectItems() throws(LocatedError) -> [SelectItem] {
        try list { (parser: inout Parser) throws(LocatedError) in
            let expression = try parser.parseExpression()
            var alias: String?
            if parser.accept(keyword: "AS") {
                alias = try parser.expectName("an alias").name
            } else if parser.isAtName {
                alias = parser.advance().name
            }
            return SelectItem(expression: expression, alias: alias)
        }
    }

    mutating func parseFromList() throws(LocatedError) -> [FromItem] {
        try list { (parser: inout Parser) throws(LocatedError) in try parser.parseJoinedItem() }
    }

    mutating func parseJoinedItem() throws(LocatedError) -> FromItem {
        var item = try parseFromPrimary()
        while true {
            let kind: JoinKind
            if accept(keyword: "JOIN") || accept(keywords: "INNER", "JOIN") {
                kind = .inner
            } else if accept(keywords: "LEFT", "JOIN") || accept(keywords: "LEFT", "OUTER", "JOIN") {
                kind = .left
            } else if accept(keywords: "RIGHT", "JOIN") || accept(keywords: "RIGHT", "OUTER", "JOIN") {
                kind = .right
            } else if accept(keywords: "FULL", "JOIN") || accept(keywords: "FULL", "OUTER", "JOIN") {
                kind = .full
            } else if accept(keywords: "CROSS", "JOIN") {
                kind = .cross
            } else {
                return item
            }
            let right = try parseFromPrimary()
            var on: Expression?
            var using: [String] = []
            if kind != .cross {
                if accept(keyword: "ON") {
                    on = try parseExpression()
                } else if accept(keyword: "USING") {
                    try expect(symbol: "(")
                    using = try list { (p: inout Parser) throws(LocatedError) in try p.expectName().name }
                    try expect(symbol: ")")
                } else {
                    throw syntaxError(expected: "ON or USING")
                }
            }
            item = .join(item, kind, right, on: on, using: using)
        }
    }

    mutating func parseFromPrimary() throws(LocatedError) -> FromItem {
        if current.isSymbol("(") {
            let open = advance()
            if current.isKeyword("SELECT") || current.isKeyword("WITH") || current.isKeyword("VALUES") {
                let select = try parseSelect()
                try expect(symbol: ")")
                _ = accept(keyword: "AS")
                guard isAtName else {
                    throw LocatedError(offset: open.start, message: "a subquery in FROM must have an alias")
                }
                let alias = advance().name
                var columns: [String]?
                if accept(symbol: "(") {
                    columns = try list { (p: inout Parser) throws(LocatedError) in try p.expectName().name }
                    try expect(symbol: ")")
                }
                return .subquery(select, alias: alias, columns: columns)
            }
            let inner = try parseJoinedItem()
            try expect(symbol: ")")
            return inner
        }
        _ = accept(keyword: "ONLY")
        let nameToken = try expectName("a table name")
        var name = nameToken.name
        var end = nameToken.range.upperBound
        if accept(symbol: ".") {
            let table = try expectName("a table name")
            name = table.name
            end = table.range.upperBound
        }
        return .table(name: name, alias: try parseAlias(), range: nameToken.start..<end)
    }

    mutating func parseAlias() throws(LocatedError) -> String? {
        if accept(keyword: "AS") { return try expectName("an alias").name }
        return isAtName ? advance().name : nil
    }

    mutating func parseReturning() throws(LocatedError) -> [SelectItem] {
        accept(keyword: "RETURNING") ? try parseSelectItems() : []
    }

    mutating func parseAssignments() throws(LocatedError) -> [Assignment] {
        try list { (parser: inout Parser) throws(LocatedError) in
            let column = try parser.expectName("a column name")
            try parser.expect(symbol: "=")
            let value = try parser.parseExpression()
            return Assignment(column: column.name, columnRange: column.range, value: value)
        }
    }
}
