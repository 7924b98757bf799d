import Foundation

/// Recent events per ``ThrottleKey`` within a sliding window, in bounded memory. A pure value: time is passed in.
///
/// Memory is bounded twice: a key keeps at most `keep` times (the caller's limit: a count at the limit is all a
/// decision needs), and the log holds at most `maxKeys` keys. Keys whose newest event has left the window are
/// dropped (swept at most once a `sweepInterval`, and whenever the log is full). A full log never forgets a live
/// key to make room, since that would reset a victim's or an attacker's count under a flood: ``canAdd(_:now:)``
/// says no, and the caller refuses the attempt.
struct FailureLog: Sendable {
    let window: TimeInterval
    let maxKeys: Int
    let sweepInterval: TimeInterval
    /// Times in ascending order.
    private(set) var times: [ThrottleKey: [Date]] = [:]
    private var nextSweep = Date.distantPast

    init(window: TimeInterval, maxKeys: Int, sweepInterval: TimeInterval = 60) {
        self.window = window
        self.maxKeys = maxKeys
        self.sweepInterval = sweepInterval
    }

    var keyCount: Int { times.count }

    /// Events of `key` within the window ending at `now`.
    func count(_ key: ThrottleKey, now: Date) -> Int {
        guard let list = times[key] else { return 0 }
        return list.count { now.timeIntervalSince($0) < window }
    }

    /// Whether `keys` can all be recorded now: those already present always can; new ones need room (after
    /// dropping expired keys when the log is full).
    mutating func canAdd(_ keys: [ThrottleKey], now: Date) -> Bool {
        sweepIfDue(now: now)
        let new = Set(keys.filter { times[$0] == nil }).count
        if times.count + new > maxKeys { sweep(now: now) }
        return times.count + new <= maxKeys
    }

    /// Records an event of `key` at `now`, keeping the newest `keep`.
    mutating func add(_ key: ThrottleKey, now: Date, keep: Int) {
        var list = times[key, default: []]
        list.removeAll { now.timeIntervalSince($0) >= window }
        list.append(now)
        if list.count > keep { list.removeFirst(list.count - keep) }
        times[key] = list
    }

    /// Takes back one event of `key` recorded at `time` (a refund).
    mutating func remove(_ key: ThrottleKey, at time: Date) {
        guard var list = times[key] else { return }
        if let index = list.lastIndex(of: time) { list.remove(at: index) }
        times[key] = list.isEmpty ? nil : list
    }

    /// Forgets `key`.
    mutating func clear(_ key: ThrottleKey) { times[key] = nil }

    /// Drops every key whose newest event has left the window.
    mutating func sweep(now: Date) {
        times = times.filter { _, list in list.last.map { now.timeIntervalSince($0) < window } ?? false }
        nextSweep = now.addingTimeInterval(sweepInterval)
    }

    private mutating func sweepIfDue(now: Date) {
        if now >= nextSweep { sweep(now: now) }
    }
}
