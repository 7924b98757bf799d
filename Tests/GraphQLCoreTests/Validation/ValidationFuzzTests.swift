import Testing
@testable import GraphQLCore

/// Mutated corpus documents (tokens dropped, duplicated, swapped; fixed seed) that still parse must validate
/// without crashing, and validating the same document twice must give the same errors.
@Suite struct ValidationFuzzTests {
    /// Splits a document into rough tokens: names, punctuation and quoted strings.
    static func pieces(_ source: String) -> [Substring] {
        var pieces: [Substring] = []
        var index = source.startIndex
        while index < source.endIndex {
            let character = source[index]
            var end = source.index(after: index)
            if character.isLetter || character.isNumber || character == "_" {
                while end < source.endIndex, source[end].isLetter || source[end].isNumber || source[end] == "_" {
                    end = source.index(after: end)
                }
            } else if character == "\"" {
                while end < source.endIndex, source[end] != "\"" { end = source.index(after: end) }
                if end < source.endIndex { end = source.index(after: end) }
            }
            pieces.append(source[index..<end])
            index = end
        }
        return pieces
    }

    @Test func mutatedDocumentsValidateWithoutCrashing() throws {
        var random = SplitMix64(state: 20_261_121)
        let corpus = try ValidationFixtures.corpus()
        let donors = corpus.flatMap { Self.pieces($0.source) }.filter { !$0.allSatisfy(\.isWhitespace) }
        var validated = 0
        var withErrors = 0
        for round in 0..<6_000 {
            var pieces = Self.pieces(corpus[round % corpus.count].source)
            for _ in 0..<Int.random(in: 1...4, using: &random) where !pieces.isEmpty {
                let at = Int.random(in: 0..<pieces.count, using: &random)
                switch Int.random(in: 0..<4, using: &random) {
                case 0: pieces.remove(at: at)
                case 1: pieces.insert(pieces[at], at: at)
                case 2: pieces.swapAt(at, Int.random(in: 0..<pieces.count, using: &random))
                default: pieces.insert(" " + donors.randomElement(using: &random)! + " ", at: at)
                }
            }
            let source = pieces.joined()
            guard let document = try? parse(source) else { continue }
            let first = validate(document, schema: ValidationFixtures.schema)
            let second = validate(document, schema: ValidationFixtures.schema)
            #expect(first == second, "validation is not deterministic for: \(source)")
            validated += 1
            if !first.isEmpty { withErrors += 1 }
        }
        print("validation fuzz: \(validated) mutated documents parsed and validated, \(withErrors) with errors")
        #expect(validated > 1_000)
    }
}
