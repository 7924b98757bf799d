import DatabaseTestSupport
import Foundation
import Logging
import SQLDriver
import Synchronization
import Testing
import WalletGraph
@testable import WalletGraphServer

/// What startup refuses to trust or leaves readable: the development JWT secret, the SQLite files, the admin.
@Suite("Startup security")
struct StartupSecurityTests {
    /// A fresh folder under the temporary directory (mode 0700), removed after `body`.
    static func withFolder(_ body: (String) throws -> Void) throws {
        let folder = NSTemporaryDirectory() + "wg-startup-\(UUID().uuidString)"
        try FileManager.default.createDirectory(
            atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try body(folder)
    }

    static func mode(_ path: String) throws -> Int {
        try #require(try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int) & 0o777
    }

    static func expectRefused(_ path: String, sourceLocation: SourceLocation = #_sourceLocation) {
        do {
            let secret = try DevelopmentSecret.loadOrCreate(at: path)
            Issue.record("accepted \(path): \(secret.prefix(4))…", sourceLocation: sourceLocation)
        } catch {
            #expect("\(error)".contains("refusing jwt-secret"), "\(error)", sourceLocation: sourceLocation)
        }
    }

    @Test("development without WALLETGRAPH_ENV refuses a non-loopback HOST, and says why", arguments: [
        "0.0.0.0", "::", "192.168.1.20", "10.0.0.1", "[::]", "example.com",
    ])
    func implicitDevelopmentStaysOnLoopback(host: String) async throws {
        let configuration = try ServerConfiguration.resolve(flags: [:], environment: ["HOST": host], dotEnv: [:])
        let error = #expect(throws: ConfigurationError.self) { try configuration.checkListenAddress() }
        #expect(error?.description.contains("WALLETGRAPH_ENV") == true && error?.description.contains("create money") == true)
        // The server does not start (nothing is opened or bound).
        var logger = Logger(label: "test")
        logger.logLevel = .critical
        await #expect(throws: ConfigurationError.self) { _ = try await WalletGraphApp.start(configuration, logger: logger) }
        // Said explicitly, either way, it is the operator's choice.
        for mode in ["development", "production"] {
            var environment = ["HOST": host, "WALLETGRAPH_ENV": mode]
            if mode == "production" { environment["JWT_SECRET"] = String(repeating: "s", count: 40) }
            try ServerConfiguration.resolve(flags: [:], environment: environment, dotEnv: [:]).checkListenAddress()
        }
    }

    @Test("loopback addresses are fine without WALLETGRAPH_ENV", arguments: ["127.0.0.1", "127.0.0.2", "localhost", "::1", "[::1]"])
    func implicitDevelopmentOnLoopback(host: String) throws {
        try ServerConfiguration.resolve(flags: [:], environment: ["HOST": host], dotEnv: [:]).checkListenAddress()
    }

    static let goodSecret = String(repeating: "k", count: 64) + "\n"

    @Test func theSecretIsCreatedOnceOwnerOnlyAndReused() throws {
        try Self.withFolder { folder in
            let path = folder + "/data/jwt-secret"
            let first = try DevelopmentSecret.loadOrCreate(at: path)
            #expect(first.utf8.count == 64)
            #expect(try Self.mode(path) == 0o600)
            #expect(try Self.mode(folder + "/data") == 0o700)
            #expect(try DevelopmentSecret.loadOrCreate(at: path) == first)
            // Nothing is left behind but the secret.
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder + "/data") == ["jwt-secret"])
        }
    }

    @Test func aDirectoryInPlaceOfTheSecretIsRefused() throws {
        try Self.withFolder { folder in
            try FileManager.default.createDirectory(atPath: folder + "/jwt-secret", withIntermediateDirectories: false)
            Self.expectRefused(folder + "/jwt-secret")
        }
    }

    @Test func aSecretReadableByOthersIsRefused() throws {
        try Self.withFolder { folder in
            let path = folder + "/jwt-secret"
            for mode in [0o644, 0o640, 0o604, 0o660] {
                try? FileManager.default.removeItem(atPath: path)
                #expect(FileManager.default.createFile(atPath: path, contents: Data(Self.goodSecret.utf8)))
                #expect(chmod(path, mode_t(mode)) == 0)
                Self.expectRefused(path)
            }
        }
    }

    @Test func aSymlinkInPlaceOfTheSecretIsRefused() throws {
        try Self.withFolder { folder in
            let target = folder + "/elsewhere"
            #expect(FileManager.default.createFile(atPath: target, contents: Data(Self.goodSecret.utf8)))
            #expect(chmod(target, 0o600) == 0)
            #expect(symlink(target, folder + "/jwt-secret") == 0)
            Self.expectRefused(folder + "/jwt-secret")
        }
    }

    @Test func aSecretThatIsNotUTF8OrTooShortIsRefused() throws {
        try Self.withFolder { folder in
            let path = folder + "/jwt-secret"
            for contents in [Data([0xFF, 0xFE] + Array(repeating: 0x41, count: 60)), Data("short\n".utf8)] {
                try? FileManager.default.removeItem(atPath: path)
                #expect(FileManager.default.createFile(atPath: path, contents: contents))
                #expect(chmod(path, 0o600) == 0)
                #expect(throws: ConfigurationError.self) { try DevelopmentSecret.loadOrCreate(at: path) }
            }
        }
    }

    @Test func concurrentStartersAgreeOnOneSecret() throws {
        for _ in 0..<20 {
            try Self.withFolder { folder in
                let path = folder + "/jwt-secret"
                let results = Mutex<[String]>([])
                DispatchQueue.concurrentPerform(iterations: 8) { _ in
                    let secret = (try? DevelopmentSecret.loadOrCreate(at: path)) ?? "failed"
                    results.withLock { $0.append(secret) }
                }
                let seen = results.withLock { $0 }
                #expect(Set(seen).count == 1, "\(seen)")
                #expect(seen.first?.utf8.count == 64)
            }
        }
    }

    @Test func theSQLiteFolderAndFilesAreOwnerOnly() async throws {
        let folder = NSTemporaryDirectory() + "wg-sqlite-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var configuration = ServerConfiguration(environment: .development)
        configuration.databaseURL = "sqlite:\(folder)/data/wallet.sqlite"
        configuration.seedDemo = false
        configuration.printsBanner = false
        configuration.logLevel = .error
        let app = try await WalletGraphApp.start(configuration, logger: Logger(label: "test"))
        await app.close()
        #expect(try Self.mode(folder + "/data") == 0o700)
        for name in try FileManager.default.contentsOfDirectory(atPath: folder + "/data") {
            #expect(try Self.mode(folder + "/data/" + name) == 0o600, "\(name)")
        }
        #expect(FileManager.default.fileExists(atPath: folder + "/data/wallet.sqlite"))
    }

    @Test(arguments: Engine.all)
    func anExistingNonAdminIsNotPromotedToAdmin(engine: Engine) async throws {
        let database = try await TestDatabase.make(engine)
        let pool = engine == .postgres ? try await database.pool() : nil
        func start(_ username: String, _ password: String) async throws {
            var environment = [
                "WALLETGRAPH_ENV": "development", "JWT_SECRET": String(repeating: "s", count: 40), "SEED_DEMO": "true",
                "ADMIN_USERNAME": username, "ADMIN_PASSWORD": password, "LOG_LEVEL": "error",
            ]
            if engine == .sqlite { environment["DATABASE_URL"] = "sqlite:\(database.location)" }
            var configuration = try ServerConfiguration.resolve(flags: [:], environment: environment, dotEnv: [:])
            configuration.printsBanner = false
            let app = try await WalletGraphApp.start(configuration, pool: pool, logger: Logger(label: "test"))
            await app.close()
        }
        do {
            try await start("root", "root-password-1")  // creates root and seeds alice
            // The admin itself: its password is updated, as before.
            try await start("root", "root-password-2")
            do {
                try await start("alice", "alice-password-1")
                Issue.record("alice was promoted")
            } catch {
                #expect("\(error)".contains("alice"), "\(error)")
                #expect("\(error)".contains("not an admin"), "\(error)")
            }
            let reader: SQLPool
            if let pool { reader = pool } else { reader = try await database.pool() }
            let role = try await reader.withConnection(readOnly: true) { connection in
                try await connection.fetchOne(SQLStatement(unsafeSQL: "SELECT role FROM users WHERE username = 'alice'")) {
                    try $0.decode(String.self, at: 0)
                }
            }
            // Development without ADMIN_* adds no `admin` when an administrator (root) exists.
            var environment = [
                "WALLETGRAPH_ENV": "development", "JWT_SECRET": String(repeating: "s", count: 40), "LOG_LEVEL": "error",
            ]
            if engine == .sqlite { environment["DATABASE_URL"] = "sqlite:\(database.location)" }
            var configuration = try ServerConfiguration.resolve(flags: [:], environment: environment, dotEnv: [:])
            configuration.printsBanner = false
            let app = try await WalletGraphApp.start(configuration, pool: pool, logger: Logger(label: "test"))
            await app.close()
            let generated = try await reader.withConnection(readOnly: true) { connection in
                try await connection.fetchOne(SQLStatement(unsafeSQL: "SELECT count(*) FROM users WHERE username = 'admin'")) {
                    try $0.decode(Int64.self, at: 0)
                }
            }
            if pool == nil { await reader.close() }
            #expect(role == "user")
            #expect(generated == 0)
        } catch {
            await pool?.close()
            await database.drop()
            throw error
        }
        await pool?.close()
        await database.drop()
    }
}
