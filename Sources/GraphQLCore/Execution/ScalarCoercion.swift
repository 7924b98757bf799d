/// Parse and serialize hooks of a custom scalar, bound with `ResolverMap.scalar(_:_:)`.
///
/// Both hooks throw a message-bearing error to reject a value; the message reaches the client inside the
/// spec-shaped coercion error (as graphql-js does with `GraphQLError`s thrown from `parseValue`).
public struct ScalarCoercion: Sendable {
    /// Turns a client value (from variables, or a literal converted to JSON) into the value resolvers read.
    public var parseValue: @Sendable (InputValue) throws -> InputValue
    /// Turns what a resolver returned into the JSON written to the response.
    public var serialize: @Sendable (FieldValue) throws -> InputValue

    /// Creates hooks; the defaults accept any JSON and output leaves as they are.
    public init(
        parseValue: @escaping @Sendable (InputValue) throws -> InputValue = { $0 },
        serialize: @escaping @Sendable (FieldValue) throws -> InputValue = ScalarCoercion.passThrough
    ) {
        self.parseValue = parseValue
        self.serialize = serialize
    }

    /// Outputs leaf values and JSON unchanged; rejects objects and lists of field values.
    @Sendable public static func passThrough(_ value: FieldValue) throws -> InputValue {
        switch value {
        case .null: return .null
        case .bool(let flag): return .bool(flag)
        case .int(let number): return .int(number)
        case .float(let number): return .float(number)
        case .string(let text): return .string(text)
        case .json(let json): return json
        case .object, .typed, .list: throw CoercionFailure("Custom scalar cannot represent a non-leaf value")
        case .error(let error): throw error
        }
    }
}

/// A rejected value, with the graphql-js message; callers wrap it with variable/argument context.
public struct CoercionFailure: Error, Sendable, CustomStringConvertible {
    /// The reason, e.g. `Int cannot represent non-integer value: "a"`.
    public var message: String
    /// Creates a failure.
    public init(_ message: String) { self.message = message }
    /// The message.
    public var description: String { message }
}

/// The spec's rules for the five built-in scalars, in both directions.
enum BuiltInScalar: UInt8, Sendable {
    case int, float, string, boolean, id

    init?(name: String) {
        switch name {
        case "Int": self = .int
        case "Float": self = .float
        case "String": self = .string
        case "Boolean": self = .boolean
        case "ID": self = .id
        default: return nil
        }
    }

    /// Input coercion of a JSON value (variables); literal coercion converts the literal first.
    func parse(_ value: InputValue) throws(CoercionFailure) -> InputValue {
        switch self {
        case .int:
            switch value {
            case .int(let number):
                guard number >= Int(Int32.min) && number <= Int(Int32.max) else {
                    throw CoercionFailure("Int cannot represent non 32-bit signed integer value: \(value)")
                }
                return value
            case .float(let number) where number.isFinite && number == number.rounded():
                // JSON `1.0` is an integer in JavaScript; keep graphql-js's acceptance of it.
                guard number >= Double(Int32.min) && number <= Double(Int32.max) else {
                    throw CoercionFailure("Int cannot represent non 32-bit signed integer value: \(value)")
                }
                return .int(Int(number))
            default:
                throw CoercionFailure("Int cannot represent non-integer value: \(value)")
            }
        case .float:
            switch value {
            case .int(let number): return .float(Double(number))
            case .float(let number) where number.isFinite: return value
            default: throw CoercionFailure("Float cannot represent non numeric value: \(value)")
            }
        case .string:
            guard case .string = value else { throw CoercionFailure("String cannot represent a non string value: \(value)") }
            return value
        case .boolean:
            guard case .bool = value else { throw CoercionFailure("Boolean cannot represent a non boolean value: \(value)") }
            return value
        case .id:
            switch value {
            case .string: return value
            case .int(let number): return .string(String(number))
            case .float(let number) where number.isFinite && number == number.rounded():
                // JSON `1.0` is the integer 1 in JavaScript, so graphql-js (and graphql-core) accept it as "1".
                return .string(JSONWriter.formatDouble(number))
            default: throw CoercionFailure("ID cannot represent value: \(value)")
            }
        }
    }

    /// Output coercion of what a resolver returned.
    func serialize(_ value: FieldValue) throws(CoercionFailure) -> FieldValue {
        switch self {
        case .int:
            switch value {
            case .int(let number):
                guard number >= Int(Int32.min) && number <= Int(Int32.max) else {
                    throw CoercionFailure("Int cannot represent non 32-bit signed integer value: \(number)")
                }
                return value
            case .float(let number) where number.isFinite && number == number.rounded():
                // A whole double is an integer in JavaScript: too large is out of range, not "non-integer".
                guard number >= Double(Int32.min) && number <= Double(Int32.max) else {
                    throw CoercionFailure("Int cannot represent non 32-bit signed integer value: \(Self.inspect(value))")
                }
                return .int(Int(number))
            case .bool(let flag): return .int(flag ? 1 : 0)
            default: throw CoercionFailure("Int cannot represent non-integer value: \(Self.inspect(value))")
            }
        case .float:
            switch value {
            case .float(let number) where number.isFinite: return value
            case .int(let number): return .float(Double(number))
            case .bool(let flag): return .float(flag ? 1 : 0)
            default: throw CoercionFailure("Float cannot represent non numeric value: \(Self.inspect(value))")
            }
        case .string:
            switch value {
            case .string: return value
            case .int(let number): return .string(String(number))
            case .float(let number) where number.isFinite: return .string(JSONWriter.formatDouble(number))
            case .bool(let flag): return .string(flag ? "true" : "false")
            default: throw CoercionFailure("String cannot represent value: \(Self.inspect(value))")
            }
        case .boolean:
            switch value {
            case .bool: return value
            case .int(let number): return .bool(number != 0)
            case .float(let number) where number.isFinite: return .bool(number != 0)
            default: throw CoercionFailure("Boolean cannot represent a non boolean value: \(Self.inspect(value))")
            }
        case .id:
            switch value {
            case .string: return value
            case .int(let number): return .string(String(number))
            case .float(let number) where number.isFinite && number == number.rounded():
                return .string(JSONWriter.formatDouble(number))
            default: throw CoercionFailure("ID cannot represent value: \(Self.inspect(value))")
            }
        }
    }

    static func inspect(_ value: FieldValue) -> String {
        switch value {
        case .null: return "null"
        case .bool(let flag): return flag ? "true" : "false"
        case .int(let number): return String(number)
        case .float(let number): return number.isFinite ? JSONWriter.formatDouble(number) : (number.isNaN ? "NaN" : (number > 0 ? "Infinity" : "-Infinity"))
        case .string(let text): return InputValue.string(text).description
        case .json(let json): return json.description
        case .object, .typed: return "{}"
        case .list: return "[]"
        case .error: return "an error"
        }
    }
}
