/// Swift spellings of SQL and query names, following sqlc: `GetUser` → `getUser`, `GetUserRow`;
/// `created_at` → `createdAt`.
enum SwiftNames {
    private static let keywords: Set<String> = [
        "associatedtype", "class", "deinit", "enum", "extension", "fileprivate", "func", "import", "init", "inout",
        "internal", "let", "open", "operator", "private", "protocol", "public", "rethrows", "static", "struct",
        "subscript", "typealias", "var", "break", "case", "continue", "default", "defer", "do", "else", "fallthrough",
        "for", "guard", "if", "in", "repeat", "return", "switch", "where", "while", "as", "catch", "false", "is", "nil",
        "super", "self", "Self", "throw", "throws", "true", "try", "Type", "Any", "async", "await",
    ]

    /// `created_at` → `createdAt`, escaped with backticks when it is a keyword.
    static func property(_ snake: String) -> String {
        let parts = snake.split(separator: "_").map(String.init)
        guard let first = parts.first else { return "_" }
        var name = first.prefix(1).lowercased() + first.dropFirst()
        for part in parts.dropFirst() { name += part.prefix(1).uppercased() + part.dropFirst() }
        if name.first?.isNumber == true { name = "_" + name }
        return escaped(name)
    }

    static func escaped(_ name: String) -> String {
        keywords.contains(name) ? "`\(name)`" : name
    }

    /// `GetUser` → `getUser`.
    static func function(_ queryName: String) -> String {
        let leadingUpper = queryName.prefix { $0.isUppercase }
        let lowered: String
        if leadingUpper.count > 1 && leadingUpper.count < queryName.count {
            // `URLForUser` → `urlForUser`: keep the last capital of an acronym for the next word.
            lowered = leadingUpper.dropLast().lowercased() + queryName.dropFirst(leadingUpper.count - 1)
        } else {
            lowered = queryName.prefix(1).lowercased() + queryName.dropFirst()
        }
        return escaped(lowered)
    }

    /// `GetUser` → `GetUser` (types keep the query's spelling, with a capital first letter).
    static func type(_ queryName: String) -> String {
        queryName.prefix(1).uppercased() + queryName.dropFirst()
    }

    /// A table's name in the singular, in snake_case (`ledger_entries` → `ledger_entry`): only the last word
    /// changes, by the English rules table names use (`-ies` → `-y`, `-sses` → `-ss`, `-s` → ``).
    static func singular(_ table: String) -> String {
        var words = table.split(separator: "_", omittingEmptySubsequences: false).map(String.init)
        guard var last = words.popLast() else { return table }
        if last.hasSuffix("ies"), last.count > 3 {
            last = String(last.dropLast(3)) + "y"
        } else if last.hasSuffix("sses") {
            last = String(last.dropLast(2))
        } else if last.hasSuffix("s"), !last.hasSuffix("ss"), last.count > 1 {
            last = String(last.dropLast())
        }
        return (words + [last]).joined(separator: "_")
    }

    /// The model struct of a table: `ledger_entries` → `LedgerEntry`, as sqlc names its models.
    static func model(_ table: String) -> String {
        singular(table).split(separator: "_").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    }

    /// The Swift type of a value, optional when nullable.
    static func swiftType(_ type: ColumnType, nullable: Bool) -> String {
        (type.swiftType ?? "Never") + (nullable ? "?" : "")
    }
}
