import CLibPQ
import Foundation
import Synchronization

/// Counters shared by a pool's PostgreSQL connections.
final class WireCounters: Sendable {
    /// Flights a caller waited for.
    let roundTrips = Atomic<Int>(0)
}

/// `PGcancel`: the connection's cancel key. `PQcancel` opens its own connection to the server and blocks, so it
/// runs on a short-lived thread of its own, never on the reactor or a Swift or NIO thread.
final class CancelKey: @unchecked Sendable {
    // @unchecked: PQcancel may be called from any thread on a PGcancel that is not being freed.
    private let pointer: OpaquePointer

    init(_ pointer: OpaquePointer) { self.pointer = pointer }

    /// Sends cancel requests once `flight` is sent, every 200 ms, until it is answered (at most 10 minutes: a
    /// statement that outlives that many cancels is left to the server's own timeouts).
    func cancel(until flight: PostgresConnection.Flight) {
        let thread = Thread { [self] in
            var buffer = [CChar](repeating: 0, count: 256)
            for _ in 0..<3_000 {
                if flight.answered.load(ordering: .acquiring) { return }
                if flight.sent.load(ordering: .acquiring) { _ = PQcancel(pointer, &buffer, Int32(buffer.count)) }
                usleep(200_000)
            }
        }
        thread.start()
    }

    deinit { PQfreeCancel(pointer) }
}
