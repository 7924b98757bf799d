/// The validated, normalised profile of a new user: pure rules, no I/O.
///
/// - username: 3–32 characters of `a-z`, `0-9`, `_` and `.`, starting with a letter or digit; stored lowercase.
/// - name: 1–100 characters after trimming.
/// - email: one `@`, a dot in the domain, no spaces, at most 254 characters; stored lowercase.
/// - phone: an Indonesian mobile number (`08…`, `628…`, `+628…`, spaces and dashes allowed), stored as `+628…`
///   with 9 to 12 digits after the `+62`.
/// - nik: optional, exactly 16 digits.
public struct UserProfile: Sendable, Hashable {
    public let username: String
    public let name: String
    public let email: String
    public let phone: String
    public let nik: String?

    /// Validates and normalises; the first invalid field is reported as ``ErrorCode/invalidInput`` with its name.
    public init(username: String, name: String, email: String, phone: String, nik: String?) throws(DomainError) {
        self.username = try Self.normalizedUsername(username)
        let trimmedName = name.trimmingWhitespace()
        guard (1...100).contains(trimmedName.count), !trimmedName.unicodeScalars.contains(where: \.isControl) else {
            throw DomainError(.invalidInput, field: ["name"], detail: "name must be 1 to 100 characters")
        }
        self.name = trimmedName
        self.email = try Self.normalizedEmail(email)
        self.phone = try Self.normalizedPhone(phone)
        if let nik, !nik.isEmpty {
            guard nik.utf8.count == 16, nik.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) else {
                throw DomainError(.invalidInput, field: ["nik"], detail: "NIK must be exactly 16 digits")
            }
            self.nik = nik
        } else {
            self.nik = nil
        }
    }

    /// `text` as a stored username, or ``ErrorCode/invalidInput``.
    public static func normalizedUsername(_ text: String) throws(DomainError) -> String {
        let lowered = text.lowercased()
        let bytes = Array(lowered.utf8)
        let allowed = bytes.allSatisfy { isLowerAlnum($0) || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: ".") }
        guard (3...32).contains(bytes.count), allowed, let first = bytes.first, isLowerAlnum(first) else {
            throw DomainError(
                .invalidInput, field: ["username"],
                detail: "username must be 3 to 32 letters, digits, '_' or '.', starting with a letter or digit")
        }
        return lowered
    }

    /// `text` as a stored email address, or ``ErrorCode/invalidInput``.
    public static func normalizedEmail(_ text: String) throws(DomainError) -> String {
        let email = text.trimmingWhitespace().lowercased()
        let parts = email.split(separator: "@", omittingEmptySubsequences: false)
        guard email.utf8.count <= 254, parts.count == 2, !parts[0].isEmpty,
            parts[1].contains("."), !parts[1].hasPrefix("."), !parts[1].hasSuffix("."),
            !email.unicodeScalars.contains(where: { $0.properties.isWhitespace || $0.isControl })
        else { throw DomainError(.invalidInput, field: ["email"], detail: "not an email address") }
        return email
    }

    /// `text` as a `+628…` mobile number, or ``ErrorCode/invalidInput``.
    public static func normalizedPhone(_ text: String) throws(DomainError) -> String {
        var digits = ""
        for (index, character) in text.trimmingWhitespace().enumerated() {
            if character.isASCII, character.isNumber {
                digits.append(character)
            } else if character == "+" && index == 0 && text.trimmingWhitespace().hasPrefix("+62")
                || character == " " || character == "-"
            {
                continue
            } else {
                throw DomainError(.invalidInput, field: ["phone"], detail: "not an Indonesian mobile number")
            }
        }
        if digits.hasPrefix("0") {
            digits = "62" + digits.dropFirst()
        }
        // A mobile subscriber number starts with 8 and has 9 to 12 digits after the country code.
        guard digits.hasPrefix("628"), (11...14).contains(digits.count) else {
            throw DomainError(.invalidInput, field: ["phone"], detail: "not an Indonesian mobile number")
        }
        return "+" + digits
    }

    private static func isLowerAlnum(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
    }
}

extension Unicode.Scalar {
    var isControl: Bool { properties.generalCategory == .control }
}

extension String {
    func trimmingWhitespace() -> String {
        let scalars = unicodeScalars
        guard let start = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
            let end = scalars.lastIndex(where: { !$0.properties.isWhitespace })
        else { return "" }
        return String(scalars[start...end])
    }
}
