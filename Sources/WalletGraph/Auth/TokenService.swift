import Foundation
import JWTKit
import Synchronization

/// Access tokens: JWT HS256 through jwt-kit, 24 hours, with the user's token version so that a password change
/// (which bumps it) ends every older token. The server still reads the user per request: a token only says who.
public final class TokenService: Sendable {
    /// The claims. `tv` is the user's token version when the token was issued.
    struct Claims: JWTPayload {
        var sub: SubjectClaim
        var iat: IssuedAtClaim
        var exp: ExpirationClaim
        var tv: Int64

        // Expiry is checked by `verify(_:)` against the service's clock, so tests can move time.
        func verify(using algorithm: some JWTAlgorithm) async throws {}
    }

    /// What a valid token says.
    public struct Verified: Sendable, Hashable {
        public let userID: UUID
        public let tokenVersion: Int64
        public let expiresAt: Date
    }

    /// Why a token was refused; every case is `UNAUTHENTICATED` to the client.
    public enum Rejection: Error, Sendable, Hashable {
        case malformed, wrongAlgorithm, badSignature, expired
    }

    /// The minimum secret length: HS256 with a shorter key is weak (and jwt-kit traps on it in debug builds).
    public static let minimumSecretBytes = 32
    public static let lifetime: TimeInterval = 24 * 60 * 60

    private let keys: JWTKeyCollection
    /// Tokens whose signature was checked, and their claims. A token's bytes fix its claims and its signature, so a
    /// token seen valid stays valid but for its expiry, which is checked on every use; revocation is the viewer's
    /// token version, read from the database on every request. Bounded: when full it starts again empty.
    private let verified = Mutex<[String: Verified]>([:])
    static let verifiedCapacity = 20_000
    private let clock: LedgerClock

    /// A service signing with `secret` (at least ``minimumSecretBytes`` bytes).
    public init(secret: [UInt8], clock: LedgerClock = .system) async throws {
        guard secret.count >= Self.minimumSecretBytes else {
            throw TokenSecretTooShort(bytes: secret.count)
        }
        keys = JWTKeyCollection()
        await keys.add(hmac: HMACKey(from: secret), digestAlgorithm: .sha256)
        self.clock = clock
    }

    /// A token for `userID` at `tokenVersion`, and when it expires.
    public func issue(userID: UUID, tokenVersion: Int64) async throws -> (token: String, expiresAt: Date) {
        let now = Date(timeIntervalSince1970: clock.now().timeIntervalSince1970.rounded(.down))
        let expiresAt = now.addingTimeInterval(Self.lifetime)
        let claims = Claims(
            sub: SubjectClaim(value: userID.uuidString.lowercased()), iat: IssuedAtClaim(value: now),
            exp: ExpirationClaim(value: expiresAt), tv: tokenVersion)
        return (try await keys.sign(claims), expiresAt)
    }

    /// The claims of a valid token. Refuses anything but HS256 before checking the signature (so `alg: none` and
    /// algorithm confusion fail early), then the signature, then expiry.
    public func verify(_ token: String) async throws(Rejection) -> Verified {
        guard token.utf8.count <= 4096 else { throw .malformed }
        if let known = verified.withLock({ $0[token] }) {
            guard known.expiresAt > clock.now() else { throw .expired }
            return known
        }
        let result = try await verifySignature(token)
        verified.withLock { cache in
            if cache.count >= Self.verifiedCapacity { cache.removeAll(keepingCapacity: true) }
            cache[token] = result
        }
        return result
    }

    private func verifySignature(_ token: String) async throws(Rejection) -> Verified {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, let headerBytes = GlobalID.base64URLDecode(String(parts[0])),
            let header = try? JSONSerialization.jsonObject(with: headerBytes) as? [String: Any]
        else { throw .malformed }
        guard header["alg"] as? String == "HS256" else { throw .wrongAlgorithm }
        let claims: Claims
        do {
            claims = try await keys.verify(token, as: Claims.self)
        } catch {
            throw .badSignature
        }
        guard let userID = UUID(uuidString: claims.sub.value) else { throw .malformed }
        guard claims.exp.value > clock.now() else { throw .expired }
        return Verified(userID: userID, tokenVersion: claims.tv, expiresAt: claims.exp.value)
    }
}

/// `JWT_SECRET` is shorter than ``TokenService/minimumSecretBytes``.
public struct TokenSecretTooShort: Error, CustomStringConvertible {
    public let bytes: Int
    public var description: String {
        "JWT_SECRET must be at least \(TokenService.minimumSecretBytes) bytes (got \(bytes))"
    }
}
