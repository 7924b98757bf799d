/// Pairs of fragment names already compared, remembering whether the comparison was under mutually exclusive
/// parents (a non-exclusive comparison covers an exclusive one, not the other way round).
struct FragmentPairSet {
    private var storage: [String: [String: Bool]] = [:]

    func contains(_ a: String, _ b: String, mutex: Bool) -> Bool {
        let (first, second) = a < b ? (a, b) : (b, a)
        guard let stored = storage[first]?[second] else { return false }
        return mutex ? true : stored == false
    }

    mutating func insert(_ a: String, _ b: String, mutex: Bool) {
        let (first, second) = a < b ? (a, b) : (b, a)
        storage[first, default: [:]][second] = mutex
    }
}
