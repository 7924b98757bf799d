import SQLSupport

/// Reads the DDL of one engine's migrations, in order, into tables of columns. It understands CREATE TABLE,
/// ALTER TABLE (ADD/DROP/RENAME/ALTER COLUMN) and DROP TABLE; indexes, functions, triggers and the rest do
/// not change column types or nullability, so their statements are skipped.
struct SchemaReader {
    struct Column {
        var name: String
        let type: TypeName
        var isNotNull: Bool
        let file: SourceFile
        let offset: Int
    }

    struct Table {
        let name: String
        var columns: [Column]
        let file: SourceFile
        let offset: Int
    }

    let dialect: SQLDialect
    private(set) var tables: [String: Table] = [:]

    init(dialect: SQLDialect) {
        self.dialect = dialect
    }

    mutating func read(_ file: SourceFile) throws(Diagnostic) {
        var cursor = 0
        for statement in SQLScript.split(file.text, dialect: dialect) {
            let bytes = Array(statement.sql.utf8)
            let start = Self.find(bytes, in: file.bytes, from: cursor) ?? cursor
            cursor = start + bytes.count
            do {
                var lexer = Lexer(file: file, range: start..<(start + bytes.count))
                var parser = Parser(tokens: try lexer.tokenize())
                try apply(&parser, file: file)
            } catch {
                throw file.diagnostic(error)
            }
        }
    }

    private static func find(_ needle: [UInt8], in haystack: [UInt8], from: Int) -> Int? {
        guard !needle.isEmpty, haystack.count >= needle.count else { return nil }
        var index = from
        while index + needle.count <= haystack.count {
            if haystack[index] == needle[0], Array(haystack[index..<(index + needle.count)]) == needle { return index }
            index += 1
        }
        return nil
    }

    private mutating func apply(_ parser: inout Parser, file: SourceFile) throws(LocatedError) {
        if parser.accept(keywords: "CREATE", "TABLE") {
            _ = parser.accept(keywords: "IF", "NOT", "EXISTS")
            let nameToken = try parser.expectName("a table name")
            try parser.expect(symbol: "(")
            var table = Table(name: nameToken.name, columns: [], file: file, offset: nameToken.start)
            repeat {
                if let column = try readElement(&parser, file: file, table: &table) { table.columns.append(column) }
            } while parser.accept(symbol: ",")
            try parser.expect(symbol: ")")
            tables[table.name] = table
        } else if parser.accept(keywords: "ALTER", "TABLE") {
            _ = parser.accept(keywords: "IF", "EXISTS")
            _ = parser.accept(keyword: "ONLY")
            let nameToken = try parser.expectName("a table name")
            guard var table = tables[nameToken.name] else {
                throw LocatedError(offset: nameToken.start, message: "relation \"\(nameToken.name)\" does not exist")
            }
            repeat { try alter(&parser, table: &table, file: file) } while parser.accept(symbol: ",")
            tables[table.name] = nil
            tables[table.name] = table
        } else if parser.accept(keywords: "DROP", "TABLE") {
            _ = parser.accept(keywords: "IF", "EXISTS")
            repeat { tables[try parser.expectName("a table name").name] = nil } while parser.accept(symbol: ",")
        }
    }

    /// A column definition, or nil for a table constraint (whose PRIMARY KEY columns become NOT NULL).
    private func readElement(_ parser: inout Parser, file: SourceFile, table: inout Table) throws(LocatedError) -> Column? {
        if parser.accept(keyword: "CONSTRAINT") { _ = try parser.expectName("a constraint name") }
        if parser.accept(keywords: "PRIMARY", "KEY") {
            try parser.expect(symbol: "(")
            let names = try parser.list { (p: inout Parser) throws(LocatedError) in try p.expectName().name }
            try parser.expect(symbol: ")")
            for index in table.columns.indices where names.contains(table.columns[index].name) {
                table.columns[index].isNotNull = true
            }
            skipToElementEnd(&parser)
            return nil
        }
        if ["UNIQUE", "CHECK", "FOREIGN", "EXCLUDE"].contains(where: { parser.current.isKeyword($0) }) {
            skipToElementEnd(&parser)
            return nil
        }
        return try readColumn(&parser, file: file)
    }

