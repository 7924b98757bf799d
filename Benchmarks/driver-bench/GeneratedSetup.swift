import Foundation
import NIOConcurrencyHelpers
import NIOPosix
import SQLDriver
import SQLGenFixtureQueries
import WalletGraphQueries

/// One engine for the generated-code benchmark: a pool for the generated functions, raw connections and a
/// thread pool for the baseline (each raw operation is one job on it, like the driver's one hop per scope).
final class GeneratedSetup: @unchecked Sendable {
    // @unchecked: raw connections are used by one task each; the SQLite writer behind `writerLock`.
    let pool: SQLPool
    let threads = NIOThreadPool(numberOfThreads: 8)
    private let readers: [RawGenerated]
    private let writers: [RawGenerated]
    private let writerLock = NIOLock()
    private let cleanup: @Sendable () async -> Void

    private init(pool: SQLPool, readers: [RawGenerated], writers: [RawGenerated], cleanup: @escaping @Sendable () async -> Void) {
        self.pool = pool
        self.readers = readers
        self.writers = writers
        self.cleanup = cleanup
        threads.start()
    }

    private static func prepare(_ pool: SQLPool) async throws {
        let migrations = try Migration.load(from: URL(fileURLWithPath: "migrations"), dialect: pool.dialect)
        try await MigrationRunner(pool: pool, migrations: migrations).migrate()
        try await pool.withTransaction { connection in
            let queries = WalletGraphQueries.Queries(connection)
            for index in 0..<GeneratedBench.assets {
                _ = try await queries.createAsset(
                    CreateAssetParams(
                        id: UUID(), code: GeneratedBench.code(index), name: "Asset \(index)", scale: 2, createdAt: Date()))
            }
        }
    }

    static func sqlite() async throws -> GeneratedSetup {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("sqlgen-bench-\(UUID().uuidString).sqlite").path
        let pool = try await SQLPool.sqlite(SQLiteConfiguration(path: path, readers: 8))
        try await prepare(pool)
        let readers = (0..<8).map { _ in RawGenerated.sqlite(RawGeneratedSQLite(path: path, reader: true)) }
        return GeneratedSetup(pool: pool, readers: readers, writers: [.sqlite(RawGeneratedSQLite(path: path, reader: false))]) {
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        }
    }

    static func postgres(url: String) async throws -> GeneratedSetup {
        let schema = "sqlgen_bench_" + UUID().uuidString.prefix(8).lowercased()
        let admin = RawPostgres(url: url)
        admin.exec("CREATE SCHEMA \(schema)")
        let pool = try await SQLPool.postgres(PostgresConfiguration(url: url, maxConnections: 8, searchPath: schema))
        try await prepare(pool)
        let scoped = url + (url.contains("?") ? "&" : "?") + "options=-csearch_path%3D\(schema)"
        let connections = (0..<8).map { _ in RawGenerated.postgres(RawGeneratedPostgres(url: scoped)) }
        return GeneratedSetup(pool: pool, readers: connections, writers: connections) {
            admin.exec("DROP SCHEMA \(schema) CASCADE")
        }
    }

    func close() async {
        await pool.close()
        try? await threads.shutdownGracefully()
        await cleanup()
    }

    /// Operations per second over `seconds` with `concurrency` tasks, and the process's CPU time per operation
    /// in microseconds (which other processes on a shared machine disturb far less than wall time).
    func run(
        _ operation: GeneratedBench.Operation, _ variant: GeneratedBench.Variant, concurrency: Int, seconds: Double
    ) async throws -> (rate: Double, cpuMicros: Double) {
        let cpuStart = Self.processCPUTime()
        let start = ContinuousClock.now
        let deadline = start + .milliseconds(Int(seconds * 1000))
        let total = try await withThrowingTaskGroup(of: Int.self) { group in
            for task in 0..<concurrency {
                group.addTask {
                    var count = 0
                    while ContinuousClock.now < deadline {
                        let code = GeneratedBench.code(Int.random(in: 0..<GeneratedBench.assets))
                        switch variant {
                        case .raw: try await self.threads.runIfActive { self.rawOperation(task, operation, code) }
                        case .generated: try await self.generatedOperation(operation, code)
                        case .driver: try await self.driverOperation(operation, code)
                        }
                        count += 1
                    }
                    return count
                }
            }
            return try await group.reduce(0, +)
        }
        let elapsed = ContinuousClock.now - start
        let cpu = Self.processCPUTime() - cpuStart
        let rate = Double(total) / (Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
        return (rate, cpu * 1e6 / Double(max(total, 1)))
    }

    private static func processCPUTime() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }

    private func generatedOperation(_ operation: GeneratedBench.Operation, _ code: String) async throws {
        switch operation {
        case .get:
            let asset = try await pool.withConnection(readOnly: true) { try await WalletGraphQueries.Queries($0).getAssetByCode(code: code) }
            precondition(asset?.code == code)
        case .rename:
            let changed = try await pool.withConnection { try await SQLGenFixtureQueries.Queries($0).renameAsset(name: "Renamed \(code)", code: code) }
            precondition(changed == 1)
        }
    }

    /// The same statement through SQLDriver with hand-written binding and decoding: what the generated
    /// function replaces, so generated ÷ driver is the generator's own cost.
    private func driverOperation(_ operation: GeneratedBench.Operation, _ code: String) async throws {
        switch operation {
        case .get:
            let asset = try await pool.withConnection(readOnly: true) { connection in
                try await connection.fetchOne(WalletGraphQueries.Queries.getAssetByCodeStatement, [.text(code)]) { row in
                    AssetValues(
                        id: try row.decode(at: 0), code: try row.decode(at: 1), name: try row.decode(at: 2),
                        scale: try row.decode(at: 3), createdAt: try row.decode(at: 4))
                }
            }
            precondition(asset?.code == code)
        case .rename:
            let changed = try await pool.withConnection { connection in
                try await connection.execute(SQLGenFixtureQueries.Queries.renameAssetStatement, [.text("Renamed \(code)"), .text(code)])
            }
            precondition(changed == 1)
        }
    }

    private func rawOperation(_ task: Int, _ operation: GeneratedBench.Operation, _ code: String) {
        switch operation {
        case .get:
            precondition(readers[task].getAsset(code).code == code)
        case .rename:
            let changed: Int64
            if writers.count == 1 {
                changed = writerLock.withLock { writers[0].renameAsset(name: "Renamed \(code)", code: code) }
            } else {
                changed = writers[task].renameAsset(name: "Renamed \(code)", code: code)
            }
            precondition(changed == 1)
        }
    }
}

/// A raw connection of either engine.
enum RawGenerated: @unchecked Sendable {
    case sqlite(RawGeneratedSQLite)
    case postgres(RawGeneratedPostgres)

    func getAsset(_ code: String) -> AssetValues {
        switch self {
        case .sqlite(let raw): raw.getAsset(code)
        case .postgres(let raw): raw.getAsset(code)
        }
    }

    func renameAsset(name: String, code: String) -> Int64 {
        switch self {
        case .sqlite(let raw): raw.renameAsset(name: name, code: code)
        case .postgres(let raw): raw.renameAsset(name: name, code: code)
        }
    }
}
