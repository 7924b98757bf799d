import Foundation

/// Reads decoded JSON (`JSONSerialization` output) by a dotted path: object keys, and list items by index
/// (`"wallet.balance"`, `"transactions.edges.0.node"`). JSON null and anything missing are nil.
public enum JSONPath {
    public static func value(in root: Any?, at path: String) -> Any? {
        var current = root
        for key in path.split(separator: ".") {
            if let index = Int(key), let list = current as? [Any] {
                current = index < list.count ? list[index] : nil
            } else {
                current = (current as? [String: Any])?[String(key)]
            }
            if current is NSNull { return nil }
        }
        return current
    }
}
