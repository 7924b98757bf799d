import Foundation
import NIOConcurrencyHelpers
import NIOPosix
import SQLDriver

/// One engine's resources for all variants: the driver's pool, raw connections and a raw thread pool.
final class EngineSetup: @unchecked Sendable {
    // @unchecked: raw connections are used by one task each; the SQLite writer behind `writerLock`.
    let driver: DriverWorkload
    let threads = NIOThreadPool(numberOfThreads: 8)
    private let rawReaders: [AnyRaw]
    private let rawWriter: AnyRaw
    private let rawWriters: [AnyRaw]
    private let writerLock = NIOLock()
    private let singleWriter: Bool
    private let cleanup: @Sendable () -> Void

    private init(driver: DriverWorkload, rawReaders: [AnyRaw], rawWriters: [AnyRaw], singleWriter: Bool, cleanup: @escaping @Sendable () -> Void) {
        self.driver = driver
        self.rawReaders = rawReaders
        self.rawWriters = rawWriters
        self.rawWriter = rawWriters[0]
        self.singleWriter = singleWriter
        self.cleanup = cleanup
        threads.start()
    }

    static func sqlite(synchronous: SQLiteConfiguration.Synchronous) async throws -> EngineSetup {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("driver-bench-\(UUID().uuidString).sqlite").path
        let setup = RawSQLite(path: path, synchronous: synchronous.rawValue, reader: false)
        for statement in BenchSchema.ddl(postgres: false) { setup.exec(statement) }
        setup.exec(BenchSchema.seed(postgres: false))
        let readerCount = Int(ProcessInfo.processInfo.environment["BENCH_READERS"] ?? "") ?? 8
        let pool = try await SQLPool.sqlite(SQLiteConfiguration(path: path, readers: readerCount, synchronous: synchronous))
        let readers = (0..<8).map { _ in AnyRaw.sqlite(RawSQLite(path: path, synchronous: synchronous.rawValue, reader: true)) }
        // SQLite has one writer: raw writes share one connection behind a lock, as the driver's pool does.
        return EngineSetup(
            driver: DriverWorkload(pool: pool), rawReaders: readers, rawWriters: [.sqlite(setup)], singleWriter: true
        ) {
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        }
    }

    static func postgres(url: String) async throws -> EngineSetup {
        let schema = "bench_" + UUID().uuidString.prefix(8).lowercased()
        let admin = RawPostgres(url: url)
        admin.exec("CREATE SCHEMA \(schema)")
        let scoped = url + (url.contains("?") ? "&" : "?") + "options=-csearch_path%3D\(schema)"
        let setup = RawPostgres(url: scoped)
        for statement in BenchSchema.ddl(postgres: true) { setup.exec(statement) }
        setup.exec(BenchSchema.seed(postgres: true))
        setup.exec("ANALYZE")
        let pool = try await SQLPool.postgres(PostgresConfiguration(url: url, maxConnections: 8, searchPath: schema))
        let connections = (0..<8).map { _ in AnyRaw.postgres(RawPostgres(url: scoped)) }
        return EngineSetup(driver: DriverWorkload(pool: pool), rawReaders: connections, rawWriters: connections, singleWriter: false) {
            admin.exec("DROP SCHEMA \(schema) CASCADE")
        }
    }

    func close() async {
        await driver.pool.close()
        try? await threads.shutdownGracefully()
        cleanup()
    }

    /// Operations per second of `variant` over `seconds`, with `concurrency` tasks.
    func run(_ workload: Workload, variant: Variant, concurrency: Int, seconds: Double) async throws -> Double {
        let start = ContinuousClock.now
        let deadline = start + .milliseconds(Int(seconds * 1000))
        let total = try await withThrowingTaskGroup(of: Int.self) { group in
            for task in 0..<concurrency {
                group.addTask { try await self.task(task, workload, variant, deadline) }
            }
            return try await group.reduce(0, +)
        }
        let elapsed = ContinuousClock.now - start
        return Double(total) / (Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
    }

    private func task(_ index: Int, _ workload: Workload, _ variant: Variant, _ deadline: ContinuousClock.Instant) async throws -> Int {
        var count = 0
        switch variant {
        case .driver:
            while ContinuousClock.now < deadline {
                switch workload {
                case .pointSelect: _ = try await driver.pointSelect(Int64.random(in: 1...Int64(BenchSchema.wallets)))
                case .transfer: try await driver.transfer(.random())
                }
                count += 1
            }
        case .rawHop:
            while ContinuousClock.now < deadline {
                try await threads.runIfActive { self.rawOperation(index, workload) }
                count += 1
            }
        case .rawLoop:
            count = try await threads.runIfActive {
                var count = 0
                while ContinuousClock.now < deadline {
                    self.rawOperation(index, workload)
                    count += 1
                }
                return count
            }
        }
        return count
    }

    private func rawOperation(_ index: Int, _ workload: Workload) {
        switch workload {
        case .pointSelect:
            _ = rawReaders[index].pointSelect(Int64.random(in: 1...Int64(BenchSchema.wallets)))
        case .transfer:
            let transfer = Transfer.random()
            if singleWriter {
                writerLock.withLock { rawWriter.transfer(transfer) }
            } else {
                rawWriters[index].transfer(transfer)
            }
        }
    }
}

/// A raw connection of either engine.
enum AnyRaw: @unchecked Sendable {
    case sqlite(RawSQLite)
    case postgres(RawPostgres)

    func pointSelect(_ id: Int64) -> Int64 {
        switch self {
        case .sqlite(let raw): raw.pointSelect(id)
        case .postgres(let raw): raw.pointSelect(id)
        }
    }

    func transfer(_ transfer: Transfer) {
        switch self {
        case .sqlite(let raw): raw.transfer(transfer)
        case .postgres(let raw): raw.transfer(transfer)
        }
    }
}
