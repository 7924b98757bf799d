extension Analyzer {
    func analyzeWith(_ ctes: [CommonTableExpression], into scope: Scope) throws(LocatedError) {
        for cte in ctes {
            guard case .select = cte.statement else {
                throw LocatedError(offset: cte.nameOffset, message: "WITH \(cte.name) AS (INSERT/UPDATE/DELETE …) has no SQLite translation")
            }
            let outputs = try analyze(cte.statement, scope: scope)
            scope.commonTables[cte.name] = outputs.enumerated().map { index, output in
                let name = cte.columns.flatMap { index < $0.count ? $0[index] : nil } ?? output.name ?? "?column?"
                return Scope.Column(name: name, typed: output.typed)
            }
        }
    }

    func analyzeSelect(
        _ select: SelectStatement, parent: Scope?, expected: [ColumnType?] = []
    ) throws(LocatedError) -> [OutputColumn] {
        let scope = Scope(parent: parent)
        try analyzeWith(select.with, into: scope)
        let (outputs, bodyScope) = try analyzeBody(select.body, scope: scope, expected: expected)
        let orderScope = bodyScope ?? Scope(parent: scope)
        orderScope.outputs = outputs
        for item in select.orderBy { _ = try analyzeOrderExpression(item.expression, scope: orderScope) }
        if let limit = select.limit { _ = try expression(limit, scope: scope, expected: ColumnType(.bigint), hint: "limit") }
        if let offset = select.offset { _ = try expression(offset, scope: scope, expected: ColumnType(.bigint), hint: "offset") }
        // SQLite has no row locks; BEGIN IMMEDIATE already serialises writers (decision 0001).
        for range in select.lockingRanges { sqliteEdits.replace(range, with: "") }
        return outputs
    }

    /// ORDER BY and GROUP BY may name an output column; otherwise they are ordinary expressions.
    func analyzeOrderExpression(_ expression: Expression, scope: Scope) throws(LocatedError) -> Typed {
        if case .column(nil, let name) = expression.kind,
            let output = scope.outputs.first(where: { $0.name == name }),
            scope.outputs.filter({ $0.name == name }).count == 1
        {
            return output.typed
        }
        if case .literal(.integer) = expression.kind { return .known(ColumnType(.integer)) }
        return try self.expression(expression, scope: scope)
    }

    /// The outputs of a SELECT body, and the scope of its FROM items (for ORDER BY), when it has one.
    private func analyzeBody(
        _ body: SelectBody, scope: Scope, expected: [ColumnType?]
    ) throws(LocatedError) -> ([OutputColumn], Scope?) {
        switch body {
        case .core(let core):
            let coreScope = Scope(parent: scope)
            return (try analyzeCore(core, scope: coreScope, expected: expected), coreScope)
        case .nested(let select):
            return (try analyzeSelect(select, parent: scope, expected: expected), nil)
        case .values(let rows):
            return (try analyzeValues(rows, scope: scope, expected: expected), nil)
        case .compound(let left, _, let right):
            let (leftOutputs, _) = try analyzeBody(left, scope: scope, expected: expected)
            let (rightOutputs, _) = try analyzeBody(right, scope: scope, expected: leftOutputs.map { $0.typed.type })
            guard leftOutputs.count == rightOutputs.count else {
                throw LocatedError(
                    offset: rightOutputs.first?.offset ?? 0, message: "each UNION/INTERSECT/EXCEPT query must have the same number of columns")
            }
            let merged = zip(leftOutputs, rightOutputs).map { left, right in
                OutputColumn(
                    name: left.name,
                    typed: Typed(
                        type: left.typed.type ?? right.typed.type,
                        isNullable: left.typed.isNullable || right.typed.isNullable),
                    offset: left.offset)
            }
            return (merged, nil)
        }
    }

    func analyzeValues(_ rows: [[Expression]], scope: Scope, expected: [ColumnType?]) throws(LocatedError) -> [OutputColumn] {
        var outputs: [OutputColumn] = []
        for row in rows {
            for (index, item) in row.enumerated() {
                let want = index < expected.count ? expected[index] : nil
                let typed = try expression(item, scope: scope, expected: want)
                if outputs.count <= index {
                    outputs.append(OutputColumn(name: "column\(index + 1)", typed: typed, offset: item.range.lowerBound))
                }
            }
        }
        return outputs
    }

    private func analyzeCore(_ core: SelectCore, scope: Scope, expected: [ColumnType?]) throws(LocatedError) -> [OutputColumn] {
        if let range = core.distinctOnRange {
            throw LocatedError(offset: range.lowerBound, message: "DISTINCT ON has no SQLite translation; use a window function")
        }
        for item in core.from { try addFromItem(item, to: scope) }
        if let whereClause = core.whereClause {
            _ = try expression(whereClause, scope: scope, expected: ColumnType(.boolean))
        }
        var outputs: [OutputColumn] = []
        for (index, item) in core.items.enumerated() {
            outputs += try selectItem(item, scope: scope, expected: index < expected.count ? expected[index] : nil)
        }
        scope.outputs = outputs
        for group in core.groupBy { _ = try analyzeGroupExpression(group, scope: scope) }
        if let having = core.having { _ = try expression(having, scope: scope, expected: ColumnType(.boolean)) }
        return outputs
    }

    private func analyzeGroupExpression(_ expression: Expression, scope: Scope) throws(LocatedError) -> Typed {
        if case .column(nil, let name) = expression.kind, case .missingColumn = scope.lookup(table: nil, column: name),
            let output = scope.outputs.first(where: { $0.name == name })
        {
            return output.typed
        }
        return try self.expression(expression, scope: scope)
    }

    /// The outputs of one select-list item (`*` and `t.*` expand to several).
    func selectItem(_ item: SelectItem, scope: Scope, expected: ColumnType? = nil) throws(LocatedError) -> [OutputColumn] {
        let offset = item.expression.range.lowerBound
        if case .star(let table) = item.expression.kind {
            let sources = table.map { name in scope.sources.filter { $0.name == name } } ?? scope.sources
            if let table, sources.isEmpty {
                throw LocatedError(offset: offset, message: "missing FROM-clause entry for table \"\(table)\"")
            }
            if sources.isEmpty { throw LocatedError(offset: offset, message: "SELECT * with no tables specified") }
            return sources.flatMap { source in
                source.columns.filter { !$0.hiddenUnqualified || table != nil }.map {
                    OutputColumn(name: $0.name, typed: $0.typed, offset: offset, embed: $0.embed)
                }
            }
        }
        if case .embed(let name) = item.expression.kind { return try embed(name, item: item, scope: scope) }
        let typed = try expression(item.expression, scope: scope, expected: expected)
        var output = OutputColumn(name: item.alias ?? Self.implicitName(item.expression), typed: typed, offset: offset)
        // A subquery's embedded column, selected again under its own name, stays part of the embed: an outer
        // query over a windowed subquery (`SELECT id, …, rank FROM (SELECT sqlc.embed(t), row_number() …)`)
        // can still return the model.
        if case .column(let table, let name) = item.expression.kind, item.alias == nil || item.alias == name {
            output.embed = scope.localColumn(table: table, column: name)?.embed
        }
        return [output]
    }

    /// `sqlc.embed(t)`: `t.*` in both texts, and outputs marked as `t`'s table model. The columns must be the
    /// table's own, as non-null as the catalog says: on the outer side of a join the model would lie.
    private func embed(_ name: String, item: SelectItem, scope: Scope) throws(LocatedError) -> [OutputColumn] {
        let offset = item.expression.range.lowerBound
        guard let source = scope.sources.last(where: { $0.name == name }) else {
            throw LocatedError(offset: offset, message: "missing FROM-clause entry for table \"\(name)\"")
        }
        guard let tableName = source.table, let table = catalog.tables[tableName] else {
            throw LocatedError(offset: offset, message: "sqlc.embed(\(name)) needs a table of the schema, not a CTE or a subquery")
        }
        if item.alias != nil {
            throw LocatedError(offset: offset, message: "sqlc.embed(\(name)) takes no alias")
        }
        for (column, catalogColumn) in zip(source.columns, table.columns) where column.typed.isNullable != catalogColumn.isNullable {
            throw LocatedError(
                offset: offset,
                message: "sqlc.embed(\(name)): column \"\(column.name)\" can be NULL here (an outer join); select the columns one by one")
        }
        postgresEdits.replace(item.expression.range, with: "\(name).*")
        sqliteEdits.replace(item.expression.range, with: "\(name).*")
        let mark = OutputColumn.Embed(table: table.name, offset: offset)
        return source.columns.map { OutputColumn(name: $0.name, typed: $0.typed, offset: offset, embed: mark) }
    }

    /// The column name PostgreSQL gives an unaliased expression.
    static func implicitName(_ expression: Expression) -> String? {
        switch expression.kind {
        case .column(_, let name): name
        case .function(let call): call.name
        case .cast(let inner, let type):
            implicitName(inner) ?? (type.name == "timestamptz" ? "timestamptz" : type.name)
        case .caseWhen: "case"
        case .exists: "exists"
        case .array: "array"
        case .literal(.boolean): "bool"
        default: nil
        }
    }

    func addFromItem(_ item: FromItem, to scope: Scope) throws(LocatedError) {
        switch item {
        case .table(let name, let alias, let range):
            let columns: [Scope.Column]
            var tableName: String?
            if let cte = scope.commonTable(name) {
                columns = cte
            } else if let table = catalog.tables[name] {
                columns = table.columns.map { Scope.Column(name: $0.name, typed: .known($0.type, nullable: $0.isNullable)) }
                tableName = table.name
            } else {
                throw LocatedError(offset: range.lowerBound, message: "relation \"\(name)\" does not exist")
            }
            let sourceName = alias ?? name
            if scope.sources.contains(where: { $0.name == sourceName }) {
                throw LocatedError(offset: range.lowerBound, message: "table name \"\(sourceName)\" specified more than once")
            }
            scope.sources.append(Scope.Source(name: sourceName, columns: columns, table: tableName))
        case .subquery(let select, let alias, let names):
            let outputs = try analyzeSelect(select, parent: scope.parent)
            let columns = outputs.enumerated().map { index, output in
                Scope.Column(
                    name: names.flatMap { index < $0.count ? $0[index] : nil } ?? output.name ?? "?column?", typed: output.typed,
                    embed: output.embed)
            }
            scope.sources.append(Scope.Source(name: alias, columns: columns))
        case .join(let left, let kind, let right, let on, let using):
            try addFromItem(left, to: scope)
            let leftCount = scope.sources.count
            try addFromItem(right, to: scope)
            for name in using {
                let leftHas = scope.sources[..<leftCount].contains { $0.columns.contains { $0.name == name } }
                let rightIndex = scope.sources[leftCount...].firstIndex { $0.columns.contains { $0.name == name } }
                guard leftHas, let rightIndex else {
                    throw LocatedError(offset: 0, message: "column \"\(name)\" specified in USING clause does not exist in both tables")
                }
                for index in scope.sources[rightIndex].columns.indices where scope.sources[rightIndex].columns[index].name == name {
                    scope.sources[rightIndex].columns[index].hiddenUnqualified = true
                }
            }
            if kind == .left || kind == .full { makeNullable(scope, leftCount..<scope.sources.count) }
            if kind == .right || kind == .full { makeNullable(scope, 0..<leftCount) }
            if let on { _ = try expression(on, scope: scope, expected: ColumnType(.boolean)) }
        }
    }

    /// The outer side of a join can be all NULLs, whatever the catalog says.
    private func makeNullable(_ scope: Scope, _ range: Range<Int>) {
        for source in range {
            for column in scope.sources[source].columns.indices { scope.sources[source].columns[column].typed.isNullable = true }
        }
    }
}
