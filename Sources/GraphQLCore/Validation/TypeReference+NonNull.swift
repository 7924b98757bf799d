/// A helper the rules share for written types.
extension TypeReference {
    /// True for `T!`.
    var isNonNullReference: Bool {
        if case .nonNull = self { return true }
        return false
    }
}
