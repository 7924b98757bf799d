/// Formats a Double as JavaScript's `String(number)` does, since graphql-js prints float defaults that way
/// (`1.0` → `1`, `1e21` → `1e+21`, `0.0000001` → `1e-7`).
enum JavaScriptNumber {
    static func format(_ number: Double) -> String {
        if number == 0 { return "0" }
        let sign = number < 0 ? "-" : ""
        // Swift's description already gives the shortest digits that round-trip, as JavaScript requires;
        // only the layout differs.
        let text = abs(number).description
        let parts = text.split(separator: "e", maxSplits: 1)
        let exponent = parts.count > 1 ? Int(parts[1]) ?? 0 : 0
        let mantissa = parts[0].split(separator: ".", maxSplits: 1)
        let integerDigits = String(mantissa[0])
        var digits = Array(integerDigits + (mantissa.count > 1 ? String(mantissa[1]) : ""))
        var point = integerDigits.count + exponent
        while digits.first == "0" {
            digits.removeFirst()
            point -= 1
        }
        while digits.last == "0" { digits.removeLast() }
        let k = digits.count
        let n = point
        let all = String(digits)
        if k <= n && n <= 21 {
            return sign + all + String(repeating: "0", count: n - k)
        }
        if 0 < n && n <= 21 {
            return sign + String(digits[0..<n]) + "." + String(digits[n...])
        }
        if -6 < n && n <= 0 {
            return sign + "0." + String(repeating: "0", count: -n) + all
        }
        let e = n - 1
        let exponentText = (e < 0 ? "-" : "+") + String(abs(e))
        let head = k == 1 ? all : String(digits[0]) + "." + String(digits[1...])
        return sign + head + "e" + exponentText
    }
}
