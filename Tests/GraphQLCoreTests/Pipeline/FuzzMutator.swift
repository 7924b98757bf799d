import OrderedCollections
@testable import GraphQLCore

/// Hostile inputs for the pipeline fuzz test, all drawn from a seeded generator.
enum FuzzMutator {
    /// Bytes biased towards GraphQL punctuation, so some of them get past the lexer.
    static func randomBytes(_ random: inout SplitMix64) -> String {
        let alphabet = Array("{}()[]:$@!=.\"\\ \n\tabcxyz019_-#,&|".unicodeScalars)
        var text = String.UnicodeScalarView()
        for _ in 0..<Int(random.next() % 120) {
            if random.next() % 8 == 0 {
                text.append(Unicode.Scalar(UInt8(truncatingIfNeeded: random.next())))
            } else {
                text.append(alphabet[Int(random.next() % UInt64(alphabet.count))])
            }
        }
        return String(text)
    }

    /// A document's tokens, roughly: names, numbers, strings and punctuation, split on white space.
    static func tokens(_ source: String) -> [String] {
        source.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "," }).map(String.init)
    }

    /// The document with tokens dropped, repeated, swapped or borrowed from elsewhere in the corpus.
    static func mutate(_ source: String, tokens corpusTokens: [String], _ random: inout SplitMix64) -> String {
        var parts = tokens(source)
        guard !parts.isEmpty else { return source }
        for _ in 0...Int(random.next() % 4) {
            let index = Int(random.next() % UInt64(parts.count))
            switch random.next() % 5 {
            case 0: if parts.count > 1 { parts.remove(at: index) }
            case 1: parts.insert(parts[index], at: index)
            case 2: parts.swapAt(index, Int(random.next() % UInt64(parts.count)))
            case 3: parts.insert(corpusTokens.randomElement(using: &random) ?? "{", at: index)
            default: parts[index] = String(repeating: parts[index], count: 1 + Int(random.next() % 40))
            }
        }
        return parts.joined(separator: " ")
    }

    /// Variables for whatever the document declares: the corpus uses these names, and the values are of any
    /// JSON shape, so coercion sees both right and wrong types.
    static func randomVariables(_ random: inout SplitMix64) -> [String: InputValue] {
        let names = ["id", "first", "after", "currency", "input", "filter", "lookup", "v", "a", "b", "flag", "n", "ids", "range"]
        // Keys go in one at a time from the seed, so the dictionary's order does not affect reproducibility.
        var variables: [String: InputValue] = [:]
        for _ in 0..<Int(random.next() % 4) {
            variables[names[Int(random.next() % UInt64(names.count))]] = randomValue(&random, depth: 0)
        }
        return variables
    }

    static func randomValue(_ random: inout SplitMix64, depth: Int) -> InputValue {
        switch random.next() % (depth > 3 ? 6 : 8) {
        case 0: return .null
        case 1: return .bool(random.next() % 2 == 0)
        case 2: return .int(Int(truncatingIfNeeded: random.next()) >> Int(random.next() % 64))
        case 3: return .float(Double(Int64(truncatingIfNeeded: random.next()) % 100_000) / 7)
        case 4: return .string(["EUR", "w1", "", "1", "USD", "\u{0}\"", "2026-01-01T00:00:00Z"][Int(random.next() % 7)])
        case 5: return .string(randomBytes(&random))
        case 6: return .list((0..<Int(random.next() % 4)).map { _ in randomValue(&random, depth: depth + 1) })
        default:
            var fields: OrderedDictionary<String, InputValue> = [:]
            for name in ["id", "name", "amount", "currency", "min", "max", "from", "to", "wallet"] where random.next() % 3 == 0 {
                fields[name] = randomValue(&random, depth: depth + 1)
            }
            return .object(fields)
        }
    }
}
