import DatabaseTestSupport
import Foundation
import SQLDriver
import Testing

@testable import WalletGraphServer

/// The request deadline and load shedding, over HTTP: `REQUEST_TIMEOUT` stops a request stuck behind a lock
/// (`TIMEOUT`, nothing written, the key still usable), and a full database queue answers 503 at once.
@Suite("End to end: timeouts and load shedding")
struct EndToEndTimeoutTests {
    static let topUp = """
        mutation($w: ID!, $a: Decimal!, $k: String!) {
          topUp(input: {walletId: $w, amount: $a, idempotencyKey: $k}) { transaction { id amount } userErrors { code } } }
        """

    /// Holds what the wallet's writes need while `body` runs: SQLite's write lock, from a second pool on the file;
    /// PostgreSQL's row lock on the wallet, from a connection of the server's pool.
    static func holdingTheWallet(
        _ server: LiveServer, walletID: String, _ body: @Sendable () async throws -> Void
    ) async throws {
        let uuid = try Self.uuid(walletID)
        let lockPool: SQLPool
        if server.engine == .sqlite, case .sqlite(let path) = try server.app.configuration.database() {
            lockPool = try await SQLPool.sqlite(SQLiteConfiguration(path: path, readers: 1))
        } else {
            lockPool = server.app.pool  // PostgreSQL: the test's pool is the server's
        }
        let engine = server.engine
        do {
            try await whileHolding({ held, release in
                try await lockPool.withTransaction { connection in
                    // SQLite: BEGIN IMMEDIATE took the write lock. PostgreSQL: the wallet's row.
                    if engine == .postgres {
                        _ = try await connection.fetchAll(
                            SQLStatement(unsafePostgres: "SELECT id FROM wallets WHERE id = $1 FOR UPDATE", sqlite: ""),
                            [.uuid(uuid)]) { _ in 0 }
                    }
                    await held.open()
                    await release.wait()
                }
            }, body)
        } catch {
            if engine == .sqlite { await lockPool.close() }
            throw error
        }
        if engine == .sqlite { await lockPool.close() }
    }

    static func balance(_ server: LiveServer, _ wallet: String, _ token: String) async throws -> String? {
        try await server.graphql("query($w: ID!) { wallet(id: $w) { balance } }", variables: ["w": wallet], token: token)
            .string("wallet.balance")
    }

    static func uuid(_ globalID: String) throws -> UUID {
        var text = globalID.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while text.count % 4 != 0 { text += "=" }
        guard let data = Data(base64Encoded: text), let decoded = String(data: data, encoding: .utf8),
            let uuid = UUID(uuidString: String(decoded.split(separator: ":").last ?? ""))
        else { throw E2EFailure("not a wallet id: \(globalID)") }
        return uuid
    }

    static func newWallet(
        _ server: LiveServer, _ username: String, signedUp: Bool = true
    ) async throws -> (token: String, wallet: String) {
        // Without a sign-up: a demo user, given a token at once, and a wallet of an asset it has none of.
        let token = signedUp ? try await server.signUp(username) : try await server.issuedToken(username)
        let asset = signedUp ? "IDR" : "GOLD"
        let created = try await server.graphql(
            #"mutation($a: String!) { createWallet(input: {assetCode: $a}) { wallet { id } userErrors { code } } }"#,
            variables: ["a": asset], token: token)
        guard let wallet = created.objectID("createWallet", "wallet") else { throw E2EFailure("createWallet: \(created.body)") }
        return (token, wallet)
    }

