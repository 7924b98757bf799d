/// "Did you mean …?" hints, worded and ranked as graphql-js ranks them, so our messages match the reference
/// implementation's byte for byte.
enum Suggestions {
    /// graphql-js never lists more than five candidates.
    static let maxShown = 5

    /// ` Did you mean "a", "b", or "c"?`, or the empty string when there is nothing to suggest.
    static func didYouMean(_ suggestions: [String], subMessage: String? = nil) -> String {
        guard !suggestions.isEmpty else { return "" }
        var message = " Did you mean "
        if let subMessage { message += subMessage + " " }
        let shown = suggestions.prefix(maxShown).map { "\"\($0)\"" }
        switch shown.count {
        case 1: message += shown[0]
        case 2: message += "\(shown[0]) or \(shown[1])"
        default: message += shown.dropLast().joined(separator: ", ") + ", or " + shown[shown.count - 1]
        }
        return message + "?"
    }

    /// The options close enough to `input` to be a likely typo, nearest first, ties in natural order.
    static func list(_ input: String, options: some Sequence<String>) -> [String] {
        let measure = LexicalDistance(input)
        let threshold = Int(Double(input.unicodeScalars.count) * 0.4) + 1
        var found: [(option: String, distance: Int)] = []
        for option in options {
            if let distance = measure.distance(to: option, threshold: threshold) {
                found.append((option, distance))
            }
        }
        found.sort { lhs, rhs in
            if lhs.distance != rhs.distance { return lhs.distance < rhs.distance }
            return naturalCompare(lhs.option, rhs.option) < 0
        }
        return found.map(\.option)
    }

    /// Compares strings with runs of digits taken as numbers ("a2" before "a10"), as graphql-js sorts names.
    static func naturalCompare(_ lhs: String, _ rhs: String) -> Int {
        let a = Array(lhs.utf16), b = Array(rhs.utf16)
        var i = 0, j = 0
        func isDigit(_ c: UInt16) -> Bool { c >= 48 && c <= 57 }
        while i < a.count && j < b.count {
            if isDigit(a[i]) && isDigit(b[j]) {
                var numberA = 0, numberB = 0
                // A leading zero ends the run, exactly as the reference does, so "a01" sorts by "0" then "1".
                repeat {
                    numberA = numberA &* 10 &+ Int(a[i] - 48)
                    i += 1
                } while i < a.count && isDigit(a[i]) && numberA > 0
                repeat {
                    numberB = numberB &* 10 &+ Int(b[j] - 48)
                    j += 1
                } while j < b.count && isDigit(b[j]) && numberB > 0
                if numberA != numberB { return numberA < numberB ? -1 : 1 }
            } else {
                if a[i] != b[j] { return a[i] < b[j] ? -1 : 1 }
                i += 1
                j += 1
            }
        }
        return a.count - b.count
    }
}