    private func readColumn(_ parser: inout Parser, file: SourceFile) throws(LocatedError) -> Column {
        let name = try parser.expectName("a column name")
        let type = try parser.parseTypeName()
        var notNull = false
        var depth = 0
        while !(depth == 0 && (parser.current.isSymbol(",") || parser.current.isSymbol(")")))
            && parser.current.kind != .end
        {
            if depth == 0, parser.accept(keywords: "NOT", "NULL") || parser.accept(keywords: "PRIMARY", "KEY") {
                notNull = true
                continue
            }
            if parser.current.isSymbol("(") { depth += 1 }
            if parser.current.isSymbol(")") { depth -= 1 }
            parser.advance()
        }
        return Column(name: name.name, type: type, isNotNull: notNull, file: file, offset: name.start)
    }

    private func skipToElementEnd(_ parser: inout Parser) {
        var depth = 0
        while !(depth == 0 && (parser.current.isSymbol(",") || parser.current.isSymbol(")")))
            && parser.current.kind != .end
        {
            if parser.current.isSymbol("(") { depth += 1 }
            if parser.current.isSymbol(")") { depth -= 1 }
            parser.advance()
        }
    }

    private func alter(_ parser: inout Parser, table: inout Table, file: SourceFile) throws(LocatedError) {
        if parser.accept(keyword: "ADD") {
            if parser.current.isKeyword("CONSTRAINT") || parser.current.isKeyword("PRIMARY")
                || parser.current.isKeyword("UNIQUE") || parser.current.isKeyword("CHECK")
                || parser.current.isKeyword("FOREIGN")
            {
                _ = try readElement(&parser, file: file, table: &table)
                return
            }
            _ = parser.accept(keyword: "COLUMN")
            _ = parser.accept(keywords: "IF", "NOT", "EXISTS")
            table.columns.append(try readColumn(&parser, file: file))
        } else if parser.accept(keyword: "DROP") {
            _ = parser.accept(keyword: "COLUMN")
            _ = parser.accept(keywords: "IF", "EXISTS")
            let name = try parser.expectName("a column name").name
            table.columns.removeAll { $0.name == name }
            skipToElementEnd(&parser)
        } else if parser.accept(keyword: "RENAME") {
            _ = parser.accept(keyword: "COLUMN")
            let old = try parser.expectName("a column name")
            try parser.expect(keyword: "TO")
            let new = try parser.expectName("a column name").name
            guard let index = table.columns.firstIndex(where: { $0.name == old.name }) else {
                throw LocatedError(offset: old.start, message: "column \"\(old.name)\" does not exist")
            }
            table.columns[index].name = new
        } else if parser.accept(keyword: "ALTER") {
            _ = parser.accept(keyword: "COLUMN")
            let name = try parser.expectName("a column name")
            guard let index = table.columns.firstIndex(where: { $0.name == name.name }) else {
                throw LocatedError(offset: name.start, message: "column \"\(name.name)\" does not exist")
            }
            if parser.accept(keywords: "SET", "NOT", "NULL") {
                table.columns[index].isNotNull = true
            } else if parser.accept(keywords: "DROP", "NOT", "NULL") {
                table.columns[index].isNotNull = false
            } else if parser.accept(keyword: "TYPE") || parser.accept(keywords: "SET", "DATA", "TYPE") {
                let column = table.columns[index]
                table.columns[index] = Column(
                    name: column.name, type: try parser.parseTypeName(), isNotNull: column.isNotNull, file: file,
                    offset: column.offset)
            }
            skipToElementEnd(&parser)
        } else {
            skipToElementEnd(&parser)
        }
    }
}
