import Foundation
import Synchronization

/// Limits password guesses (signIn, and changePassword's current password) and sign-ups, in memory (per process).
///
/// Failed guesses are counted per (username, client address) pair, per client address, and per username, within
/// ``Limits/window``. Past the pair's or the address's limit, an attempt is refused (`RATE_LIMITED`) before any
/// bcrypt runs. The per-username count never refuses an attempt, so that failures from anywhere cannot lock the
/// owner out: past its (much higher) limit, a wrong password answers `RATE_LIMITED` instead of
/// `INVALID_CREDENTIALS`, and a right one still signs in. Guessing therefore costs time per address, while
/// bcrypt's cost bounds each guess's CPU.
///
/// Admission is one locked step that checks the counts and records the attempt as a failure in advance, so that
/// parallel attempts cannot all pass the check before any failure is recorded; a success takes it back
/// (``succeeded(_:)``), as does an attempt that never got to compare a password (``abandoned(_:)``).
public final class SignInThrottle: Sendable {
    /// The limits; the defaults suit one public server.
    public struct Limits: Sendable {
        /// Failures of one username from one address.
        public var perPair = 10
        /// Failures from one address, whatever the usernames (one address cannot spray many usernames).
        public var perAddress = 50
        /// Failures of one username from anywhere; never refuses a right password.
        public var perUsername = 100
        public var window: TimeInterval = 15 * 60
        /// Sign-ups from one address (each costs a bcrypt hash and a user row).
        public var signUpsPerAddress = 20
        public var signUpWindow: TimeInterval = 60 * 60
        /// The most keys each log holds (about 100 bytes each). When full, the least recently recorded keys are
        /// forgotten (``FailureLog``): a newcomer is never refused for want of room.
        public var maxKeys = 300_000

        public init() {}
    }

    /// An admitted attempt, recorded as a failure until settled.
    public struct Attempt: Sendable {
        let pair: ThrottleKey
        let address: ThrottleKey
        let username: ThrottleKey
        let at: Date
        /// The username has had ``Limits/perUsername`` failures in the window: a wrong password is `RATE_LIMITED`.
        public let usernameOverLimit: Bool
    }

    private struct State {
        var guesses: FailureLog
        var signUps: FailureLog
    }

    public let limits: Limits
    private let state: Mutex<State>

    public init(_ limits: Limits = Limits()) {
        self.limits = limits
        state = Mutex(
            State(
                guesses: FailureLog(window: limits.window, maxKeys: limits.maxKeys),
                signUps: FailureLog(window: limits.signUpWindow, maxKeys: limits.maxKeys)))
    }

    /// Admits a guess of `username`'s password (normalised; nil when the name does not normalise) from
    /// `address`, recording it as a failure, or returns nil (RATE_LIMITED).
    public func admit(username: String?, address: String?, now: Date) -> Attempt? {
        let name = ThrottleKey.username(username)
        let place = ThrottleKey.address(address)
        let pair = ThrottleKey("pair", name, place)
        let addressKey = ThrottleKey("address", place)
        let usernameKey = ThrottleKey("username", name)
        return state.withLock { state -> Attempt? in
            // A refusal reads two counts of at most `perPair` and `perAddress` times: O(1), nothing rebuilt.
            guard state.guesses.count(pair, now: now) < limits.perPair,
                state.guesses.count(addressKey, now: now) < limits.perAddress
            else {
                state.guesses.touch(pair)
                state.guesses.touch(addressKey)
                return nil
            }
            let over = state.guesses.count(usernameKey, now: now) >= limits.perUsername
            state.guesses.add(pair, now: now, keep: limits.perPair)
            state.guesses.add(addressKey, now: now, keep: limits.perAddress)
            state.guesses.add(usernameKey, now: now, keep: limits.perUsername)
            return Attempt(pair: pair, address: addressKey, username: usernameKey, at: now, usernameOverLimit: over)
        }
    }

    /// The password was right: the attempt is taken back, and the pair's failures are forgotten (its owner is
    /// at that address). The address's other failures stay: one good account must not reset an address's count.
    public func succeeded(_ attempt: Attempt) {
        state.withLock { state in
            state.guesses.clear(attempt.pair)
            state.guesses.remove(attempt.address, at: attempt.at)
            state.guesses.remove(attempt.username, at: attempt.at)
        }
    }

    /// No password was compared (the request failed before): the attempt is taken back.
    public func abandoned(_ attempt: Attempt) {
        state.withLock { state in
            state.guesses.remove(attempt.pair, at: attempt.at)
            state.guesses.remove(attempt.address, at: attempt.at)
            state.guesses.remove(attempt.username, at: attempt.at)
        }
    }

    /// Admits a sign-up from `address`, counting it, or returns false (RATE_LIMITED).
    public func admitSignUp(address: String?, now: Date) -> Bool {
        let key = ThrottleKey("signup", ThrottleKey.address(address))
        return state.withLock { state in
            guard state.signUps.count(key, now: now) < limits.signUpsPerAddress else {
                state.signUps.touch(key)
                return false
            }
            state.signUps.add(key, now: now, keep: limits.signUpsPerAddress)
            return true
        }
    }

    /// Keys held (guesses, sign-ups), for tests and metrics.
    public var keyCounts: (guesses: Int, signUps: Int) {
        state.withLock { ($0.guesses.keyCount, $0.signUps.keyCount) }
    }

    /// Keys forgotten to make room (guesses, sign-ups), for tests and metrics.
    public var evictions: (guesses: Int, signUps: Int) {
        state.withLock { ($0.guesses.evicted, $0.signUps.evicted) }
    }
}
