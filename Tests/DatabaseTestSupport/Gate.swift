/// A one-shot signal between tasks, for ordering concurrent tests without sleeps.
public actor Gate {
    private var opened = false
    private var waiters: [CheckedContinuation<Void, Never>] = []

    public init() {}

    public func open() {
        opened = true
        for waiter in waiters { waiter.resume() }
        waiters.removeAll()
    }

    public func wait() async {
        if opened { return }
        await withCheckedContinuation { waiters.append($0) }
    }
}

/// An append-only log of events, to assert their order.
public actor EventLog {
    public private(set) var events: [String] = []

    public init() {}

    public func record(_ event: String) { events.append(event) }
}

/// Runs `hold` in a task of its own while `body` runs: `hold` opens `held` once it holds what it holds (a
/// connection, a lock) and keeps it until `release` opens, which happens when `body` ends, thrown or not. Errors of
/// `body` come first, then those of `hold`.
public func whileHolding(
    _ hold: @escaping @Sendable (_ held: Gate, _ release: Gate) async throws -> Void,
    _ body: () async throws -> Void
) async throws {
    let held = Gate()
    let release = Gate()
    let holder = Task { try await hold(held, release) }
    await held.wait()
    do {
        try await body()
    } catch {
        await release.open()
        _ = try? await holder.value
        throw error
    }
    await release.open()
    try await holder.value
}
