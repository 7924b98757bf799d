/// The coerced arguments of one field: every argument the client gave or that has a default, with
/// enums as `.string` names. An argument that is absent and has no default is not present at all, which
/// `contains(_:)` tells apart from an explicit null.
public struct Arguments: Sendable {
    // A short array beats hashing for the handful of arguments a field has.
    @usableFromInline var entries: [(name: String, value: InputValue)]

    /// Creates arguments from name/value pairs.
    public init(_ entries: [(name: String, value: InputValue)] = []) {
        self.entries = entries
    }

    /// No arguments.
    public static let empty = Arguments()

    /// The value, or nil when the argument is absent (not given and no default).
    public subscript(name: String) -> InputValue? {
        for entry in entries where entry.name == name { return entry.value }
        return nil
    }

    /// True when the argument was given (possibly as null) or has a default.
    public func contains(_ name: String) -> Bool { self[name] != nil }

    /// A `String`, `ID` or enum argument.
    public func string(_ name: String) -> String? { self[name]?.stringValue }
    /// An `Int` argument.
    public func int(_ name: String) -> Int? { self[name]?.intValue }
    /// A `Float` argument (an integer literal is accepted as the spec says).
    public func double(_ name: String) -> Double? { self[name]?.doubleValue }
    /// A `Boolean` argument.
    public func bool(_ name: String) -> Bool? { self[name]?.boolValue }
    /// A list argument.
    public func list(_ name: String) -> [InputValue]? { self[name]?.listValue }
    /// An input-object argument.
    public func object(_ name: String) -> InputValue? {
        guard let value = self[name], case .object = value else { return nil }
        return value
    }

    /// All arguments in definition order.
    public var all: [(name: String, value: InputValue)] { entries }
}
