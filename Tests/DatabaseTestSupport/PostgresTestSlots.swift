/// Bounds how many PostgreSQL test databases exist at once. Swift Testing runs every test concurrently, and each
/// PostgreSQL test opens a pool of up to 17 connections: unbounded, a full run reached the throwaway server's
/// `max_connections` and tests failed with CONNECTION_FAILED. ``TestDatabase/make(_:)`` takes a slot for a
/// schema and ``TestDatabase/drop()`` gives it back (once, however often it is called).
actor PostgresTestSlots {
    static let shared = PostgresTestSlots(slots: 12)

    private let slots: Int
    private var held: Set<String> = []
    private var waiting: [CheckedContinuation<Void, Never>] = []

    init(slots: Int) {
        self.slots = slots
    }

    /// Waits for a free slot and records it under `schema`.
    func acquire(_ schema: String) async {
        while held.count >= slots {
            await withCheckedContinuation { waiting.append($0) }
        }
        held.insert(schema)
    }

    /// Frees `schema`'s slot, if it holds one, and wakes one waiter.
    func release(_ schema: String) {
        guard held.remove(schema) != nil else { return }
        if !waiting.isEmpty { waiting.removeFirst().resume() }
    }
}
