import Testing
@testable import GraphQLCore

/// Mutated SDL, from a fixed seed, for a fixed time budget: building never crashes, every refusal carries
/// located problems, and whatever builds prints to SDL that builds to the same printed text.
@Suite struct SchemaBuilderFuzzTests {
    static let seed = """
        "d" schema { query: Q mutation: M }
        type Q implements N & R @k(f: "a") { id: ID! r(a: Int = 1, b: [F!] = [{x: 1}], c: E = A): [R] @deprecated }
        interface N { id: ID! }
        interface R implements N { id: ID! }
        type M { m(i: I!): Q }
        input I @oneOf { a: Int b: String }
        input F { x: Float = 1.5 y: F z: [F!]! = [] }
        enum E { A B @deprecated(reason: "r") }
        union U = Q | M
        scalar S @specifiedBy(url: "u")
        directive @k(f: String!) repeatable on OBJECT | INTERFACE
        extend type M { n: U }
        """
    static let fragments = [
        "{", "}", "(", ")", "[", "]", "!", "@", ":", "=", "|", "&", "\n", " ", "type", "input", "interface",
        "extend", "implements", "@oneOf", "@deprecated", "Q", "I", "F", "E", "Int", "String", "null", "1", "\"s\"",
        "__x", "schema", "directive", "union", "enum", "A",
    ]

    @Test func mutatedSDLNeverCrashesTheBuilder() {
        var generator = SplitMix64(state: 4_242)
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: .seconds(1))
        var iterations = 0
        var built = 0
        while clock.now < deadline {
            var scalars = Array(Self.seed.unicodeScalars)
            // The first input is the seed itself, so at least one input builds however few the budget allows.
            for _ in 0..<(iterations == 0 ? 0 : Int.random(in: 1...3, using: &generator)) {
                let position = Int.random(in: 0...scalars.count, using: &generator)
                if Bool.random(using: &generator) || position == scalars.count {
                    scalars.insert(contentsOf: Self.fragments.randomElement(using: &generator)!.unicodeScalars, at: position)
                } else {
                    scalars.removeSubrange(position..<min(scalars.count, position + Int.random(in: 1...6, using: &generator)))
                }
            }
            var sdl = ""
            sdl.unicodeScalars.append(contentsOf: scalars)
            iterations += 1
            do throws(SchemaBuildError) {
                let printed = printSchema(try SchemaBuilder.build(sdl: sdl))
                built += 1
                guard let rebuilt = try? SchemaBuilder.build(sdl: printed) else {
                    Issue.record("printed SDL does not build: \(printed)")
                    return
                }
                #expect(printSchema(rebuilt) == printed)
            } catch {
                #expect(!error.errors.isEmpty)
                // Only a supplied-scalar mismatch could lack a location, and none is supplied here.
                #expect(error.errors.allSatisfy { !$0.locations.isEmpty }, "\(error) for \(sdl)")
            }
        }
        Swift.print("schema fuzz: \(iterations) inputs, \(built) built")
        #expect(iterations > 50 && built > 0)
    }

    @Test func longChainsOfTypesBuildWithoutDeepRecursion() throws {
        var sdl = "type Query { next: T0 }\n"
        for index in 0..<20_000 { sdl += "type T\(index) { next: T\(index + 1) }\n" }
        sdl += "type T20000 { end: Int }\n"
        let schema = try SchemaBuilder.build(sdl: sdl)
        #expect(schema.types.count == 20_002 + 3 + 8)
    }
}
