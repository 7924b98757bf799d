/// A one-shot signal between tasks, for ordering concurrent tests without sleeps.
actor Gate {
    private var opened = false
    private var waiters: [CheckedContinuation<Void, Never>] = []

    func open() {
        opened = true
        for waiter in waiters { waiter.resume() }
        waiters.removeAll()
    }

    func wait() async {
        if opened { return }
        await withCheckedContinuation { waiters.append($0) }
    }
}

/// An append-only log of events, to assert their order.
actor EventLog {
    private(set) var events: [String] = []
    func record(_ event: String) { events.append(event) }
}
