/// Expressions, by PostgreSQL's precedence: OR < AND < NOT < IS < comparison < BETWEEN/IN/LIKE < `||`
/// and other operators < `+ -` < `* / %` < unary < `::`.
extension Parser {
    mutating func parseExpression() throws(LocatedError) -> Expression {
        try parseOr()
    }

    private mutating func binary(
        _ left: Expression, _ op: String, _ right: Expression
    ) -> Expression {
        Expression(kind: .binary(op: op, left, right), range: left.range.lowerBound..<right.range.upperBound)
    }

    private mutating func parseOr() throws(LocatedError) -> Expression {
        var left = try parseAnd()
        while accept(keyword: "OR") { left = binary(left, "OR", try parseAnd()) }
        return left
    }

    private mutating func parseAnd() throws(LocatedError) -> Expression {
        var left = try parseNot()
        while accept(keyword: "AND") { left = binary(left, "AND", try parseNot()) }
        return left
    }

    private mutating func parseNot() throws(LocatedError) -> Expression {
        if current.isKeyword("NOT") {
            let start = advance().start
            let operand = try parseNot()
            return Expression(kind: .unary(op: "NOT", operand), range: start..<operand.range.upperBound)
        }
        return try parseIs()
    }

    private mutating func parseIs() throws(LocatedError) -> Expression {
        var left = try parseComparison()
        while true {
            if accept(keyword: "IS") {
                let negated = accept(keyword: "NOT")
                if accept(keyword: "NULL") {
                    left = Expression(kind: .isNull(left, negated: negated), range: left.range.lowerBound..<previousEnd)
                } else if accept(keyword: "TRUE") || accept(keyword: "FALSE") {
                    let value = tokens[position - 1].isKeyword("TRUE")
                    let literal = Expression(kind: .literal(.boolean(value)), range: tokens[position - 1].range)
                    left = binary(left, negated ? "IS NOT" : "IS", literal)
                } else if accept(keywords: "DISTINCT", "FROM") {
                    left = binary(left, negated ? "IS NOT DISTINCT FROM" : "IS DISTINCT FROM", try parseComparison())
                } else {
                    throw syntaxError(expected: "NULL, TRUE, FALSE or DISTINCT FROM")
                }
            } else if accept(keyword: "ISNULL") {
                left = Expression(kind: .isNull(left, negated: false), range: left.range.lowerBound..<previousEnd)
            } else if accept(keyword: "NOTNULL") {
                left = Expression(kind: .isNull(left, negated: true), range: left.range.lowerBound..<previousEnd)
            } else {
                return left
            }
        }
    }

    private static let comparisons: Set<String> = ["=", "<>", "!=", "<", "<=", ">", ">="]

    private mutating func parseComparison() throws(LocatedError) -> Expression {
        let left = try parsePredicate()
        guard current.kind == .symbol, Self.comparisons.contains(current.text) else { return left }
        let opToken = advance()
        if current.isKeyword("ANY") || current.isKeyword("ALL") || current.isKeyword("SOME") {
            let all = advance().isKeyword("ALL")
            try expect(symbol: "(")
            let right = try parseExpression()
            try expect(symbol: ")")
            return Expression(
                kind: .quantified(op: opToken.text, left, all: all, right, opStart: opToken.start),
                range: left.range.lowerBound..<previousEnd)
        }
        return binary(left, opToken.text, try parsePredicate())
    }

    private mutating func parsePredicate() throws(LocatedError) -> Expression {
        let left = try parseOperators()
        let negated = current.isKeyword("NOT")
            && (peek().isKeyword("BETWEEN") || peek().isKeyword("IN") || peek().isKeyword("LIKE")
                || peek().isKeyword("ILIKE"))
        if negated { advance() }
        if accept(keyword: "BETWEEN") {
            _ = accept(keyword: "SYMMETRIC")
            let low = try parseOperators()
            try expect(keyword: "AND")
            let high = try parseOperators()
            return Expression(kind: .between(left, low, high, negated: negated), range: left.range.lowerBound..<high.range.upperBound)
        }
        if accept(keyword: "IN") {
            try expect(symbol: "(")
            if current.isKeyword("SELECT") || current.isKeyword("WITH") {
                let select = try parseSelect()
                try expect(symbol: ")")
                return Expression(kind: .inSelect(left, select, negated: negated), range: left.range.lowerBound..<previousEnd)
            }
            let items = try list { (p: inout Parser) throws(LocatedError) in try p.parseExpression() }
            try expect(symbol: ")")
            return Expression(kind: .inList(left, items, negated: negated), range: left.range.lowerBound..<previousEnd)
        }
        if current.isKeyword("LIKE") || current.isKeyword("ILIKE") {
            let op = advance().text.uppercased()
            let right = try parseOperators()
            let like = binary(left, op, right)
            return negated ? Expression(kind: .unary(op: "NOT", like), range: like.range) : like
        }
        return left
    }

    private mutating func parseOperators() throws(LocatedError) -> Expression {
        var left = try parseAdditive()
        while current.kind == .symbol, ["||", "->", "->>"].contains(current.text) {
            let op = advance().text
            left = binary(left, op, try parseAdditive())
        }
        return left
    }

    private mutating func parseAdditive() throws(LocatedError) -> Expression {
        var left = try parseMultiplicative()
        while current.isSymbol("+") || current.isSymbol("-") {
            let op = advance().text
            left = binary(left, op, try parseMultiplicative())
        }
        return left
    }

    private mutating func parseMultiplicative() throws(LocatedError) -> Expression {
        var left = try parseUnary()
        while current.isSymbol("*") || current.isSymbol("/") || current.isSymbol("%") {
            let op = advance().text
            left = binary(left, op, try parseUnary())
        }
        return left
    }

    private mutating func parseUnary() throws(LocatedError) -> Expression {
        if current.isSymbol("-") || current.isSymbol("+") {
            let token = advance()
            let operand = try parseUnary()
            return Expression(kind: .unary(op: token.text, operand), range: token.start..<operand.range.upperBound)
        }
        return try parsePostfix()
    }

    private mutating func parsePostfix() throws(LocatedError) -> Expression {
        var expression = try parsePrimary()
        while accept(symbol: "::") {
            let type = try parseTypeName()
            expression = Expression(kind: .cast(expression, type), range: expression.range.lowerBound..<type.range.upperBound)
        }
        return expression
    }
}