    @Test("a top-up stuck behind a lock past REQUEST_TIMEOUT is TIMEOUT, writes nothing, and its key then pays once", arguments: Engine.all)
    func deadlineStopsAStuckMutation(engine: Engine) async throws {
        try await LiveServer.run(engine, environment: ["REQUEST_TIMEOUT": "1s"]) { server in
            let (token, wallet) = try await Self.newWallet(server, "alice", signedUp: false)
            let key = "deadline-\(UUID())"
            let before = try await server.footprint()
            try await Self.holdingTheWallet(server, walletID: wallet) {
                let started = ContinuousClock.now
                let answer = try await server.graphql(Self.topUp, variables: ["w": wallet, "a": "5000", "k": key], token: token)
                let took = ContinuousClock.now - started
                #expect(answer.errorCodes == ["TIMEOUT"], "\(answer.body)")
                #expect(answer.objectID("topUp", "transaction") == nil)
                #expect(took >= .milliseconds(900) && took < .seconds(5), "answered after \(took)")
            }
            #expect(try await server.footprint() == before, "the stopped request wrote nothing")
            // The same key, now that the lock is gone: one transaction, and a second retry replays it.
            let variables: [String: Any] = ["w": wallet, "a": "5000", "k": key]
            let paid = try await server.graphql(Self.topUp, variables: variables, token: token)
            let again = try await server.graphql(Self.topUp, variables: variables, token: token)
            let id = paid.objectID("topUp", "transaction")
            #expect(id != nil, "\(paid.body)")
            #expect(again.objectID("topUp", "transaction") == id)
            #expect(try await Self.balance(server, wallet, token) == "5000.0000")
            // The server is healthy afterwards: a read answers at once.
            #expect(try await server.graphql("{ me { username } }", token: token).string("me.username") == "alice")
        }
    }

    @Test("with every connection busy and DATABASE_MAX_WAITERS reached, a request is HTTP 503 SERVICE_UNAVAILABLE at once", arguments: Engine.all)
    func fullQueueAnswers503(engine: Engine) async throws {
        let environment = [
            "REQUEST_TIMEOUT": "3s", "DATABASE_MAX_WAITERS": "0", "DATABASE_MAX_CONNECTIONS": "2",
        ]
        try await LiveServer.run(engine, environment: environment) { server in
            let (token, wallet) = try await Self.newWallet(server, "bob", signedUp: false)
            let shedKey = "shed-\(UUID())"
            try await Self.holdingTheWallet(server, walletID: wallet) {
                try await server.withConnections(2) { connections in
                    // The first request takes the last connection (SQLite: the writer) and waits on the lock.
                    let stuck = Task {
                        try await connections[0].graphql(
                            Self.topUp, variables: ["w": wallet, "a": "1", "k": "stuck-\(UUID())"], token: token)
                    }
                    // Until it holds it (PostgreSQL: the lock holder's and its own), then past its viewer lookup.
                    let busy = engine == .sqlite ? 1 : 2
                    let deadline = ContinuousClock.now + .seconds(10)
                    while server.app.pool.statistics.inUse < busy && ContinuousClock.now < deadline {
                        try await Task.sleep(for: .milliseconds(10))
                    }
                    try await Task.sleep(for: .milliseconds(150))
                    let started = ContinuousClock.now
                    let shed = try await connections[1].graphql(
                        Self.topUp, variables: ["w": wallet, "a": "7", "k": shedKey], token: token)
                    let took = ContinuousClock.now - started
                    #expect(shed.status == 503, "\(shed.body)")
                    #expect(shed.headers[.retryAfter] == "1")
                    #expect(shed.errorCodes == ["SERVICE_UNAVAILABLE"], "\(shed.body)")
                    #expect(took < .seconds(1), "refused after \(took), not queued")
                    let first = try await stuck.value
                    #expect(first.errorCodes == ["TIMEOUT"], "\(first.body)")
                }
            }
            // Nothing was written by either; the refused key pays once when sent again.
            #expect(try await Self.balance(server, wallet, token) == "0.0000")
            let retried = try await server.graphql(Self.topUp, variables: ["w": wallet, "a": "7", "k": shedKey], token: token)
            #expect(retried.objectID("topUp", "transaction") != nil, "\(retried.body)")
            #expect(try await Self.balance(server, wallet, token) == "7.0000")
        }
    }
}
