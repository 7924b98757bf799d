import SQLDriver

/// One statement with a text per engine: `$n` placeholders on PostgreSQL become `?n` on SQLite.
/// Test-only shorthand; the product's statements come from the generator.
func sql(_ postgres: String, sqlite: String? = nil) -> SQLStatement {
    let sqliteText = sqlite ?? postgres.replacingOccurrences(of: "$", with: "?")
    return SQLStatement(unsafePostgres: postgres, sqlite: sqliteText)
}

/// Runs a DDL statement whose spelling differs per engine.
func ddl(_ connection: any SQLConnection, postgres: String, sqlite: String) async throws {
    try await connection.execute(SQLStatement(unsafePostgres: postgres, sqlite: sqlite), [])
}
