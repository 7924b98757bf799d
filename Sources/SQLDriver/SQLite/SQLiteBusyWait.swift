import CSQLite
import Foundation
import Synchronization

/// SQLite's busy handler for one connection: waits for another connection's lock as `sqlite3_busy_timeout` does
/// (the same back-off, up to the same total), and gives up at once when the task using the connection is cancelled,
/// which `sqlite3_interrupt` does not reach (SQLite 3.40 checks it only between steps, not while waiting for a lock).
/// It runs on the database thread that waits, as the built-in handler does.
final class SQLiteBusyWait: Sendable {
    private let timeoutMilliseconds: Int32
    private let cancelled = Atomic<Bool>(false)

    init(timeoutMilliseconds: Int32) { self.timeoutMilliseconds = max(0, timeoutMilliseconds) }

    /// The lessee's task was cancelled: stop waiting (the statement then fails as busy).
    func cancel() { cancelled.store(true, ordering: .releasing) }

    /// A new call begins: a cancellation of an earlier one no longer applies.
    func reset() { cancelled.store(false, ordering: .relaxed) }

    /// Installs the handler on `handle`; `self` must outlive the handle's use (the connection holds both).
    func install(on handle: OpaquePointer) {
        sqlite3_busy_handler(handle, { context, count in
            guard let context else { return 0 }
            let wait = Unmanaged<SQLiteBusyWait>.fromOpaque(context).takeUnretainedValue()
            return wait.shouldRetry(after: Int(count)) ? 1 : 0
        }, Unmanaged.passUnretained(self).toOpaque())
    }

    /// SQLite's own back-off (sqliteDefaultBusyCallback): 1, 2, 5, 10, 15, 20, 25, 25, 25, 50, 50, then 100 ms.
    private static let delays: [Int32] = [1, 2, 5, 10, 15, 20, 25, 25, 25, 50, 50, 100]
    private static let totals: [Int32] = [0, 1, 3, 8, 18, 33, 53, 78, 103, 128, 178, 228]

    private func shouldRetry(after count: Int) -> Bool {
        if cancelled.load(ordering: .acquiring) { return false }
        var delay: Int32
        var prior: Int32
        if count < Self.delays.count {
            delay = Self.delays[count]
            prior = Self.totals[count]
        } else {
            delay = Self.delays[Self.delays.count - 1]
            let extra = Int32(clamping: count - (Self.totals.count - 1))
            prior = Self.totals[Self.totals.count - 1] &+ delay.multipliedReportingOverflow(by: extra).partialValue
        }
        if prior &+ delay > timeoutMilliseconds {
            delay = timeoutMilliseconds - prior
            if delay <= 0 { return false }
        }
        usleep(useconds_t(delay) * 1_000)
        return !cancelled.load(ordering: .acquiring)
    }
}
