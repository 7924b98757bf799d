import Foundation
import GraphQLCore

/// The fields of a mutation's input object, as the engine coerced them (so required fields are present and of
/// their declared types; `Decimal` fields are checked decimal strings).
struct MutationInput: Sendable {
    private let value: InputValue

    /// The input object argument `name` of `arguments`.
    init(_ arguments: Arguments, _ name: String = "input") throws {
        guard let value = arguments.object(name) else { throw MissingArgument(name: name) }
        self.value = value
    }

    /// A string, ID or Decimal field; nil when absent or null.
    func string(_ key: String) -> String? { value[key]?.stringValue }

    /// A Boolean field; nil when absent or null.
    func bool(_ key: String) -> Bool? { value[key]?.boolValue }

    /// A field the schema makes non-null; its absence is an internal error (the engine validated the input).
    func required(_ key: String) throws -> String {
        guard let text = string(key) else { throw MissingArgument(name: key) }
        return text
    }

    /// A non-null Int field.
    func requiredInt(_ key: String) throws -> Int {
        guard let number = value[key]?.intValue else { throw MissingArgument(name: key) }
        return number
    }
}

/// An argument the validated document must have had: a programming error, masked for the client.
struct MissingArgument: Error, CustomStringConvertible {
    let name: String
    var description: String { "argument or input field \(name) is missing after validation" }
}

extension WalletAPI {
    /// The wallet UUID of an opaque id. Anything that is not a wallet id this API issued (malformed, another
    /// type's id) is ``ErrorCode/walletNotFound`` at `field`, exactly as a missing wallet.
    static func walletID(_ text: String?, field: String) throws(DomainError) -> UUID {
        guard let text, let id = GlobalID.decode(text, as: .wallet) else {
            throw DomainError(.walletNotFound, field: [field])
        }
        return id
    }
}
