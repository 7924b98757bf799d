/// A recursive-descent parser for the PostgreSQL subset queries and migrations use. It reads tokens of one
/// statement and builds ``Statement`` values; errors carry the offset of the offending token.
struct Parser {
    var tokens: [Token]
    var position = 0

    init(tokens: [Token]) {
        self.tokens = tokens
    }

    /// Words that end an expression or a FROM item, so they cannot be read as an alias.
    static let reserved: Set<String> = [
        "ALL", "AND", "ANY", "AS", "ASC", "BETWEEN", "BY", "CASE", "CAST", "CROSS", "DEFAULT", "DELETE", "DESC",
        "DISTINCT", "DO", "ELSE", "END", "EXCEPT", "EXISTS", "FALSE", "FETCH", "FILTER", "FOR", "FROM", "FULL",
        "GROUP", "HAVING", "ILIKE", "IN", "INNER", "INSERT", "INTERSECT", "INTO", "IS", "ISNULL", "JOIN", "LEFT",
        "LIKE", "LIMIT", "NATURAL", "NOT", "NOTNULL", "NULL", "NULLS", "OFFSET", "ON", "OR", "ORDER", "OUTER",
        "OVER", "RETURNING", "RIGHT", "SELECT", "SET", "THEN", "TRUE", "UNION", "UPDATE", "USING", "VALUES", "WHEN",
        "WHERE", "WINDOW", "WITH",
    ]

    var current: Token { tokens[position] }

    func peek(_ offset: Int = 1) -> Token {
        tokens[min(position + offset, tokens.count - 1)]
    }

    /// End offset of the previous token.
    var previousEnd: Int { position > 0 ? tokens[position - 1].range.upperBound : current.start }

    @discardableResult
    mutating func advance() -> Token {
        let token = current
        if position < tokens.count - 1 { position += 1 }
        return token
    }

    mutating func accept(keyword: String) -> Bool {
        guard current.isKeyword(keyword) else { return false }
        advance()
        return true
    }

    mutating func accept(keywords: String...) -> Bool {
        for (offset, word) in keywords.enumerated() where !peek(offset).isKeyword(word) { return false }
        for _ in keywords { advance() }
        return true
    }

    mutating func accept(symbol: String) -> Bool {
        guard current.isSymbol(symbol) else { return false }
        advance()
        return true
    }

    @discardableResult
    mutating func expect(keyword: String) throws(LocatedError) -> Token {
        guard current.isKeyword(keyword) else { throw syntaxError(expected: keyword) }
        return advance()
    }

    @discardableResult
    mutating func expect(symbol: String) throws(LocatedError) -> Token {
        guard current.isSymbol(symbol) else { throw syntaxError(expected: "\"\(symbol)\"") }
        return advance()
    }

    /// An identifier (table, column, alias), folded the way PostgreSQL folds it.
    mutating func expectName(_ what: String = "a name") throws(LocatedError) -> Token {
        guard current.kind == .quotedIdentifier
            || (current.kind == .identifier && !Self.reserved.contains(current.text.uppercased()))
        else { throw syntaxError(expected: what) }
        return advance()
    }

    var isAtName: Bool {
        current.kind == .quotedIdentifier
            || (current.kind == .identifier && !Self.reserved.contains(current.text.uppercased()))
    }

    func syntaxError(expected: String? = nil) -> LocatedError {
        let near = current.kind == .end ? "at end of input" : "at or near \"\(current.text)\""
        let hint = expected.map { ", expected \($0)" } ?? ""
        return LocatedError(offset: current.start, message: "syntax error \(near)\(hint)")
    }

    /// A comma-separated list.
    mutating func list<T>(_ element: (inout Parser) throws(LocatedError) -> T) throws(LocatedError) -> [T] {
        var items = [try element(&self)]
        while accept(symbol: ",") { items.append(try element(&self)) }
        return items
    }

    /// Skips a balanced parenthesised group starting at `(`.
    mutating func skipParenthesised() throws(LocatedError) {
        let open = try expect(symbol: "(")
        var depth = 1
        while depth > 0 {
            if current.kind == .end { throw LocatedError(offset: open.start, message: "unbalanced parenthesis") }
            if current.isSymbol("(") { depth += 1 }
            if current.isSymbol(")") { depth -= 1 }
            advance()
        }
    }

    /// A type name: `bigint`, `text[]`, `varchar(32)`, `timestamp with time zone`, `double precision`.
    mutating func parseTypeName() throws(LocatedError) -> TypeName {
        let start = current.start
        guard current.kind == .identifier || current.kind == .quotedIdentifier else {
            throw syntaxError(expected: "a type name")
        }
        var words = [advance().name]
        let continuations: [String: [String]] = [
            "double": ["precision"], "character": ["varying"], "timestamp": ["with", "without"],
            "time": ["with", "without"],
        ]
        if let next = continuations[words[0]], next.contains(current.name) {
            words.append(advance().name)
            if words.last == "with" || words.last == "without" {
                try expect(keyword: "TIME")
                try expect(keyword: "ZONE")
                words += ["time", "zone"]
            }
        }
        if current.isSymbol("(") { try skipParenthesised() }
        var isArray = false
        while current.isSymbol("[") {
            advance()
            if current.kind == .number { advance() }
            try expect(symbol: "]")
            isArray = true
        }
        return TypeName(name: Self.canonicalType(words.joined(separator: " ")), isArray: isArray, range: start..<previousEnd)
    }

    static func canonicalType(_ spelled: String) -> String {
        switch spelled {
        case "int8", "bigserial", "serial8": "bigint"
        case "int", "int4", "serial", "serial4": "integer"
        case "int2", "smallserial", "serial2": "smallint"
        case "bool": "boolean"
        case "timestamp with time zone": "timestamptz"
        case "timestamp without time zone": "timestamp"
        case "varchar", "character varying", "character", "char", "bpchar", "citext": "text"
        case "decimal": "numeric"
        case "float8": "double precision"
        case "float4": "real"
        default: spelled
        }
    }
}
