import Foundation

/// The `.env` file format the server reads: `KEY=VALUE` lines, `#` comments and blank lines ignored, an optional
/// `export ` prefix, and values optionally in single or double quotes (kept verbatim inside; no interpolation).
/// An unquoted value ends at ` #`. Lines that are not assignments are skipped.
public enum DotEnv {
    /// The assignments of `text`; a later line wins.
    public static func parse(_ text: String) -> [String: String] {
        var values: [String: String] = [:]
        for rawLine in text.split(whereSeparator: \.isNewline) {
            var line = rawLine.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            if line.hasPrefix("export ") { line = String(line.dropFirst("export ".count)).trimmingCharacters(in: .whitespaces) }
            guard let equals = line.firstIndex(of: "=") else { continue }
            let key = line[..<equals].trimmingCharacters(in: .whitespaces)
            guard !key.isEmpty, key.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }) else { continue }
            values[key] = value(String(line[line.index(after: equals)...]).trimmingCharacters(in: .whitespaces))
        }
        return values
    }

    private static func value(_ text: String) -> String {
        if let quote = text.first, quote == "\"" || quote == "'" {
            let rest = text.dropFirst()
            if let end = rest.firstIndex(of: quote) { return String(rest[..<end]) }
            return String(rest)
        }
        if let comment = text.range(of: " #") { return String(text[..<comment.lowerBound]).trimmingCharacters(in: .whitespaces) }
        return text
    }
}
