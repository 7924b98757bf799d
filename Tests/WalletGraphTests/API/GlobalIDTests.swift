import Foundation
import Testing
@testable import WalletGraph

/// The byte-level base64url of GlobalID against Foundation's, and its strictness.
@Suite("GlobalID")
struct GlobalIDTests {
    static func foundationEncode(_ kind: GlobalID.Kind, _ id: UUID) -> String {
        Data("\(kind.rawValue):\(id.uuidString.lowercased())".utf8).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    @Test("encodes exactly as Foundation's base64url without padding, and round-trips")
    func matchesFoundation() {
        for kind in GlobalID.Kind.allCases {
            for _ in 0..<200 {
                let id = UUID()
                let text = GlobalID.encode(kind, id)
                #expect(text == Self.foundationEncode(kind, id))
                #expect(GlobalID.decode(text)?.kind == kind)
                #expect(GlobalID.decode(text)?.id == id)
                #expect(GlobalID.decode(text, as: kind) == id)
            }
        }
        for length in 0..<40 {
            let bytes = (0..<length).map { _ in UInt8.random(in: 0...255) }
            let reference = Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-")
                .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
            #expect(GlobalID.base64URLEncode(bytes) == reference)
            #expect(GlobalID.base64URLDecodeBytes(reference) == bytes)
        }
    }

    @Test("refuses anything but the canonical id of a known type")
    func strict() {
        let id = UUID()
        let wallet = GlobalID.encode(.wallet, id)
        #expect(GlobalID.decode(wallet, as: .user) == nil)
        #expect(GlobalID.decode(wallet + "=") == nil)
        #expect(GlobalID.decode(wallet.replacingOccurrences(of: "-", with: "+")) == nil || !wallet.contains("-"))
        #expect(GlobalID.decode(GlobalID.base64URLEncode(Array("Wallet:\(id.uuidString)".utf8))) == nil, "upper-case UUID")
        #expect(GlobalID.decode(GlobalID.base64URLEncode(Array("Secret:\(id.uuidString.lowercased())".utf8))) == nil)
        #expect(GlobalID.decode(id.uuidString) == nil)
        #expect(GlobalID.decode("") == nil)
        #expect(GlobalID.decode("a") == nil)
        #expect(GlobalID.decode(String(repeating: "A", count: 200)) == nil)
        // A last character with stray low bits decodes to the same bytes but is not canonical.
        var altered = Array(wallet.utf8)
        altered[altered.count - 1] = altered.last == UInt8(ascii: "A") ? UInt8(ascii: "B") : UInt8(ascii: "A")
        #expect(GlobalID.decode(String(decoding: altered, as: UTF8.self))?.id != id)
    }
}
