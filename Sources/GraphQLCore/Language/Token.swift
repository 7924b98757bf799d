/// The lexical token kinds of GraphQL (spec section 2.1.6 and following).
///
/// Ignored tokens (white space, line terminators, commas, comments, the byte order mark) never reach the parser.
enum TokenKind: UInt8, Sendable {
    case endOfFile
    case bang, dollar, amp, parenL, parenR, spread, colon, equals, at, bracketL, bracketR, braceL, pipe, braceR
    case name, int, float, string, blockString

    /// How graphql-js names the kind in "Expected …" messages: punctuators quoted, the rest by name.
    var description: String {
        switch self {
        case .endOfFile: return "<EOF>"
        case .bang: return "\"!\""
        case .dollar: return "\"$\""
        case .amp: return "\"&\""
        case .parenL: return "\"(\""
        case .parenR: return "\")\""
        case .spread: return "\"...\""
        case .colon: return "\":\""
        case .equals: return "\"=\""
        case .at: return "\"@\""
        case .bracketL: return "\"[\""
        case .bracketR: return "\"]\""
        case .braceL: return "\"{\""
        case .pipe: return "\"|\""
        case .braceR: return "\"}\""
        case .name: return "Name"
        case .int: return "Int"
        case .float: return "Float"
        case .string: return "String"
        case .blockString: return "BlockString"
        }
    }
}

/// One token: its kind, its byte range in the UTF-8 source and where it starts.
///
/// Names and numbers are sliced from the source only when the parser needs their text. A string's decoded
/// value is kept by the lexer (`Lexer.stringValue`) rather than here, so a token stays a plain value that
/// copies without reference counting; the parser copies tokens constantly.
struct Token: Sendable {
    var kind: TokenKind
    /// Byte offset of the first byte.
    var start: Int
    /// Byte offset one past the last byte.
    var end: Int
    var loc: SourceLocation
}
