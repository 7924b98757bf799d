extension Parser {
    mutating func parseInsert(with: [CommonTableExpression]) throws(LocatedError) -> InsertStatement {
        try expect(keyword: "INTO")
        let table = try expectName("a table name")
        let alias = accept(keyword: "AS") ? try expectName("an alias").name : nil
        var columns: [(name: String, range: Range<Int>)] = []
        if current.isSymbol("("), !peek().isKeyword("SELECT") {
            advance()
            columns = try list { (p: inout Parser) throws(LocatedError) in
                let token = try p.expectName("a column name")
                return (token.name, token.range)
            }
            try expect(symbol: ")")
        }
        let source: InsertStatement.Source
        if accept(keywords: "DEFAULT", "VALUES") {
            source = .defaultValues
        } else if accept(keyword: "VALUES") {
            source = .values(try parseValuesRows())
        } else {
            source = .select(try parseSelect())
        }
        var onConflict: OnConflict?
        if accept(keywords: "ON", "CONFLICT") {
            var targets: [(name: String, range: Range<Int>)] = []
            var targetWhere: Expression?
            var constraintRange: Range<Int>?
            if current.isSymbol("(") {
                advance()
                targets = try list { (p: inout Parser) throws(LocatedError) in
                    let token = try p.expectName("a column name")
                    return (token.name, token.range)
                }
                try expect(symbol: ")")
                if accept(keyword: "WHERE") { targetWhere = try parseExpression() }
            } else if current.isKeyword("ON") {
                let start = advance().start
                try expect(keyword: "CONSTRAINT")
                _ = try expectName("a constraint name")
                constraintRange = start..<previousEnd
            }
            try expect(keyword: "DO")
            let action: OnConflict.Action
            if accept(keyword: "NOTHING") {
                action = .nothing
            } else {
                try expect(keyword: "UPDATE")
                try expect(keyword: "SET")
                let assignments = try parseAssignments()
                action = .update(assignments, whereClause: accept(keyword: "WHERE") ? try parseExpression() : nil)
            }
            onConflict = OnConflict(
                columns: targets, targetWhere: targetWhere, constraintRange: constraintRange, action: action)
        }
        return InsertStatement(
            with: with, table: table.name, tableRange: table.range, alias: alias, columns: columns, source: source,
            onConflict: onConflict, returning: try parseReturning())
    }

    mutating func parseUpdate(with: [CommonTableExpression]) throws(LocatedError) -> UpdateStatement {
        _ = accept(keyword: "ONLY")
        let table = try expectName("a table name")
        let alias = try parseAlias()
        try expect(keyword: "SET")
        let assignments = try parseAssignments()
        let from = accept(keyword: "FROM") ? try parseFromList() : []
        let whereClause = accept(keyword: "WHERE") ? try parseExpression() : nil
        return UpdateStatement(
            with: with, table: table.name, tableRange: table.range, alias: alias, assignments: assignments, from: from,
            whereClause: whereClause, returning: try parseReturning())
    }

    mutating func parseDelete(with: [CommonTableExpression]) throws(LocatedError) -> DeleteStatement {
        try expect(keyword: "FROM")
        _ = accept(keyword: "ONLY")
        let table = try expectName("a table name")
        let alias = try parseAlias()
        let using = accept(keyword: "USING") ? try parseFromList() : []
        let whereClause = accept(keyword: "WHERE") ? try parseExpression() : nil
        return DeleteStatement(
            with: with, table: table.name, tableRange: table.range, alias: alias, using: using,
            whereClause: whereClause, returning: try parseReturning())
    }
}
