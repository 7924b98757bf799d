/// Resolves one query block against the catalog: parses it, types every expression, infers parameters,
/// and rewrites the text for SQLite. One analyzer per query.
final class Analyzer {
    let catalog: Catalog
    let block: QueryBlock
    var parameters = ParameterTable()
    /// Edits that turn the query into PostgreSQL's text (named parameters → `$n`).
    var postgresEdits = TextEdits()
    /// Edits that turn the query into SQLite's text.
    var sqliteEdits = TextEdits()

    init(catalog: Catalog, block: QueryBlock) {
        self.catalog = catalog
        self.block = block
    }

    static func analyze(_ block: QueryBlock, catalog: Catalog) throws(Diagnostic) -> AnalyzedQuery {
        do {
            return try Analyzer(catalog: catalog, block: block).run()
        } catch {
            throw block.file.diagnostic(error)
        }
    }

    private func run() throws(LocatedError) -> AnalyzedQuery {
        var lexer = Lexer(file: block.file, range: block.range)
        var tokens = try lexer.tokenize()
        // The statement's text runs from its first token to its last, without a trailing semicolon.
        if tokens.count >= 2, tokens[tokens.count - 2].isSymbol(";") { tokens.remove(at: tokens.count - 2) }
        var parser = Parser(tokens: tokens)
        let statement = try parser.parseSingleStatement()
        let textRange = tokens[0].start..<tokens[tokens.count - 2].range.upperBound

        let outputs = try analyze(statement, scope: Scope(parent: nil))
        let (columns, embeds) = try resultColumns(outputs)
        let command = block.command
        if (command == .one || command == .many) && columns.isEmpty {
            throw LocatedError(
                offset: block.nameOffset,
                message: "query \(block.name) is :\(command.rawValue) but returns no columns; use :exec or add RETURNING")
        }
        let returnsRows = command == .one || command == .many
        if block.sharedRow != nil, !returnsRows || columns.count < 2 || !embeds.isEmpty {
            throw LocatedError(
                offset: block.nameOffset,
                message: "query \(block.name) names a shared row, which needs :one or :many and several plain columns (no sqlc.embed)")
        }
        let model = block.sharedRow == nil && returnsRows && embeds.isEmpty && columns.count > 1 ? Self.table(matching: columns, in: catalog) : nil
        return AnalyzedQuery(
            name: block.name, command: command.rawValue, file: block.file.displayPath, line: block.line,
            postgresSQL: postgresEdits.render(textRange, in: block.file),
            sqliteSQL: sqliteEdits.render(textRange, in: block.file),
            parameters: try finalParameters(), columns: columns, model: model, embeds: embeds,
            sharedRow: block.sharedRow, documentation: block.documentation)
    }

    /// The table whose columns are exactly `columns` (names, types and nullability, in order), if any; the
    /// first by name when several are alike, so that output never depends on dictionary order.
    static func table(matching columns: [AnalyzedQuery.Column], in catalog: Catalog) -> String? {
        catalog.tables.values.sorted { $0.name < $1.name }.first { table in
            table.columns.count == columns.count
                && zip(table.columns, columns).allSatisfy {
                    $0.name == $1.name && $0.type == $1.type && $0.isNullable == $1.isNullable
                }
        }?.name
    }

    func analyze(_ statement: Statement, scope: Scope) throws(LocatedError) -> [OutputColumn] {
        switch statement {
        case .select(let select): try analyzeSelect(select, parent: scope)
        case .insert(let insert): try analyzeInsert(insert, parent: scope)
        case .update(let update): try analyzeUpdate(update, parent: scope)
        case .delete(let delete): try analyzeDelete(delete, parent: scope)
        }
    }

