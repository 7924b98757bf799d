/// Damerau–Levenshtein distance (optimal string alignment) ignoring case, with an early exit once the
/// distance must exceed the threshold; a case-only difference counts as one edit.
struct LexicalDistance {
    private let input: String
    private let inputLower: [Unicode.Scalar]
    private let inputLowerString: String

    init(_ input: String) {
        self.input = input
        self.inputLowerString = input.lowercased()
        self.inputLower = Array(inputLowerString.unicodeScalars)
    }

    func distance(to option: String, threshold: Int) -> Int? {
        if option == input { return 0 }
        let optionLowerString = option.lowercased()
        if optionLowerString == inputLowerString { return 1 }
        var a = Array(optionLowerString.unicodeScalars), b = inputLower
        if a.count < b.count { swap(&a, &b) }
        if a.count - b.count > threshold { return nil }
        let width = b.count + 1
        var rows = [[Int]](repeating: [Int](repeating: 0, count: width), count: 3)
        for j in 0..<width { rows[0][j] = j }
        if a.isEmpty { return rows[0][b.count] <= threshold ? rows[0][b.count] : nil }
        for i in 1...a.count {
            let up = (i - 1) % 3, current = i % 3
            rows[current][0] = i
            var smallest = i
            if b.count > 0 {
                for j in 1...b.count {
                    let cost = a[i - 1] == b[j - 1] ? 0 : 1
                    var cell = min(rows[up][j] + 1, rows[current][j - 1] + 1, rows[up][j - 1] + cost)
                    if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                        cell = min(cell, rows[(i - 2) % 3][j - 2] + 1)
                    }
                    smallest = min(smallest, cell)
                    rows[current][j] = cell
                }
            }
            if smallest > threshold { return nil }
        }
        let result = rows[a.count % 3][b.count]
        return result <= threshold ? result : nil
    }
}
