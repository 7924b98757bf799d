import SQLSupport

/// Builds the ``Catalog`` from both engines' migrations: PostgreSQL's give the types; SQLite's must define
/// the same tables with the same columns, in the same order, with the same nullability and a matching
/// storage class, because one generated function decodes both engines' rows by column index.
enum CatalogBuilder {
    static func build(postgres: [SourceFile], sqlite: [SourceFile]) throws(Diagnostic) -> Catalog {
        var postgresReader = SchemaReader(dialect: .postgres)
        for file in postgres { try postgresReader.read(file) }
        var catalog = Catalog()
        for table in postgresReader.tables.values {
            var columns: [Catalog.Column] = []
            for column in table.columns {
                guard let type = ColumnType(typeName: column.type) else {
                    throw column.file.diagnostic(
                        at: column.type.range.lowerBound, "type \"\(column.type.name)\" is not supported by the generator")
                }
                columns.append(Catalog.Column(name: column.name, type: type, isNullable: !column.isNotNull))
            }
            catalog.tables[table.name] = Catalog.Table(name: table.name, columns: columns)
        }
        // No early return for an empty SQLite set: then every PostgreSQL table is reported missing.
        var sqliteReader = SchemaReader(dialect: .sqlite)
        for file in sqlite { try sqliteReader.read(file) }
        try compare(postgres: postgresReader, sqlite: sqliteReader, catalog: catalog)
        return catalog
    }

    private static func compare(
        postgres: SchemaReader, sqlite: SchemaReader, catalog: Catalog
    ) throws(Diagnostic) {
        for name in sqlite.tables.keys.sorted() {
            let table = sqlite.tables[name]!
            guard let expected = catalog.tables[name] else {
                throw table.file.diagnostic(at: table.offset, "table \"\(name)\" is not defined by the PostgreSQL migrations")
            }
            for (index, column) in table.columns.enumerated() {
                guard index < expected.columns.count, expected.columns[index].name == column.name else {
                    let want = index < expected.columns.count ? "\"\(expected.columns[index].name)\"" : "no column"
                    throw column.file.diagnostic(
                        at: column.offset,
                        "column \"\(name).\(column.name)\" is column \(index + 1) on SQLite but PostgreSQL has \(want) there")
                }
                let pg = expected.columns[index]
                if pg.isNullable == column.isNotNull {
                    throw column.file.diagnostic(
                        at: column.offset,
                        "column \"\(name).\(column.name)\" is \(pg.isNullable ? "nullable" : "NOT NULL") on PostgreSQL but not on SQLite")
                }
                let storage = column.type.name.uppercased()
                if let want = pg.type.sqliteStorage, storage != want, storage != "ANY" {
                    throw column.file.diagnostic(
                        at: column.type.range.lowerBound,
                        "column \"\(name).\(column.name)\" is \(pg.type) on PostgreSQL, stored as \(want) on SQLite, not \(storage)")
                }
            }
            if table.columns.count < expected.columns.count {
                throw table.file.diagnostic(
                    at: table.offset,
                    "table \"\(name)\" lacks column \"\(expected.columns[table.columns.count].name)\" on SQLite")
            }
        }
        for name in catalog.tables.keys.sorted() where sqlite.tables[name] == nil {
            let table = postgres.tables[name]!
            throw table.file.diagnostic(at: table.offset, "table \"\(name)\" is not defined by the SQLite migrations")
        }
    }
}