    /// Names the outputs, applies `-- override:` lines, and requires a Swift type for each column. The
    /// columns of a `sqlc.embed(t)` are named inside `t`'s model, so only the embed's own property name must
    /// be unique among the row's names; overrides cannot reach them (the model's types are the catalog's).
    private func resultColumns(_ outputs: [OutputColumn]) throws(LocatedError) -> ([AnalyzedQuery.Column], [AnalyzedQuery.Embed]) {
        var columns: [AnalyzedQuery.Column] = []
        var embeds: [AnalyzedQuery.Embed] = []
        var seen: Set<String> = []
        let embedded = embedRuns(outputs)
        for (index, output) in outputs.enumerated() {
            guard let name = output.name else {
                throw LocatedError(offset: output.offset, message: "result column \(index + 1) has no name; add AS name")
            }
            if let run = embedded.first(where: { $0.range.contains(index) }) {
                if index == run.range.lowerBound {
                    let property = SwiftNames.singular(run.table)
                    guard seen.insert(property).inserted else {
                        throw LocatedError(offset: output.offset, message: "result name \"\(property)\" (an embedded \(run.table)) is used twice")
                    }
                    embeds.append(run)
                }
                guard let type = output.typed.type else {
                    throw LocatedError(offset: output.offset, message: "embedded column \"\(name)\" has no type")
                }
                columns.append(AnalyzedQuery.Column(name: name, type: type, isNullable: output.typed.isNullable))
                continue
            }
            guard seen.insert(name).inserted else {
                throw LocatedError(offset: output.offset, message: "result column name \"\(name)\" is used twice; add AS with another name")
            }
            var type = output.typed.type ?? (output.typed.isUnknownLiteral ? ColumnType(.text) : nil)
            var nullable = output.typed.isNullable
            if let override = block.overrides.first(where: { $0.target == .column(name) }) {
                type = override.type
                nullable = override.isNullable
            }
            guard let type else {
                throw LocatedError(
                    offset: output.offset,
                    message: "the type of result column \"\(name)\" cannot be inferred; cast it (::bigint) or add \"-- override: \(name) Type\"")
            }
            guard type.swiftType != nil else {
                throw LocatedError(
                    offset: output.offset,
                    message: "result column \"\(name)\" has type \(type), which has no Swift type; cast it (e.g. ::bigint)")
            }
            columns.append(AnalyzedQuery.Column(name: name, type: type, isNullable: nullable))
        }
        for override in block.overrides {
            if case .column(let name) = override.target, !seen.contains(name) || embeds.contains(where: { SwiftNames.singular($0.table) == name }) {
                throw LocatedError(offset: override.offset, message: "override names no result column \"\(name)\"")
            }
        }
        return (columns, embeds)
    }

    /// The runs of outputs that are one whole `sqlc.embed(t)`: the same mark, and exactly `t`'s columns in
    /// order with the catalog's types and nullability. A partial run (an outer query that selects only some of
    /// an embedded subquery's columns) is plain columns.
    private func embedRuns(_ outputs: [OutputColumn]) -> [AnalyzedQuery.Embed] {
        var runs: [AnalyzedQuery.Embed] = []
        var index = 0
        while index < outputs.count {
            guard let mark = outputs[index].embed, let table = catalog.tables[mark.table] else {
                index += 1
                continue
            }
            var end = index
            while end < outputs.count, outputs[end].embed == mark { end += 1 }
            let run = outputs[index..<end]
            let whole = run.count == table.columns.count
                && zip(run, table.columns).allSatisfy {
                    $0.name == $1.name && $0.typed.type == $1.type && $0.typed.isNullable == $1.isNullable
                }
            if whole { runs.append(AnalyzedQuery.Embed(table: mark.table, range: index..<end)) }
            index = end
        }
        return runs
    }

    private func finalParameters() throws(LocatedError) -> [AnalyzedQuery.Parameter] {
        let slots = parameters.slots
        guard let highest = slots.keys.max() else { return [] }
        var result: [AnalyzedQuery.Parameter] = []
        var used: Set<String> = []
        for number in 1...highest {
            guard let slot = slots[number] else {
                throw LocatedError(offset: block.range.lowerBound, message: "parameter $\(number) is never used")
            }
            var name = slot.explicitName ?? slot.hint ?? "p\(number)"
            if slot.explicitName == nil, used.contains(name) { name += "_\(number)" }
            guard used.insert(name).inserted else {
                throw LocatedError(offset: slot.firstOffset, message: "parameter name \"\(name)\" is used twice")
            }
            var type = slot.type
            var nullable = slot.isNullable
            if let override = block.overrides.first(where: { $0.target == .parameter(name) }) {
                type = override.type
                nullable = override.isNullable
            }
            guard let type else {
                throw LocatedError(
                    offset: slot.firstOffset,
                    message: "could not infer the type of parameter \(parameters.label(number)); cast it (\(parameters.label(number))::type) or add \"-- override: @\(name) Type\"")
            }
            guard type.swiftType != nil else {
                throw LocatedError(offset: slot.firstOffset, message: "parameter \(parameters.label(number)) has type \(type), which has no Swift type")
            }
            result.append(AnalyzedQuery.Parameter(name: name, type: type, isNullable: nullable))
        }
        for override in block.overrides {
            if case .parameter(let name) = override.target, !used.contains(name) {
                throw LocatedError(offset: override.offset, message: "override names no parameter @\(name)")
            }
        }
        return result
    }
}
