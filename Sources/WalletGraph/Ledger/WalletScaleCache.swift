import Foundation
import Synchronization

/// The asset scale of wallets seen before. A wallet's asset and an asset's scale never change, so an entry is never
/// stale; only wallets that exist are remembered (a missing wallet may be created later). Bounded: when full, it
/// starts again empty, which costs one lookup per wallet.
final class WalletScaleCache: Sendable {
    private let scales = Mutex<[UUID: Int]>([:])
    let capacity: Int

    init(capacity: Int = 100_000) {
        self.capacity = capacity
    }

    func scale(of wallet: UUID) -> Int? {
        scales.withLock { $0[wallet] }
    }

    func remember(_ scale: Int, of wallet: UUID) {
        scales.withLock { scales in
            if scales.count >= capacity { scales.removeAll(keepingCapacity: true) }
            scales[wallet] = scale
        }
    }
}
