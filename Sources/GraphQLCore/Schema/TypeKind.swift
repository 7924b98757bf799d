/// `__TypeKind`.
public enum TypeKind: String, Sendable {
    /// A scalar type.
    case scalar = "SCALAR"
    /// An object type.
    case object = "OBJECT"
    /// An interface type.
    case interface = "INTERFACE"
    /// A union type.
    case union = "UNION"
    /// An enum type; the raw value is `ENUM` because `enum` is a Swift keyword.
    case enumType = "ENUM"
    /// An input object type.
    case inputObject = "INPUT_OBJECT"
    /// A list wrapper; introspection reports its item type as `ofType`.
    case list = "LIST"
    /// A non-null wrapper; introspection reports the nullable type as `ofType`.
    case nonNull = "NON_NULL"
}
