import Foundation
import Synchronization
import WalletGraph

/// Runs `body(0..<count)` as concurrent child tasks and returns their results in index order.
func concurrently<T: Sendable>(
    _ count: Int, _ body: @escaping @Sendable (Int) async throws -> T
) async throws -> [T] {
    try await withThrowingTaskGroup(of: (Int, T).self) { group in
        for index in 0..<count { group.addTask { (index, try await body(index)) } }
        var results = [T?](repeating: nil, count: count)
        for try await (index, value) in group { results[index] = value }
        return results.map { $0! }
    }
}

/// What one ledger call ended with: its receipt, or the error it threw. Errors are kept, not rethrown, so a
/// test can assert over every caller's outcome.
enum CallOutcome: Sendable {
    case receipt(LedgerReceipt)
    case failure(any Error)

    init(_ call: () async throws -> LedgerReceipt) async {
        do { self = .receipt(try await call()) } catch { self = .failure(error) }
    }

    var receipt: LedgerReceipt? {
        if case .receipt(let receipt) = self { return receipt }
        return nil
    }

    /// The domain code of the error, or nil for a receipt or an error that is not a ``DomainError``.
    var domainCode: ErrorCode? {
        if case .failure(let error) = self { return (error as? DomainError)?.code }
        return nil
    }
}

/// A small seeded generator (SplitMix64), so that a task's sequence of requests is the same on every run.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// A value shared by concurrent tasks behind a lock (a `Mutex` itself cannot be captured by a child task).
final class Locked<Value: Sendable>: Sendable {
    private let mutex: Mutex<Value>

    init(_ value: Value) { mutex = Mutex(value) }

    func withLock<T: Sendable>(_ body: (inout Value) throws -> T) rethrows -> T {
        try mutex.withLock { value in try body(&value) }
    }
}
