import Testing
@testable import GraphQLCore

/// Documents built to hurt a validator: the GraphQLSwift regressions and the classic blow-ups of
/// OverlappingFieldsCanBeMerged. Each must finish with the right answer; times are printed, not asserted.
@Suite struct HostileDocumentTests {
    private let loc = SourceLocation(line: 1, column: 1)

    private func timed<T>(_ label: String, _ body: () -> T) -> T {
        let clock = ContinuousClock()
        var result: T?
        let elapsed = clock.measure { result = body() }
        print("hostile validation: \(label): \(elapsed)")
        return result!
    }

    /// `{ me { friends(first: 1) { … depth … { id } } } }`, built without the parser (which stops at 128).
    private func nestedSelections(depth: Int, column: Int) -> SelectionSet {
        var inner = SelectionSet(
            selections: [.field(Field(alias: nil, name: Name("id", loc: loc), arguments: [], directives: [],
                                      selectionSet: nil, loc: SourceLocation(line: depth + 2, column: column)))],
            loc: SourceLocation(line: depth + 2, column: column))
        for level in stride(from: depth, to: 0, by: -1) {
            let at = SourceLocation(line: level + 1, column: column)
            let first = Argument(name: Name("first", loc: at), value: Value(.int("1"), loc: at))
            let field = Field(alias: nil, name: Name("friends", loc: at), arguments: [first], directives: [],
                              selectionSet: inner, loc: at)
            inner = SelectionSet(selections: [.field(field)], loc: SourceLocation(line: level + 1, column: column + 1))
        }
        return inner
    }

    private func query(_ selections: [Selection]) -> Document {
        Document(definitions: [.operation(OperationDefinition(
            operation: .query, name: nil, variableDefinitions: [], directives: [],
            selectionSet: SelectionSet(selections: selections, loc: loc), loc: loc))])
    }

    private func me(_ set: SelectionSet, column: Int) -> Selection {
        .field(Field(alias: nil, name: Name("me", loc: SourceLocation(line: 1, column: column)), arguments: [],
                     directives: [], selectionSet: set, loc: SourceLocation(line: 1, column: column)))
    }

    @Test func threeThousandNestedSelectionsValidateOnATaskStack() async {
        // GraphQLSwift overflowed the stack at this depth. Two identical branches also make the overlap
        // check compare the two chains all the way down.
        let document = query([me(nestedSelections(depth: 3_000, column: 10), column: 2),
                              me(nestedSelections(depth: 3_000, column: 20), column: 3)])
        let errors = await Task { timed("3,000 nested selections, twice") {
            validate(document, schema: ValidationFixtures.schema)
        } }.value
        #expect(errors.isEmpty)
    }

    @Test func deepConflictIsFoundAtTheBottomOfTwoChains() async {
        var left = nestedSelections(depth: 3_000, column: 10)
        let right = nestedSelections(depth: 3_000, column: 20)
        // Change only the innermost field of one chain: `id` becomes `id: name`.
        func replaceInnermost(_ set: inout SelectionSet) {
            var path: [SelectionSet] = [set]
            while case .field(let field) = path.last!.selections[0], let next = field.selectionSet { path.append(next) }
            guard case .field(var innermost) = path.removeLast().selections[0] else { return }
            innermost = Field(alias: Name("id", loc: innermost.loc), name: Name("name", loc: innermost.loc), arguments: [],
                              directives: [], selectionSet: nil, loc: innermost.loc)
            var rebuilt = SelectionSet(selections: [.field(innermost)], loc: innermost.loc)
            while let parent = path.popLast() {
                guard case .field(var field) = parent.selections[0] else { return }
                field.selectionSet = rebuilt
                rebuilt = SelectionSet(selections: [.field(field)], loc: parent.loc)
            }
            set = rebuilt
        }
        replaceInnermost(&left)
        let document = query([me(left, column: 2), me(right, column: 3)])
        let errors = await Task { timed("conflict 3,000 levels down") {
            validate(document, schema: ValidationFixtures.schema)
        } }.value
        #expect(errors.count == 1)
        #expect(errors.first?.locations.count == 2 * 3_002)
        #expect(errors.first?.message.hasSuffix(
            "subfields \"id\" conflict because \"name\" and \"id\" are different fields."
                + " Use different aliases on the fields to fetch both if this was intentional.") == true)
    }

    @Test func sixtyNestedListLiteralsAreCheckedInLinearTime() throws {
        // GraphQLSwift spent about 100 s of CPU on this ~150-byte argument.
        let depth = 60
        let source = "{ transfers(matrix: " + String(repeating: "[", count: depth) + "1"
            + String(repeating: "]", count: depth) + ") { id } }"
        let document = try parse(source)
        let messages = timed("60 nested list literals") { validate(document, schema: ValidationFixtures.schema) }.map(\.message)
        #expect(messages.count == 1)
        #expect(messages.first?.hasPrefix("Int cannot represent non-integer value: [[[") == true)
    }

    @Test func tenThousandNestedListLiteralsBuiltByHand() {
        // Beyond the parser's value-depth limit, so built by hand; much deeper and freeing the literal itself
        // (Swift releases nested enums recursively) would be what overflows, not validation.
        var value = Value(.int("1"), loc: loc)
        for _ in 0..<10_000 { value = Value(.list([value, Value(.null, loc: loc)]), loc: loc) }
        let argument = Argument(name: Name("matrix", loc: loc), value: value)
        let field = Field(alias: nil, name: Name("transfers", loc: loc), arguments: [argument], directives: [],
                          selectionSet: SelectionSet(selections: [.field(Field(
                              alias: nil, name: Name("id", loc: SourceLocation(line: 2, column: 1)), arguments: [],
                              directives: [], selectionSet: nil, loc: SourceLocation(line: 2, column: 1)))],
                              loc: SourceLocation(line: 1, column: 30)), loc: SourceLocation(line: 1, column: 3))
        let errors = timed("10,000 nested list literals") {
            validate(query([.field(field)]), schema: ValidationFixtures.schema)
        }
        #expect(errors.count == 1)
        withExtendedLifetime(value) {}
    }

    @Test func thousandsOfIdenticalFieldsAreComparedCheaply() throws {
        let source = "{ " + String(repeating: "me { id name wallets { id balance } } ", count: 2_000) + "}"
        let document = try parse(source)
        let errors = timed("2,000 identical repeated fields") { validate(document, schema: ValidationFixtures.schema) }
        #expect(errors.isEmpty)
    }

    @Test func manyFragmentsSpreadEverywhereStayPolynomial() throws {
        // Every fragment spreads all the ones after it: graphql-js's fragment-pair cache keeps this polynomial.
        let count = 60
        var source = "{ me { " + (0..<count).map { "...F\($0)" }.joined(separator: " ") + " } }\n"
        for index in 0..<count {
            let spreads = ((index + 1)..<count).map { "...F\($0)" }.joined(separator: " ")
            source += "fragment F\(index) on User { id name primaryWallet { id } \(spreads) }\n"
        }
        let document = try parse(source)
        let errors = timed("60 fragments spreading each other") { validate(document, schema: ValidationFixtures.schema) }
        #expect(errors.isEmpty)
    }

    @Test func validationStopsAtTheErrorLimit() {
        let source = "{ " + (0..<150).map { "f\($0)" }.joined(separator: " ") + " }"
        let messages = validationMessages(source)
        #expect(messages.count == 101)
        #expect(messages.last == "Too many validation errors, error limit reached. Validation aborted.")
    }
}
