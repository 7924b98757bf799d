extension Analyzer {
    private func table(_ name: String, at range: Range<Int>) throws(LocatedError) -> Catalog.Table {
        guard let table = catalog.tables[name] else {
            throw LocatedError(offset: range.lowerBound, message: "relation \"\(name)\" does not exist")
        }
        return table
    }

    private func column(_ name: String, of table: Catalog.Table, at range: Range<Int>) throws(LocatedError) -> Catalog.Column {
        guard let column = table.column(named: name) else {
            throw LocatedError(offset: range.lowerBound, message: "column \"\(name)\" of relation \"\(table.name)\" does not exist")
        }
        return column
    }

    private func source(_ table: Catalog.Table, named name: String) -> Scope.Source {
        Scope.Source(
            name: name, columns: table.columns.map { Scope.Column(name: $0.name, typed: .known($0.type, nullable: $0.isNullable)) },
            table: table.name)
    }

    /// A value written to a column: its type and nullability flow into parameters.
    private func assign(_ value: Expression, to column: Catalog.Column, scope: Scope) throws(LocatedError) {
        let typed = try expression(value, scope: scope, expected: column.type, hint: column.name, nullableTarget: column.isNullable)
        if let type = typed.type, !compatible(type, column.type) {
            throw LocatedError(offset: value.range.lowerBound, message: "column \"\(column.name)\" is of type \(column.type) but expression is of type \(type)")
        }
    }

    func returning(_ items: [SelectItem], scope: Scope) throws(LocatedError) -> [OutputColumn] {
        var outputs: [OutputColumn] = []
        for item in items { outputs += try selectItem(item, scope: scope) }
        return outputs
    }

    func analyzeInsert(_ insert: InsertStatement, parent: Scope) throws(LocatedError) -> [OutputColumn] {
        let scope = Scope(parent: parent)
        try analyzeWith(insert.with, into: scope)
        let table = try table(insert.table, at: insert.tableRange)
        let targets: [Catalog.Column]
        if insert.columns.isEmpty {
            targets = table.columns
        } else {
            var columns: [Catalog.Column] = []
            for target in insert.columns { columns.append(try column(target.name, of: table, at: target.range)) }
            targets = columns
        }
        switch insert.source {
        case .defaultValues:
            break
        case .values(let rows):
            let valuesScope = Scope(parent: scope)
            for row in rows {
                guard row.count == targets.count else {
                    throw LocatedError(
                        offset: row.first?.range.lowerBound ?? insert.tableRange.lowerBound,
                        message: "INSERT has \(row.count) expressions for \(targets.count) target columns")
                }
                for (value, column) in zip(row, targets) { try assign(value, to: column, scope: valuesScope) }
            }
        case .select(let select):
            let outputs = try analyzeSelect(select, parent: scope, expected: targets.map { $0.type })
            guard outputs.count == targets.count else {
                throw LocatedError(offset: select.range.lowerBound, message: "INSERT has \(outputs.count) expressions for \(targets.count) target columns")
            }
            // SQLite cannot tell `INSERT … SELECT … ON CONFLICT` from a join's ON without a WHERE in the SELECT;
            // wrapping the SELECT gives it one whatever its shape.
            if insert.onConflict != nil {
                sqliteEdits.replace(
                    select.range, with: [.text("SELECT * FROM ("), .source(select.range), .text(") WHERE true")])
            }
        }
        let target = Scope(parent: scope)
        target.sources = [source(table, named: insert.alias ?? insert.table)]
        if let conflict = insert.onConflict {
            if let range = conflict.constraintRange {
                throw LocatedError(offset: range.lowerBound, message: "ON CONFLICT ON CONSTRAINT has no SQLite translation; name the columns")
            }
            for column in conflict.columns { _ = try self.column(column.name, of: table, at: column.range) }
            if let predicate = conflict.targetWhere { _ = try expression(predicate, scope: target, expected: ColumnType(.boolean)) }
            if case .update(let assignments, let whereClause) = conflict.action {
                let updateScope = Scope(parent: scope)
                updateScope.sources = [source(table, named: insert.alias ?? insert.table), source(table, named: "excluded")]
                for assignment in assignments {
                    try assign(assignment.value, to: try column(assignment.column, of: table, at: assignment.columnRange), scope: updateScope)
                }
                if let whereClause { _ = try expression(whereClause, scope: updateScope, expected: ColumnType(.boolean)) }
            }
        }
        return try returning(insert.returning, scope: target)
    }

    func analyzeUpdate(_ update: UpdateStatement, parent: Scope) throws(LocatedError) -> [OutputColumn] {
        let outer = Scope(parent: parent)
        try analyzeWith(update.with, into: outer)
        let table = try table(update.table, at: update.tableRange)
        let scope = Scope(parent: outer)
        scope.sources = [source(table, named: update.alias ?? update.table)]
        for item in update.from { try addFromItem(item, to: scope) }
        for assignment in update.assignments {
            try assign(assignment.value, to: try column(assignment.column, of: table, at: assignment.columnRange), scope: scope)
        }
        if let whereClause = update.whereClause { _ = try expression(whereClause, scope: scope, expected: ColumnType(.boolean)) }
        return try returning(update.returning, scope: scope)
    }

    func analyzeDelete(_ delete: DeleteStatement, parent: Scope) throws(LocatedError) -> [OutputColumn] {
        let outer = Scope(parent: parent)
        try analyzeWith(delete.with, into: outer)
        let table = try table(delete.table, at: delete.tableRange)
        let scope = Scope(parent: outer)
        scope.sources = [source(table, named: delete.alias ?? delete.table)]
        for item in delete.using { try addFromItem(item, to: scope) }
        if let whereClause = delete.whereClause { _ = try expression(whereClause, scope: scope, expected: ColumnType(.boolean)) }
        return try returning(delete.returning, scope: scope)
    }
}
