import DatabaseTestSupport
import Foundation
import SQLDriver
import SQLGenCore
import Testing

/// Runs both SQL texts of every query of every generating fixture on a real database of each engine, with the
/// fixture's migrations applied: the SQLite rewriting must produce SQL SQLite accepts, and each engine must
/// return as many columns as the analysis promised. Values are placeholders of the inferred types; nullable
/// parameters run once with values and once with NULL. The fixtures' tables are empty, so a SELECT runs wrapped
/// in ``alwaysOneRow(_:)``: its column count is checked on at least one row rather than vacuously on none.
@Suite("SQLGen fixtures on real engines")
struct FixtureExecutionTests {
    static var generatingCases: [String] {
        GoldenFixtureTests.cases.filter {
            FileManager.default.fileExists(
                atPath: GoldenFixtureTests.fixtures.appendingPathComponent($0).appendingPathComponent("expected").path)
        }
    }

    static func placeholder(_ parameter: AnalyzedQuery.Parameter, null: Bool, seed: Int) -> SQLValue {
        let type = parameter.type
        let sqlType: SQLType
        let value: SQLValue
        switch (type.base, type.isArray) {
        case (.bigint, false): (sqlType, value) = (.int64, .int64(Int64(seed)))
        case (.integer, false): (sqlType, value) = (.int32, .int32(Int32(seed)))
        case (.boolean, false): (sqlType, value) = (.bool, .bool(true))
        case (.bytea, false): (sqlType, value) = (.bytes, .bytes([1]))
        case (.timestamptz, false): (sqlType, value) = (.timestamp, .timestamp(Date(timeIntervalSince1970: 1_700_000_000)))
        case (.uuid, false): (sqlType, value) = (.uuid, .uuid(UUID()))
        case (.bigint, true): (sqlType, value) = (.int64Array, .int64Array([1, Int64(seed)]))
        case (.uuid, true): (sqlType, value) = (.uuidArray, .uuidArray([UUID()]))
        case (_, true): (sqlType, value) = (.textArray, .textArray(["x\(seed)"]))
        default: (sqlType, value) = (.text, .text("x\(seed)"))
        }
        return null && parameter.isNullable ? .null(sqlType) : value
    }

    /// `sql` as the right side of a LEFT JOIN from a one-row table: the same columns, and at least one row
    /// (all NULL when the query itself returns none). Valid on both engines; nil for a statement that is not a
    /// SELECT (data-modifying statements cannot be subqueries).
    static func alwaysOneRow(_ sql: String) -> String? {
        var text = sql.trimmingCharacters(in: .whitespacesAndNewlines)
        while text.hasSuffix(";") { text = String(text.dropLast()).trimmingCharacters(in: .whitespacesAndNewlines) }
        let first = text.prefix { $0.isLetter }.uppercased()
        guard first == "SELECT" || first == "WITH" else { return nil }
        return "SELECT wrapped.* FROM (SELECT 1 AS one) AS seed LEFT JOIN (\n\(text)\n) AS wrapped ON true"
    }

    @Test("every fixture query runs on both engines with the column count the analysis gives", arguments: Engine.all, generatingCases)
    func runs(engine: Engine, name: String) async throws {
        let root = GoldenFixtureTests.fixtures.appendingPathComponent(name)
        let files = try Generator.analyze(
            Generator.Input(
                root: root, migrations: root.appendingPathComponent("migrations"),
                queries: root.appendingPathComponent("queries")))
        try await withDatabase(engine) { pool, _ in
            let migrations = try Migration.load(from: root.appendingPathComponent("migrations"), dialect: engine.dialect)
            try await MigrationRunner(pool: pool, migrations: migrations).migrate()
            for query in files.flatMap(\.queries) {
                let postgres = Self.alwaysOneRow(query.postgresSQL)
                let sqlite = Self.alwaysOneRow(query.sqliteSQL)
                #expect((postgres == nil) == (sqlite == nil), "\(name)/\(query.name): both texts must be SELECTs or neither")
                let statement = SQLStatement(unsafePostgres: postgres ?? query.postgresSQL, sqlite: sqlite ?? query.sqliteSQL)
                for (seed, null) in [(1, false), (2, true)] {
                    let bindings = query.parameters.map { Self.placeholder($0, null: null, seed: seed) }
                    var columnCounts: [Int] = []
                    try await pool.withTransaction { connection in
                        try await connection.query(statement, bindings) { row in columnCounts.append(row.columnCount) }
                    }
                    if postgres != nil {
                        #expect(!columnCounts.isEmpty, "\(name)/\(query.name): the wrapped SELECT returned no row")
                    }
                    #expect(columnCounts.allSatisfy { $0 == query.columns.count }, "\(name)/\(query.name)")
                }
            }
        }
    }
}
