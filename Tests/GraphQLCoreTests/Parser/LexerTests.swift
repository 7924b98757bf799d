import Testing
@testable import GraphQLCore

@Suite struct LexerTests {
    @Test func punctuatorsNamesAndIgnoredTokens() throws {
        let tokens = try lexAll("\u{FEFF}{ a, b\t...c # comment\r\n$d:[e!] @f(g: 1) | & = }")
        #expect(tokens.map(\.kind) == [
            .braceL, .name, .name, .spread, .name, .dollar, .name, .colon, .bracketL, .name, .bang, .bracketR,
            .at, .name, .parenL, .name, .colon, .int, .parenR, .pipe, .amp, .equals, .braceR,
        ])
        #expect(tokens.map(\.text)[1...4] == ["a", "b", "...", "c"])
    }

    @Test func locationsCountLinesForEveryTerminatorAndColumnsInScalars() throws {
        let tokens = try lexAll("a\nb\r\nc\rd\n  \"é\" e\n\"😀\" f")
        #expect(tokens.map { "\($0.loc.line):\($0.loc.column)" } == ["1:1", "2:1", "3:1", "4:1", "5:3", "5:7", "6:1", "6:5"])
    }

    @Test func byteOrderMarkIsIgnoredButTakesAColumn() throws {
        let tokens = try lexAll("\u{FEFF}a")
        #expect(tokens[0].loc == SourceLocation(line: 1, column: 2))
    }

    @Test(arguments: [
        ("4", TokenKind.int), ("-4", .int), ("0", .int), ("-0", .int), ("9876543210", .int),
        ("4.123", .float), ("-4.123", .float), ("0.123", .float), ("123e4", .float), ("123E4", .float),
        ("123e-4", .float), ("123e+4", .float), ("-1.123e4", .float), ("-1.123e-4", .float),
    ])
    func numbersFollowTheSpecGrammar(source: String, kind: TokenKind) throws {
        let token = try lexOne(source).get()
        #expect(token.kind == kind)
        #expect(token.text == source)
    }

    @Test(arguments: [
        ("00", "Syntax Error: Invalid number, unexpected digit after 0: \"0\". @1:2"),
        ("01", "Syntax Error: Invalid number, unexpected digit after 0: \"1\". @1:2"),
        ("+1", "Syntax Error: Unexpected character: \"+\". @1:1"),
        ("1.", "Syntax Error: Invalid number, expected digit but got: <EOF>. @1:3"),
        ("1e", "Syntax Error: Invalid number, expected digit but got: <EOF>. @1:3"),
        (".123", "Syntax Error: Unexpected character: \".\". @1:1"),
        ("1.A", "Syntax Error: Invalid number, expected digit but got: \"A\". @1:3"),
        ("-A", "Syntax Error: Invalid number, expected digit but got: \"A\". @1:2"),
        ("1.0e", "Syntax Error: Invalid number, expected digit but got: <EOF>. @1:5"),
        ("1.0eA", "Syntax Error: Invalid number, expected digit but got: \"A\". @1:5"),
        ("1.2e3e", "Syntax Error: Invalid number, expected digit but got: \"e\". @1:6"),
        ("1.2e3.4", "Syntax Error: Invalid number, expected digit but got: \".\". @1:6"),
        ("1.23.4", "Syntax Error: Invalid number, expected digit but got: \".\". @1:5"),
        ("0xF1", "Syntax Error: Invalid number, expected digit but got: \"x\". @1:2"),
        ("123abc", "Syntax Error: Invalid number, expected digit but got: \"a\". @1:4"),
        ("1_000", "Syntax Error: Invalid number, expected digit but got: \"_\". @1:2"),
    ])
    func numbersRejectedByTheLookaheadRules(source: String, expected: String) {
        #expect(lexErrorDescription(source) == expected)
    }

    @Test(arguments: [
        (#""simple""#, "simple"),
        (#"" white space ""#, " white space "),
        (#""quote \"""#, "quote \""),
        (#""escaped \n\r\b\t\f\/\\""#, "escaped \n\r\u{8}\t\u{C}/\\"),
        (#""unicode \u1234\u5678\u90AB\uCDEF""#, "unicode \u{1234}\u{5678}\u{90AB}\u{CDEF}"),
        (#""unicode \u{1234}\u{00005678}\u{1F600}""#, "unicode \u{1234}\u{5678}😀"),
        (#""surrogate pair \uD83D\uDE00""#, "surrogate pair 😀"),
        (#""lower \ud83d\ude00""#, "lower 😀"),
        ("\"unescaped é 😀 \u{7}\"", "unescaped é 😀 \u{7}"),
    ])
    func stringsResolveEveryEscape(source: String, value: String) throws {
        let token = try lexOne(source).get()
        #expect(token.kind == .string)
        #expect(token.text == value)
    }

    @Test(arguments: [
        ("\"", "Syntax Error: Unterminated string. @1:2"),
        ("\"no end", "Syntax Error: Unterminated string. @1:8"),
        ("\"line\nbreak\"", "Syntax Error: Unterminated string. @1:6"),
        ("\"line\rbreak\"", "Syntax Error: Unterminated string. @1:6"),
        (#""bad \z esc""#, #"Syntax Error: Invalid character escape sequence: "\z". @1:6"#),
        (#""bad \x esc""#, #"Syntax Error: Invalid character escape sequence: "\x". @1:6"#),
        (#""bad \u1 esc""#, #"Syntax Error: Invalid Unicode escape sequence: "\u1 es". @1:6"#),
        (#""bad \u0XX1 esc""#, #"Syntax Error: Invalid Unicode escape sequence: "\u0XX1". @1:6"#),
        (#""bad \uFXXX esc""#, #"Syntax Error: Invalid Unicode escape sequence: "\uFXXX". @1:6"#),
        (#""bad \uD83D esc""#, #"Syntax Error: Invalid Unicode escape sequence: "\uD83D". @1:6"#),
        (#""bad \uD83D\u0041""#, #"Syntax Error: Invalid Unicode escape sequence: "\uD83D". @1:6"#),
        (#""bad \uDE00""#, #"Syntax Error: Invalid Unicode escape sequence: "\uDE00". @1:6"#),
        (#""bad \u{D800}""#, #"Syntax Error: Invalid Unicode escape sequence: "\u{D800}". @1:6"#),
        (#""bad \u{110000}""#, #"Syntax Error: Invalid Unicode escape sequence: "\u{110000}". @1:6"#),
        (#""bad \u{}""#, #"Syntax Error: Invalid Unicode escape sequence: "\u{}". @1:6"#),
        (#""bad \u{FXXX}""#, #"Syntax Error: Invalid Unicode escape sequence: "\u{FX". @1:6"#),
        (#""bad \u{1234567890}""#, #"Syntax Error: Invalid Unicode escape sequence: "\u{123456789". @1:6"#),
        ("\"é\\q\"", #"Syntax Error: Invalid character escape sequence: "\q". @1:3"#),
    ])
    func stringErrorsQuoteTheOffendingEscape(source: String, expected: String) {
        #expect(lexErrorDescription(source) == expected)
    }

    @Test(arguments: [
        ("\"\"\"simple\"\"\"", "simple"),
        ("\"\"\" white space \"\"\"", " white space "),
        ("\"\"\"contains \" quote\"\"\"", "contains \" quote"),
        ("\"\"\"contains \\\"\"\" triple quote\"\"\"", "contains \"\"\" triple quote"),
        ("\"\"\"multi\nline\"\"\"", "multi\nline"),
        ("\"\"\"multi\rline\r\nnormalized\"\"\"", "multi\nline\nnormalized"),
        ("\"\"\"unescaped \\n\\r\\b\\t\\f\\u1234\"\"\"", "unescaped \\n\\r\\b\\t\\f\\u1234"),
        ("\"\"\"slashes \\\\ \\/\"\"\"", "slashes \\\\ \\/"),
        ("\"\"\"\n\n        spans\n          multiple\n            lines\n\n        \"\"\"", "spans\n  multiple\n    lines"),
        ("\"\"\"  first line keeps its indent\n    second\n      third\"\"\"", "  first line keeps its indent\nsecond\n  third"),
        ("\"\"\"\n\t\ttabs\n\t\t  count\n\"\"\"", "tabs\n  count"),
        ("\"\"\"   \n  \n\"\"\"", ""),
        ("\"\"\"\"\"\"", ""),
    ])
    func blockStringsApplyBlockStringValue(source: String, value: String) throws {
        let token = try lexOne(source).get()
        #expect(token.kind == .blockString)
        #expect(token.text == value)
    }

    @Test func blockStringsAdvanceTheLineCount() throws {
        let tokens = try lexAll("\"\"\"a\nb\r\nc\"\"\" d\n e")
        #expect(tokens[1].loc == SourceLocation(line: 3, column: 6))
        #expect(tokens[2].loc == SourceLocation(line: 4, column: 2))
    }

    @Test(arguments: [
        ("\"\"\"", "Syntax Error: Unterminated string. @1:4"),
        ("\"\"\"no end\n  here", "Syntax Error: Unterminated string. @2:7"),
        ("?", #"Syntax Error: Unexpected character: "?". @1:1"#),
        ("\u{7}", "Syntax Error: Unexpected character: U+0007. @1:1"),
        ("\u{203B}", "Syntax Error: Unexpected character: U+203B. @1:1"),
        ("\u{1F600}", "Syntax Error: Unexpected character: U+1F600. @1:1"),
        ("\u{200B}", "Syntax Error: Unexpected character: U+200B. @1:1"),
        ("'a'", "Syntax Error: Unexpected single quote character ('), did you mean to use a double quote (\")? @1:1"),
        ("..", #"Syntax Error: Unexpected character: ".". @1:1"#),
        ("a ~", #"Syntax Error: Unexpected character: "~". @1:3"#),
        ("a-b", #"Syntax Error: Invalid number, expected digit but got: "b". @1:3"#),
        ("\n\n   \"é\" ?", #"Syntax Error: Unexpected character: "?". @3:8"#),
    ])
    func unexpectedCharactersAreReportedLikeGraphQLJS(source: String, expected: String) {
        #expect(lexErrorDescription(source) == expected)
    }

    private func lexErrorDescription(_ source: String) -> String {
        do throws(GraphQLError) {
            _ = try lexAll(source)
            return "lexed"
        } catch {
            return "\(error.message) @" + error.locations.map { "\($0.line):\($0.column)" }.joined(separator: ",")
        }
    }
}
