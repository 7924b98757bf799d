import DatabaseTestSupport
import Foundation
import SQLDriver
import SQLGenCore
import Testing

/// Runs both SQL texts of every query of every generating fixture on a real database of each engine, with the
/// fixture's migrations applied: the SQLite rewriting must produce SQL SQLite accepts, and each engine must
/// return as many columns as the analysis promised. Values are placeholders of the inferred types; nullable
/// parameters run once with values and once with NULL.
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
                let statement = SQLStatement(unsafePostgres: query.postgresSQL, sqlite: query.sqliteSQL)
                for (seed, null) in [(1, false), (2, true)] {
                    let bindings = query.parameters.map { Self.placeholder($0, null: null, seed: seed) }
                    var columnCounts: [Int] = []
                    try await pool.withTransaction { connection in
                        try await connection.query(statement, bindings) { row in columnCounts.append(row.columnCount) }
                    }
                    #expect(columnCounts.allSatisfy { $0 == query.columns.count }, "\(name)/\(query.name)")
                }
            }
        }
    }
}
