import Foundation
import NIOPosix
import SQLDriver

/// `driver-bench probe`: the cost of an empty pool scope, next to an empty NIOThreadPool hop, so the
/// driver's per-operation machinery can be told apart from SQL work.
enum ScopeProbe {
    static func run() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("probe-\(UUID().uuidString).sqlite").path
        let pool = try await SQLPool.sqlite(SQLiteConfiguration(path: path, readers: 8))
        let threads = NIOThreadPool(numberOfThreads: 8)
        threads.start()
        for concurrency in [1, 8] {
            let scope = try await rate(concurrency) { _ = try await pool.withConnection(readOnly: true) { _ in 0 } }
            let hop = try await rate(concurrency) { _ = try await threads.runIfActive { 0 } }
            print("tasks \(concurrency): empty pool scope \(Int(scope)) /s, empty thread-pool hop \(Int(hop)) /s")
        }
        await pool.close()
        try await threads.shutdownGracefully()
    }

    private static func rate(_ concurrency: Int, _ body: @escaping @Sendable () async throws -> Void) async throws -> Double {
        let start = ContinuousClock.now
        let deadline = start + .seconds(1)
        let total = try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<concurrency {
                group.addTask {
                    var count = 0
                    while ContinuousClock.now < deadline {
                        try await body()
                        count += 1
                    }
                    return count
                }
            }
            return try await group.reduce(0, +)
        }
        let elapsed = ContinuousClock.now - start
        return Double(total) / (Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
    }
}
