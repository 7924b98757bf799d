import HummingbirdBcrypt
import NIOPosix
import Synchronization

/// bcrypt (hummingbird-auth), always on NIO's thread pool: a cost-10 hash takes tens of milliseconds of CPU and
/// must never run on an event loop or Swift's cooperative pool.
///
/// At most ``maxPending`` hashes and checks run or wait at once (`BCRYPT_MAX_PENDING`); one more throws ``Busy``
/// at once, which clients see as `RATE_LIMITED`. Without the bound, a flood of sign-ins queues bcrypt work
/// without limit and every sign-in waits behind it.
public struct PasswordHasher: Sendable {
    /// More bcrypt work is pending than ``maxPending``: nothing was hashed or checked.
    public struct Busy: Error, Sendable {}

    /// The lowest cost accepted; each step doubles the work.
    public static let minimumCost = 10
    /// bcrypt reads at most 72 bytes; longer passwords are refused rather than silently truncated.
    public static let maximumPasswordBytes = 72
    public static let minimumPasswordCharacters = 8

    public static let defaultMaxPending = 32

    public let cost: Int
    public let maxPending: Int
    private let threadPool: NIOThreadPool
    private let decoy = DecoyHash()
    private let pending = PendingCount()

    public init(
        cost: Int = PasswordHasher.minimumCost, maxPending: Int = PasswordHasher.defaultMaxPending,
        threadPool: NIOThreadPool = .singleton
    ) {
        precondition(cost >= Self.minimumCost && cost <= 31, "bcrypt cost must be 10...31")
        self.cost = cost
        self.maxPending = max(1, maxPending)
        self.threadPool = threadPool
    }

    /// bcrypt work running or waiting now.
    public var pendingCount: Int { pending.value.load(ordering: .relaxed) }

    public func hash(_ password: String) async throws -> String {
        let cost = UInt8(cost)
        return try await bounded { try await threadPool.runIfActive { Bcrypt.hash(password, cost: cost) } }
    }

    /// Whether `password` matches `hash`. A malformed hash does not match.
    public func verify(_ password: String, hash: String) async throws -> Bool {
        try await bounded { try await threadPool.runIfActive { Bcrypt.verify(password, hash: hash) } }
    }

    private func bounded<T>(_ work: () async throws -> T) async throws -> T {
        guard pending.value.add(1, ordering: .acquiringAndReleasing).newValue <= maxPending else {
            pending.value.subtract(1, ordering: .acquiringAndReleasing)
            throw Busy()
        }
        defer { pending.value.subtract(1, ordering: .acquiringAndReleasing) }
        return try await work()
    }

    /// A valid hash of a random password at this hasher's cost, to verify against when the user does not exist,
    /// so that an unknown username takes as long as a wrong password. Made once and kept: hashing a fresh decoy
    /// on each sign-in would make an unknown username twice as slow as a wrong password.
    public func decoyHash() async throws -> String {
        if let cached = decoy.value.withLock({ $0 }) { return cached }
        let made = try await hash("decoy-\(UInt64.random(in: .min ... .max))-\(UInt64.random(in: .min ... .max))")
        return decoy.value.withLock { value in
            if let value { return value }
            value = made
            return made
        }
    }
}

/// bcrypt work in flight, shared by copies of one ``PasswordHasher``.
private final class PendingCount: Sendable {
    let value = Atomic<Int>(0)
}

/// The decoy hash, shared by copies of one ``PasswordHasher``.
private final class DecoyHash: Sendable {
    let value = Mutex<String?>(nil)
}
