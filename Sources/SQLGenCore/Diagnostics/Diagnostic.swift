/// One generator error, printed the way compilers print theirs so that `swift build` and editors show it
/// at the right place: `queries/users.sql:4:12: error: column "nmae" does not exist`.
public struct Diagnostic: Error, Sendable, Hashable, CustomStringConvertible {
    /// The file as shown to the user, relative to the package root (`queries/users.sql`).
    public let file: String
    /// 1-based line.
    public let line: Int
    /// 1-based column, in characters.
    public let column: Int
    /// What is wrong, and where possible how to fix it.
    public let message: String

    /// A diagnostic at `file:line:column`.
    public init(file: String, line: Int, column: Int, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    /// `file:line:column: error: message`, the form compilers and editors read.
    public var description: String { "\(file):\(line):\(column): error: \(message)" }
}

/// An error found while parsing or analysing text, at a UTF-8 offset of the file being read. The file
/// maps it to a line and column (``SourceFile/diagnostic(_:)``), so parsers need not track lines.
struct LocatedError: Error {
    let offset: Int
    let message: String
}
