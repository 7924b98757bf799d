import Foundation
import Synchronization

/// One transfer's inputs: a fresh id and two distinct random wallets. Drawn inside the timed loop, at the
/// same cost for every variant.
struct Transfer: Sendable {
    let id: Int64
    let from: Int64
    let to: Int64
    let amount: Int64 = 1
    let date: Date

    var micros: Int64 { Int64((date.timeIntervalSince1970 * 1_000_000).rounded()) }
    var postgresMicros: Int64 { micros - 946_684_800_000_000 }

    private static let nextID = Atomic<Int64>(1)

    static func random() -> Transfer {
        let id = nextID.wrappingAdd(1, ordering: .relaxed).oldValue
        let from = Int64.random(in: 1...Int64(BenchSchema.wallets))
        var to = Int64.random(in: 1...Int64(BenchSchema.wallets))
        while to == from { to = Int64.random(in: 1...Int64(BenchSchema.wallets)) }
        return Transfer(id: id, from: from, to: to, date: Date())
    }
}
