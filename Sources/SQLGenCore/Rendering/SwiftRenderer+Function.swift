extension SwiftRenderer {
    func renderFunction(_ query: AnalyzedQuery, into out: inout SwiftWriter) {
        let function = SwiftNames.function(query.name)
        let statement = "\(function.replacingOccurrences(of: "`", with: ""))Statement"
        for line in query.documentation { out.line("/// \(line)".trimmingTrailingSpaces) }
        if !query.documentation.isEmpty { out.line("///") }
        out.line("/// `\(query.name)` (:\(query.command)), from `\(query.file):\(query.line)`.")
        out.line("///")
        out.line("/// PostgreSQL:")
        out.line("/// ```sql")
        for line in lines(query.postgresSQL) { out.line("/// \(line)".trimmingTrailingSpaces) }
        out.line("/// ```")
        out.line("///")
        out.line("/// SQLite:")
        out.line("/// ```sql")
        for line in lines(query.sqliteSQL) { out.line("/// \(line)".trimmingTrailingSpaces) }
        out.line("/// ```")
        let arguments: String
        let bindings: [String]
        if usesParamsStruct(query) {
            arguments = "_ params: \(SwiftNames.type(query.name))Params"
            bindings = query.parameters.map { "params.\(SwiftNames.property($0.name)).sqlValue" }
        } else {
            arguments = query.parameters.map {
                "\(SwiftNames.property($0.name)): \(SwiftNames.swiftType($0.type, nullable: $0.isNullable))"
            }.joined(separator: ", ")
            bindings = query.parameters.map { "\(SwiftNames.property($0.name)).sqlValue" }
        }
        let bindingList = "[" + bindings.joined(separator: ", ") + "]"
        if query.command == "execrows" { out.line("@discardableResult") }
        let result = returnTypeText(query).map { " -> \($0)" } ?? ""
        out.line("public func \(function)(\(arguments)) async throws\(result) {")
        out.indent { out in
            switch query.command {
            case "exec":
                out.line("try await connection.execute(Self.\(statement), \(bindingList))")
            case "execrows":
                out.line("try await connection.execute(Self.\(statement), \(bindingList))")
            case "execdeferred":
                out.line("try await connection.executeDeferred(Self.\(statement), \(bindingList))")
            default:
                let fetch = query.command == "one" ? "fetchOne" : "fetchAll"
                if usesRowStruct(query) || query.model != nil || query.sharedRow != nil {
                    out.line("try await connection.\(fetch)(Self.\(statement), \(bindingList), as: \(rowTypeText(query)).self)")
                } else {
                    let type = SwiftNames.swiftType(query.columns[0].type, nullable: query.columns[0].isNullable)
                    out.line("try await connection.\(fetch)(Self.\(statement), \(bindingList)) { try $0.decode(\(type).self, at: 0) }")
                }
            }
        }
        out.line("}")
        out.line("")
        out.line("/// The statement ``\(signature(query))`` runs, with its text for each engine.")
        out.line("public static let \(statement) = SQLStatement(")
        out.indent { out in
            out.line("unsafePostgres: #\"\"\"")
            for line in lines(query.postgresSQL) { out.line("    \(line)".trimmingTrailingSpaces) }
            out.line("    \"\"\"#,")
            out.line("sqlite: #\"\"\"")
            for line in lines(query.sqliteSQL) { out.line("    \(line)".trimmingTrailingSpaces) }
            out.line("    \"\"\"#)")
        }
    }

    func returnTypeText(_ query: AnalyzedQuery) -> String? {
        switch query.command {
        case "exec", "execdeferred": return nil
        case "execrows": return "Int64"
        default:
            let element = rowTypeText(query)
            return query.command == "one" ? element + "?" : "[\(element)]"
        }
    }

    /// The SQL's lines without the indentation they share, so that doc comments and literals line up.
    private func lines(_ sql: String) -> [String] {
        let raw = sql.split(separator: "\n", omittingEmptySubsequences: false).map { String($0).trimmingTrailingSpaces }
        let indents = raw.dropFirst().filter { !$0.isEmpty }.map { $0.prefix { $0 == " " }.count }
        let common = indents.min() ?? 0
        return [raw[0]] + raw.dropFirst().map { $0.count >= common ? String($0.dropFirst(common)) : $0 }
    }
}

extension String {
    var trimmingTrailingSpaces: String {
        var copy = self
        while copy.last == " " || copy.last == "\t" || copy.last == "\r" { copy.removeLast() }
        return copy
    }
}
