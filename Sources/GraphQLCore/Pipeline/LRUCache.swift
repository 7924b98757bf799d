import Synchronization

/// A bounded least-recently-used map, safe to share between requests.
///
/// Entries live in an array linked by indices, so a hit or an insert is O(1) and eviction reuses the slot
/// without allocating.
public final class LRUCache<Value: Sendable>: Sendable {
    private struct Entry {
        var key: String
        var value: Value
        var newer: Int
        var older: Int
    }

    private struct Storage {
        var indexByKey: [String: Int] = [:]
        var entries: [Entry] = []
        /// Most recently used entry, or -1.
        var newest = -1
        /// Least recently used entry, or -1.
        var oldest = -1

        mutating func unlink(_ index: Int) {
            let entry = entries[index]
            if entry.newer >= 0 { entries[entry.newer].older = entry.older } else { newest = entry.older }
            if entry.older >= 0 { entries[entry.older].newer = entry.newer } else { oldest = entry.newer }
        }

        mutating func pushNewest(_ index: Int) {
            entries[index].newer = -1
            entries[index].older = newest
            if newest >= 0 { entries[newest].newer = index }
            newest = index
            if oldest < 0 { oldest = index }
        }
    }

    /// The most entries kept.
    public let capacity: Int
    private let storage = Mutex(Storage())

    /// A cache of at most `capacity` entries.
    public init(capacity: Int) {
        self.capacity = max(0, capacity)
    }

    /// The value for `key`, now the most recently used; nil on a miss.
    public func value(forKey key: String) -> Value? {
        storage.withLock { storage in
            guard let index = storage.indexByKey[key] else { return nil }
            if storage.newest != index {
                storage.unlink(index)
                storage.pushNewest(index)
            }
            return storage.entries[index].value
        }
    }

    /// Stores `value`, evicting the least recently used entry when full.
    public func insert(_ value: Value, forKey key: String) {
        guard capacity > 0 else { return }
        storage.withLock { storage in
            if let index = storage.indexByKey[key] {
                storage.entries[index].value = value
                storage.unlink(index)
                storage.pushNewest(index)
                return
            }
            let index: Int
            if storage.entries.count < capacity {
                index = storage.entries.count
                storage.entries.append(Entry(key: key, value: value, newer: -1, older: -1))
            } else {
                index = storage.oldest
                storage.unlink(index)
                storage.indexByKey[storage.entries[index].key] = nil
                storage.entries[index].key = key
                storage.entries[index].value = value
            }
            storage.indexByKey[key] = index
            storage.pushNewest(index)
        }
    }

    /// How many entries are stored.
    /// Entries held.
    public var count: Int { storage.withLock { $0.indexByKey.count } }
}
