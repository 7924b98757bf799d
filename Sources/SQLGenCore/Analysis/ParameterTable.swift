/// The parameters of one query as analysis discovers them: their numbering, the names they get, and
/// the types and nullability their contexts imply.
struct ParameterTable {
    struct Slot {
        /// `@name` / `sqlc.arg(name)`.
        var explicitName: String?
        /// A name from context: the column it is compared with, inserted into, or `limit`.
        var hint: String?
        var type: ColumnType?
        var isNullable = false
        var firstOffset: Int
    }

    private(set) var slots: [Int: Slot] = [:]
    private var namedIndex: [String: Int] = [:]
    private var usesPositional = false
    private var usesNamed = false

    /// The `$n` number of a reference, allocating one for a new name.
    mutating func index(of reference: ParameterReference, at offset: Int) throws(LocatedError) -> Int {
        switch reference.key {
        case .positional(let number):
            if usesNamed {
                throw LocatedError(offset: offset, message: "a query cannot mix $n and named parameters")
            }
            usesPositional = true
            if slots[number] == nil { slots[number] = Slot(firstOffset: offset) }
            if reference.forcedNullable { slots[number]?.isNullable = true }
            return number
        case .named(let name):
            if usesPositional {
                throw LocatedError(offset: offset, message: "a query cannot mix $n and named parameters")
            }
            usesNamed = true
            let number = namedIndex[name] ?? (namedIndex.count + 1)
            namedIndex[name] = number
            if slots[number] == nil { slots[number] = Slot(explicitName: name, firstOffset: offset) }
            if reference.forcedNullable { slots[number]?.isNullable = true }
            return number
        }
    }

    /// Records what one occurrence's context says. The first type wins; a different type elsewhere is an error.
    mutating func note(
        _ number: Int, type: ColumnType?, hint: String?, nullable: Bool, at offset: Int
    ) throws(LocatedError) {
        guard var slot = slots[number] else { return }
        if let type {
            if let existing = slot.type, existing != type, !(existing.isNumeric && type.isNumeric) {
                throw LocatedError(
                    offset: offset, message: "parameter \(label(number)) is used as \(existing) and as \(type)")
            }
            if slot.type == nil { slot.type = type }
        }
        if slot.hint == nil, let hint { slot.hint = hint }
        if nullable { slot.isNullable = true }
        slots[number] = slot
    }

    func label(_ number: Int) -> String {
        slots[number]?.explicitName.map { "@\($0)" } ?? "$\(number)"
    }
}
