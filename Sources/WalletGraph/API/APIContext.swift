import Foundation
import Logging
import SQLDriver
import WalletGraphQueries

/// The signed-in user of a request, read from the database for every request (so that a demotion or a password
/// change takes effect at once).
public struct Viewer: Sendable, Hashable {
    public let id: UUID
    public let username: String
    public let role: Role
    public let tokenVersion: Int64

    public var initiator: Initiator { Initiator(userID: id, role: role) }
    public var isAdmin: Bool { role == .admin }
}

/// What every request shares: the database, the ledger, accounts, tokens, passwords. One per process.
public final class APIServices: Sendable {
    public let pool: SQLPool
    public let ledger: Ledger
    public let accounts: Accounts
    public let tokens: TokenService
    public let passwords: PasswordHasher
    public let clock: LedgerClock
    public let logger: Logger
    /// Assets never change once created, so they are cached for the process (reloaded on a miss).
    public let assets: AssetCache
    /// Throttles failed sign-ins (RATE_LIMITED).
    public let signInThrottle: SignInThrottle
    /// Webhook endpoints (admins manage them; the server's dispatcher delivers).
    public let webhooks: Webhooks

    public init(
        pool: SQLPool, ledger: Ledger, accounts: Accounts, tokens: TokenService, passwords: PasswordHasher,
        clock: LedgerClock = .system, logger: Logger = Logger(label: "walletgraph.api"),
        signInThrottle: SignInThrottle = SignInThrottle(), webhooks: Webhooks? = nil
    ) {
        self.pool = pool
        self.ledger = ledger
        self.accounts = accounts
        self.tokens = tokens
        self.passwords = passwords
        self.clock = clock
        self.logger = logger
        self.assets = AssetCache()
        self.signInThrottle = signInThrottle
        self.webhooks = webhooks ?? Webhooks(pool: pool, clock: clock, allowPrivate: false)
    }
}

/// The per-request context every resolver receives.
public struct APIContext: Sendable {
    public let services: APIServices
    /// Nil without a token. (An invalid token never gets this far: it is UNAUTHENTICATED.)
    public let viewer: Viewer?
    public let language: MessageLanguage
    public let requestID: String
    /// The client's address as the transport saw it, for throttling; nil when unknown.
    public let clientAddress: String?
    /// Reads for this request: a shared snapshot for a query operation, the pool for a mutation.
    public let database: RequestDatabase
    /// The request's one signUp, signIn or changePassword (made with the context: one per request).
    public let credentialChecks = CredentialCheckBudget()
    /// Whether the request ran out of time (``RequestDeadline``): its cancelled work is then `TIMEOUT`.
    public var deadline = RequestDeadline()

    /// The viewer, or UNAUTHENTICATED.
    public func requireViewer() throws -> Viewer {
        guard let viewer else { throw APIError(.unauthenticated, language: language) }
        return viewer
    }

    /// An admin viewer, or UNAUTHENTICATED / FORBIDDEN.
    public func requireAdmin() throws -> Viewer {
        let viewer = try requireViewer()
        guard viewer.role == .admin else { throw APIError(.forbidden, language: language) }
        return viewer
    }

    /// The asset `id` (from the process cache; one statement on a miss).
    public func asset(_ id: UUID) async throws -> AssetRecord {
        try await services.assets.asset(id, database: database)
    }
}
