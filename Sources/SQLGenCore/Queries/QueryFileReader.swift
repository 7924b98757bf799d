/// Splits a query file into ``QueryBlock``s at its `-- name:` lines and reads their annotations.
enum QueryFileReader {
    static func read(_ file: SourceFile) throws(Diagnostic) -> [QueryBlock] {
        var lines: [(range: Range<Int>, text: String)] = []
        var start = 0
        for (index, byte) in file.bytes.enumerated() where byte == UInt8(ascii: "\n") {
            lines.append((start..<index, file.slice(start..<index)))
            start = index + 1
        }
        if start < file.bytes.count { lines.append((start..<file.bytes.count, file.slice(start..<file.bytes.count))) }

        var blocks: [QueryBlock] = []
        var header: (name: String, nameOffset: Int, command: QueryBlock.Command, line: Int)?
        var overrides: [QueryBlock.Override] = []
        var sharedRow: String?
        var documentation: [String] = []
        var inDocumentation = false
        var bodyStart = 0
        func finish(at end: Int) throws(Diagnostic) {
            guard let current = header else {
                if let offset = firstCode(file, bodyStart..<end) {
                    throw file.diagnostic(at: offset, "a query needs a \"-- name: Name :one|:many|:exec|:execrows|:execdeferred\" annotation")
                }
                return
            }
            guard firstCode(file, bodyStart..<end) != nil else {
                throw file.diagnostic(at: current.nameOffset, "query \(current.name) has no SQL")
            }
            blocks.append(
                QueryBlock(
                    name: current.name, nameOffset: current.nameOffset, command: current.command, file: file,
                    line: current.line, range: bodyStart..<end, overrides: overrides, sharedRow: sharedRow,
                    documentation: documentation))
        }
        var inHeader = false
        for (number, line) in lines.enumerated() {
            let trimmed = line.text.drop { $0 == " " || $0 == "\t" }
            let indent = line.text.utf8.count - trimmed.utf8.count
            if let rest = annotation(trimmed, "name:") {
                try finish(at: line.range.lowerBound)
                header = try parseName(rest, file: file, lineStart: line.range.lowerBound + indent + (trimmed.utf8.count - rest.utf8.count), line: number + 1)
                overrides = []
                sharedRow = nil
                documentation = []
                inHeader = true
                inDocumentation = true
                bodyStart = line.range.upperBound
            } else if inHeader, let rest = annotation(trimmed, "override:") {
                overrides.append(try parseOverride(rest, file: file, offset: line.range.lowerBound + indent + (trimmed.utf8.count - rest.utf8.count)))
                bodyStart = line.range.upperBound
            } else if inHeader, let rest = annotation(trimmed, "row:") {
                let offset = line.range.lowerBound + indent + (trimmed.utf8.count - rest.utf8.count)
                let names = words(rest, base: offset)
                guard names.count == 1, let name = names.first?.0, name.first?.isUppercase == true,
                    name.allSatisfy({ $0.isLetter || $0.isNumber })
                else { throw file.diagnostic(at: offset, "expected \"-- row: TypeName\" (one capitalised Swift identifier)") }
                sharedRow = name
                bodyStart = line.range.upperBound
            } else if inDocumentation, trimmed.hasPrefix("--") {
                inHeader = false
                documentation.append(String(trimmed.dropFirst(2).drop { $0 == " " }))
            } else if !trimmed.isEmpty {
                inHeader = false
                inDocumentation = false
            }
        }
        try finish(at: file.bytes.count)
        return blocks
    }

    /// The text after `-- <word>`, or nil when the line is not that annotation.
    private static func annotation(_ line: Substring, _ word: String) -> Substring? {
        guard line.hasPrefix("--") else { return nil }
        let afterDashes = line.dropFirst(2).drop { $0 == " " }
        guard afterDashes.hasPrefix(word) else { return nil }
        return afterDashes.dropFirst(word.count)
    }

    private static func firstCode(_ file: SourceFile, _ range: Range<Int>) -> Int? {
        var lexer = Lexer(file: file, range: range)
        guard let tokens = try? lexer.tokenize() else { return range.lowerBound }
        return tokens.first.flatMap { $0.kind == .end ? nil : $0.start }
    }

    private static func parseName(
        _ rest: Substring, file: SourceFile, lineStart: Int, line: Int
    ) throws(Diagnostic) -> (String, Int, QueryBlock.Command, Int) {
        let words = words(rest, base: lineStart)
        guard let (name, nameOffset) = words.first, !name.hasPrefix(":") else {
            throw file.diagnostic(at: lineStart, "missing query name in \"-- name:\" annotation")
        }
        guard name.first.map({ $0.isLetter }) == true, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) else {
            throw file.diagnostic(at: nameOffset, "query name \"\(name)\" is not an identifier")
        }
        let expected = "expected :one, :many, :exec, :execrows or :execdeferred"
        guard words.count >= 2 else {
            throw file.diagnostic(at: nameOffset + name.utf8.count, "missing command after query name \(name); \(expected)")
        }
        let (commandWord, commandOffset) = words[1]
        guard commandWord.hasPrefix(":"), let command = QueryBlock.Command(rawValue: String(commandWord.dropFirst())) else {
            throw file.diagnostic(at: commandOffset, "unknown command \"\(commandWord)\"; \(expected)")
        }
        if words.count > 2 {
            throw file.diagnostic(at: words[2].1, "unexpected \"\(words[2].0)\" after the command")
        }
        return (name, nameOffset, command, line)
    }

    private static func parseOverride(_ rest: Substring, file: SourceFile, offset: Int) throws(Diagnostic) -> QueryBlock.Override {
        let words = words(rest, base: offset)
        guard words.count == 2 else {
            throw file.diagnostic(at: offset, "expected \"-- override: column Type\" or \"-- override: @parameter Type\"")
        }
        let (target, _) = words[0]
        let typeOffset = words[1].1
        var typeName = words[1].0
        let nullable = typeName.hasSuffix("?")
        if nullable { typeName.removeLast() }
        let types: [String: ColumnType] = [
            "Int64": ColumnType(.bigint), "Int32": ColumnType(.integer), "Bool": ColumnType(.boolean),
            "String": ColumnType(.text), "Data": ColumnType(.bytea), "Date": ColumnType(.timestamptz),
            "UUID": ColumnType(.uuid), "[Int64]": ColumnType(.bigint, isArray: true),
            "[String]": ColumnType(.text, isArray: true), "[UUID]": ColumnType(.uuid, isArray: true),
        ]
        guard let type = types[typeName] else {
            throw file.diagnostic(
                at: typeOffset, "unknown override type \"\(typeName)\"; use one of \(types.keys.sorted().joined(separator: ", ")), optionally with ?")
        }
        let resolved: QueryBlock.Override.Target =
            target.hasPrefix("@") ? .parameter(String(target.dropFirst())) : .column(target.lowercased())
        return QueryBlock.Override(target: resolved, type: type, isNullable: nullable, offset: offset)
    }

    private static func words(_ text: Substring, base: Int) -> [(String, Int)] {
        var result: [(String, Int)] = []
        var offset = base
        var current = ""
        var currentStart = base
        for character in text {
            if character == " " || character == "\t" || character == "\r" {
                if !current.isEmpty { result.append((current, currentStart)) }
                current = ""
            } else {
                if current.isEmpty { currentStart = offset }
                current.append(character)
            }
            offset += character.utf8.count
        }
        if !current.isEmpty { result.append((current, currentStart)) }
        return result
    }
}
