import Foundation

/// Recent events per ``ThrottleKey`` within a sliding window, in bounded memory. A pure value: time is passed in.
///
/// Memory is bounded twice: a key keeps at most `keep` times (the caller's limit: a count at the limit is all a
/// decision needs), and the log holds at most `maxKeys` keys. When it is full it forgets the least recently
/// recorded keys, in two generations of `maxKeys / 2`: a key recorded goes to the current generation; when that is
/// full it becomes the previous one and the old previous one is dropped whole. So a newcomer is never refused for
/// want of room (refusing newcomers would let a flood of fresh addresses lock every legitimate user out), every
/// operation is O(1) amortised, and what a flood costs is that a count not touched while more than `maxKeys / 2`
/// other keys were recorded may be forgotten. Keys whose newest event has left the window are swept at most once
/// a `sweepInterval`.
struct FailureLog: Sendable {
    let window: TimeInterval
    let maxKeys: Int
    let sweepInterval: TimeInterval
    /// Times in ascending order, recorded in this generation.
    private var current: [ThrottleKey: [Date]] = [:]
    /// The generation before; dropped whole when `current` fills.
    private var previous: [ThrottleKey: [Date]] = [:]
    private var nextSweep = Date.distantPast
    /// Keys forgotten to make room (not those that expired), for tests and metrics.
    private(set) var evicted = 0

    init(window: TimeInterval, maxKeys: Int, sweepInterval: TimeInterval = 60) {
        self.window = window
        self.maxKeys = max(2, maxKeys)
        self.sweepInterval = sweepInterval
    }

    private var generationSize: Int { maxKeys / 2 }

    var keyCount: Int { current.count + previous.count }

    /// Events of `key` within the window ending at `now`. At most `keep` times are held, so this is O(1).
    func count(_ key: ThrottleKey, now: Date) -> Int {
        guard let list = current[key] ?? previous[key] else { return 0 }
        return list.count { now.timeIntervalSince($0) < window }
    }

    /// Records an event of `key` at `now`, keeping the newest `keep`.
    mutating func add(_ key: ThrottleKey, now: Date, keep: Int) {
        sweepIfDue(now: now)
        var list = current.removeValue(forKey: key) ?? previous.removeValue(forKey: key) ?? []
        list.removeAll { now.timeIntervalSince($0) >= window }
        list.append(now)
        if list.count > keep { list.removeFirst(list.count - keep) }
        store(key, list)
    }

    /// Keeps `key` among the most recent without recording an event: a refused attempt keeps its counts alive for as
    /// long as it keeps trying. O(1).
    mutating func touch(_ key: ThrottleKey) {
        guard current[key] == nil, let list = previous.removeValue(forKey: key) else { return }
        store(key, list)
    }

    private mutating func store(_ key: ThrottleKey, _ list: [Date]) {
        if current.count >= generationSize {
            evicted += previous.count
            previous = current
            current = [:]
            current.reserveCapacity(generationSize)
        }
        current[key] = list
    }

    /// Takes back one event of `key` recorded at `time` (a refund).
    mutating func remove(_ key: ThrottleKey, at time: Date) {
        if var list = current[key] {
            if let index = list.lastIndex(of: time) { list.remove(at: index) }
            current[key] = list.isEmpty ? nil : list
        } else if var list = previous[key] {
            if let index = list.lastIndex(of: time) { list.remove(at: index) }
            previous[key] = list.isEmpty ? nil : list
        }
    }

    /// Forgets `key`.
    mutating func clear(_ key: ThrottleKey) {
        current[key] = nil
        previous[key] = nil
    }

    /// Drops every key whose newest event has left the window.
    mutating func sweep(now: Date) {
        let window = window
        let live: ([Date]) -> Bool = { list in list.last.map { now.timeIntervalSince($0) < window } ?? false }
        current = current.filter { live($0.value) }
        previous = previous.filter { live($0.value) }
        nextSweep = now.addingTimeInterval(sweepInterval)
    }

    private mutating func sweepIfDue(now: Date) {
        if now >= nextSweep { sweep(now: now) }
    }
}
