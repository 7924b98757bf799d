/// A lexical token of the PostgreSQL subset the generator reads. Keywords are plain identifiers; the
/// parser compares them case-insensitively, since most SQL keywords are not reserved.
struct Token: Sendable, Hashable {
    enum Kind: Sendable, Hashable {
        case identifier
        /// `"Name"`: never a keyword, case kept.
        case quotedIdentifier
        case number
        case string
        /// `$1`: `text` holds the digits.
        case positionalParameter
        /// `@name`: `text` holds the name.
        case namedParameter
        /// An operator or punctuation: `(`, `)`, `,`, `.`, `;`, `[`, `]`, `::`, `=`, `<>`, `||`, ….
        case symbol
        case end
    }

    let kind: Kind
    let text: String
    /// UTF-8 byte range in the source file.
    let range: Range<Int>

    var start: Int { range.lowerBound }

    /// Whether this is the (unquoted) keyword `word`, which must be given in upper case.
    func isKeyword(_ word: String) -> Bool {
        kind == .identifier && text.uppercased() == word
    }

    func isSymbol(_ symbol: String) -> Bool {
        kind == .symbol && text == symbol
    }

    /// The identifier's name as PostgreSQL folds it: unquoted names are lower-cased.
    var name: String {
        kind == .quotedIdentifier ? text : text.lowercased()
    }
}
