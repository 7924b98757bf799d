import Testing
@testable import GraphQLCore

/// Every limit in `ParseOptions`, and the GraphQLSwift parser defects that the limits exist to prevent.
@Suite(.timeLimit(.minutes(1))) struct ParseLimitsTests {
    private func nestedSelections(_ depth: Int) -> String {
        String(repeating: "{ a ", count: depth) + String(repeating: "} ", count: depth)
    }

    private func elapsed(_ body: () -> Void) -> Duration {
        let clock = ContinuousClock()
        return clock.measure(body)
    }

    @Test func documentsOverTheByteLimitAreRefusedBeforeScanning() {
        let options = ParseOptions(maxBytes: 10)
        #expect(parseError("{ abcdef }", options: options) == nil)
        let error = parseError("{ abcdefg }", options: options)
        #expect(error?.message == "Syntax Error: Document is 11 bytes, more than the limit of 10 bytes. Parsing aborted.")
        #expect(error?.locations == [SourceLocation(line: 1, column: 1)])
        #expect(error?.code == .parseFailed)
        // Bytes, not characters: "é" is two.
        #expect(parseError("{ abcdé }", options: options) != nil)
    }

    @Test func tokensOverTheLimitStopTheParseAtTheFirstExtraToken() {
        let options = ParseOptions(maxTokens: 4)
        #expect(parseError("{ a b } # comments and commas,,, are not tokens", options: options) == nil)
        #expect(describeError("{ a b c }", options: options)
            == "Syntax Error: Document contains more than 4 tokens. Parsing aborted. @1:9")
    }

    @Test func selectionDepthIsCountedForFieldsAndInlineFragments() {
        let options = ParseOptions(maxSelectionDepth: 3)
        #expect(parseError(nestedSelections(3), options: options) == nil)
        #expect(describeError(nestedSelections(4), options: options)
            == "Syntax Error: Selection sets are nested more than 3 levels deep. Parsing aborted. @1:13")
        #expect(describeError("{ ... { ... on A { ... @x { a } } } }", options: options)
            == "Syntax Error: Selection sets are nested more than 3 levels deep. Parsing aborted. @1:27")
        #expect(parseError("{ a { b } } { c { d } } fragment F on T { a { b } }", options: ParseOptions(maxSelectionDepth: 2)) == nil)
    }

    @Test func valueDepthBoundsListsObjectsAndListTypes() {
        let options = ParseOptions(maxValueDepth: 3)
        #expect(parseError("{ a(x: [[[1]]], y: {a: {b: {c: 1}}}, z: [{a: [1]}]) }", options: options) == nil)
        #expect(describeError("{ a(x: [[[[1]]]]) }", options: options)
            == "Syntax Error: Lists or input objects are nested more than 3 levels deep. Parsing aborted. @1:11")
        #expect(describeError("{ a(x: {a: [{b: [2]}]}) }", options: options)
            == "Syntax Error: Lists or input objects are nested more than 3 levels deep. Parsing aborted. @1:17")
        #expect(parseError("query ($v: [[[Int]]]) { a }", options: options) == nil)
        #expect(describeError("query ($v: [[[[Int]]]]) { a }", options: options)
            == "Syntax Error: Lists or input objects are nested more than 3 levels deep. Parsing aborted. @1:15")
        #expect(describeError("type T { f(a: [[[[Int]]]]): Int }", options: options)
            == "Syntax Error: Lists or input objects are nested more than 3 levels deep. Parsing aborted. @1:18")
    }

    /// GraphQLSwift overflowed its stack in the parser on 10,000 nested selections.
    @Test func tenThousandNestedSelectionsGiveACleanErrorQuickly() {
        var error: GraphQLError?
        let time = elapsed { error = parseError(nestedSelections(10_000)) }
        #expect(error?.message == "Syntax Error: Selection sets are nested more than 128 levels deep. Parsing aborted.")
        #expect(error?.locations == [SourceLocation(line: 1, column: 129 * 4 - 3)])
        print("10,000 nested selections refused in \(time)")
    }

    @Test func deeplyNestedValuesAndTypesAreRefusedQuickly() {
        var errors: [GraphQLError?] = []
        let time = elapsed {
            errors.append(parseError("{ a(x: " + String(repeating: "[", count: 100_000) + ") }"))
            errors.append(parseError("{ a(x: " + String(repeating: "{a: ", count: 100_000) + ") }"))
            errors.append(parseError("query ($v: " + String(repeating: "[", count: 100_000) + ") { a }"))
        }
        for error in errors {
            #expect(error?.message.hasPrefix("Syntax Error: Lists or input objects are nested more than 64") == true)
        }
        print("100,000-deep values and types refused in \(time)")
    }

    /// The 150-byte document that cost GraphQLSwift 100 s in validation must at least parse at once, so
    /// validation gets to show it is linear.
    @Test func sixtyNestedListLiteralsInAnArgumentParse() throws {
        let source = "{ field(arg: " + String(repeating: "[", count: 60) + "1" + String(repeating: "]", count: 60) + ") }"
        var document: Document?
        let time = elapsed { document = try? parse(source) }
        let argument = fields(document.flatMap(firstOperation)?.selectionSet).first?.arguments.first
        var depth = 0
        var value = argument?.value
        while case .list(let items)? = value?.kind {
            depth += 1
            value = items.first
        }
        #expect(depth == 60)
        print("60 nested list literals parsed in \(time)")
    }

    /// The limits are sized so that a document at every limit at once parses on a cooperative-pool thread,
    /// whose stack is much smaller than the main thread's.
    @Test func documentsAtTheDefaultDepthLimitsParseOnAConcurrencyThread() async throws {
        let value = String(repeating: "[", count: 64) + String(repeating: "]", count: 64)
        let source = String(repeating: "{ a(x: \(value)) ", count: 128) + String(repeating: "} ", count: 128)
        let parsed = await Task.detached { () -> Bool in
            (try? parse(source)) != nil
        }.value
        #expect(parsed)
    }

    @Test func largeDocumentsParseInLinearTime() throws {
        // About 1 MiB each: many fields on one line (columns counted incrementally), one huge string, and a
        // huge comment.
        let manyFields = "{ " + String(repeating: "field(a: 1) ", count: 80_000) + "}"
        let hugeString = "{ a(s: \"" + String(repeating: "x\\n", count: 300_000) + "\") }"
        let hugeComment = "#" + String(repeating: "c", count: 1_000_000) + "\n{ a }"
        let options = ParseOptions(maxTokens: 1_000_000)
        let time = try ContinuousClock().measure {
            _ = try parse(manyFields, options: options)
            _ = try parse(hugeString, options: options)
            _ = try parse(hugeComment, options: options)
        }
        print("three 1 MiB documents parsed in \(time)")
    }
}
