import Testing
@testable import GraphQLCore

/// Random and mutated documents, from a fixed seed, for a fixed time budget: the parser must never crash, and
/// every failure must be a located parse error. Whatever parses must print and re-parse to the same text.
@Suite struct ParserFuzzTests {
    static let seeds = [
        #"query Q($a: Int = 1, $b: [String!]! @d) @x { f(a: $a, b: {c: [1.5e3, "s\u00e9", """blk"""]}) { ...F ... on T { g } } }"#,
        "fragment F on T @d(if: true) { a: b(c: null, d: ENUM) @skip(if: $v) { e } }\nmutation { m }",
        "\"\"\"desc\"\"\" type T implements A & B @k(f: \"id\") { f(\"d\" a: [Int!] = [1]): String @deprecated }",
        "schema { query: Q } extend type T { g: Int } union U = | A | B enum E { A B } input I @oneOf { a: Int }",
        "directive @d(a: Int = 1) repeatable on FIELD | QUERY\nscalar S @specifiedBy(url: \"u\")\n# comment\r\n{ a }",
    ]
    static let fragments = [
        "{", "}", "(", ")", "[", "]", "...", "$", "@", ":", "=", "!", "|", "&", ",", "\"", "\"\"\"", "\\", "\\u",
        "\\u{", "#", "\n", "\r", " ", "on", "query", "fragment", "type", "extend", "1", "-", ".", "e", "0", "é",
        "😀", "\u{FEFF}", "\t", "null", "true",
    ]

    @Test func noInputCrashesTheParserAndEveryFailureIsALocatedParseError() {
        var generator = SplitMix64(state: 20_211_026)
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: .seconds(2))
        var iterations = 0
        var parsed = 0
        // The seeds themselves must parse and print to a fixed point, however few mutations the budget allows.
        for seed in Self.seeds {
            #expect(throws: Never.self) {
                let printed = print(try parse(seed))
                #expect(print(try parse(printed)) == printed)
            }
        }
        while clock.now < deadline {
            let source = iterations % 3 == 0 ? randomBytes(&generator) : mutatedDocument(&generator)
            iterations += 1
            do throws(GraphQLError) {
                let document = try parse(source, options: ParseOptions(maxTokens: 2_000))
                parsed += 1
                let printed = print(document)
                guard let reparsed = try? parse(printed, options: ParseOptions(maxTokens: 10_000)) else {
                    Issue.record("printed form does not parse: \(printed.debugDescription) from \(source.debugDescription)")
                    return
                }
                #expect(print(reparsed) == printed, "print is not a fixed point for \(source.debugDescription)")
            } catch {
                let lines = source.utf8.reduce(1) { $1 == 0x0A || $1 == 0x0D ? $0 + 1 : $0 }
                let valid = error.code == .parseFailed && error.locations.count == 1
                    && error.message.hasPrefix("Syntax Error: ") && error.locations[0].line >= 1
                    && error.locations[0].line <= lines && error.locations[0].column >= 1
                if !valid {
                    Issue.record("bad error \(error) for \(source.debugDescription)")
                    return
                }
            }
        }
        // Visible in the test log, so the report can quote how much ground the budget covered.
        Swift.print("parser fuzz: \(iterations) inputs, \(parsed) parsed")
        // A loaded CI machine may manage far fewer inputs than a quiet one; this only proves the loop ran.
        #expect(iterations > 200)
    }

    private func randomBytes(_ generator: inout SplitMix64) -> String {
        let count = Int.random(in: 0...64, using: &generator)
        let bytes = (0..<count).map { _ in
            // Mostly ASCII (where the grammar lives), some high bytes, which decode to U+FFFD or real scalars.
            Bool.random(using: &generator) ? UInt8.random(in: 0x20...0x7E, using: &generator) : UInt8.random(in: 0...255, using: &generator)
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private func mutatedDocument(_ generator: inout SplitMix64) -> String {
        var scalars = Array(Self.seeds.randomElement(using: &generator)!.unicodeScalars)
        for _ in 0..<Int.random(in: 1...4, using: &generator) {
            let position = Int.random(in: 0...scalars.count, using: &generator)
            switch Int.random(in: 0..<4, using: &generator) {
            case 0:
                let fragment = Self.fragments.randomElement(using: &generator)!
                scalars.insert(contentsOf: fragment.unicodeScalars, at: position)
            case 1 where position < scalars.count:
                let end = min(scalars.count, position + Int.random(in: 1...8, using: &generator))
                scalars.removeSubrange(position..<end)
            case 2 where position < scalars.count:
                let end = min(scalars.count, position + Int.random(in: 1...16, using: &generator))
                scalars.insert(contentsOf: scalars[position..<end], at: position)
            default:
                if position < scalars.count {
                    scalars[position] = Self.fragments.randomElement(using: &generator)!.unicodeScalars.first!
                }
            }
        }
        var text = ""
        text.unicodeScalars.append(contentsOf: scalars)
        return text
    }
}
