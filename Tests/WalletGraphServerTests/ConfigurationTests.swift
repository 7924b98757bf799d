import Foundation
import Logging
import Testing
import WalletGraph
import WalletGraphServer

private let secret = String(repeating: "k", count: 32)

@Suite("Configuration")
struct ConfigurationTests {
    @Test func developmentDefaultsNeedNothing() throws {
        let configuration = try ServerConfiguration.resolve(flags: [:], environment: [:], dotEnv: [:])
        #expect(configuration.environment == .development)
        #expect(configuration.databaseURL == nil)
        #expect(try configuration.database() == .sqlite(path: "./data/wallet.sqlite"))
        #expect(configuration.host == "127.0.0.1")
        #expect(configuration.port == 8080)
        #expect(configuration.jwtSecret == nil)
        #expect(configuration.logLevel == .info)
        #expect(configuration.seedDemo)
        #expect(configuration.allowSelfTopUp)
        #expect(configuration.adminUsername == nil && configuration.adminPassword == nil)
        #expect(configuration.maxBodyBytes == 1 << 20)
        #expect(configuration.bcryptCost == 10)
        #expect(configuration.sqliteSynchronous == .full)
        #expect(try configuration.developmentSecretPath() == "./data/jwt-secret")
    }

    @Test func productionTurnsTheDemoConveniencesOff() throws {
        let configuration = try ServerConfiguration.resolve(
            flags: [:], environment: ["WALLETGRAPH_ENV": "production", "JWT_SECRET": secret], dotEnv: [:])
        #expect(configuration.environment == .production)
        #expect(!configuration.seedDemo)
        #expect(!configuration.allowSelfTopUp)
        #expect(configuration.jwtSecret == secret)
    }

    @Test func productionWithoutASecretFails() {
        #expect(throws: ConfigurationError.self) {
            try ServerConfiguration.resolve(flags: [:], environment: ["WALLETGRAPH_ENV": "production"], dotEnv: [:])
        }
        // Commands that issue no tokens may run without one.
        #expect(
            (try? ServerConfiguration.resolve(
                flags: [:], environment: ["WALLETGRAPH_ENV": "production"], dotEnv: [:], requiresSecret: false)) != nil)
    }

    @Test(arguments: [ServerConfiguration.Environment.development, .production])
    func aSecretShorterThan32BytesFails(environment: ServerConfiguration.Environment) {
        let error = #expect(throws: ConfigurationError.self) {
            try ServerConfiguration.resolve(
                flags: [:], environment: ["WALLETGRAPH_ENV": environment.rawValue, "JWT_SECRET": String(secret.dropLast())],
                dotEnv: [:], requiresSecret: false)
        }
        #expect(error?.message.contains("at least 32 bytes") == true)
        #expect(error?.message.contains("kkkk") == false, "the message must not echo the secret")
    }

    @Test func flagsOverrideEnvironmentWhichOverridesDotEnv() throws {
        let dotEnv = ["PORT": "1111", "HOST": "0.0.0.0", "LOG_LEVEL": "debug", "SEED_DEMO": "false"]
        let environment = ["PORT": "2222", "HOST": "10.0.0.1"]
        let flags = ["PORT": "3333"]
        let configuration = try ServerConfiguration.resolve(flags: flags, environment: environment, dotEnv: dotEnv)
        #expect(configuration.port == 3333)
        #expect(configuration.host == "10.0.0.1")
        #expect(configuration.logLevel == .debug)
        #expect(!configuration.seedDemo)
    }

    @Test func anEmptyValueCountsAsUnset() throws {
        let configuration = try ServerConfiguration.resolve(
            flags: ["PORT": ""], environment: ["PORT": ""], dotEnv: ["PORT": "4444"])
        #expect(configuration.port == 4444)
    }

    @Test func explicitSettingsOverrideTheEnvironmentDefaults() throws {
        let configuration = try ServerConfiguration.resolve(
            flags: [:],
            environment: [
                "WALLETGRAPH_ENV": "production", "JWT_SECRET": secret, "SEED_DEMO": "yes", "ALLOW_SELF_TOPUP": "1",
                "ADMIN_USERNAME": "root", "ADMIN_PASSWORD": "correct horse", "MAX_BODY_BYTES": "4096", "BCRYPT_COST": "12",
                "SQLITE_SYNCHRONOUS": "normal", "PORT": "0",
            ], dotEnv: [:])
        #expect(configuration.seedDemo && configuration.allowSelfTopUp)
        #expect(configuration.adminUsername == "root" && configuration.adminPassword == "correct horse")
        #expect(configuration.maxBodyBytes == 4096 && configuration.bcryptCost == 12 && configuration.port == 0)
        #expect(configuration.sqliteSynchronous == .normal)
    }

    @Test(arguments: [
        ["WALLETGRAPH_ENV": "staging"], ["PORT": "70000"], ["PORT": "eighty"], ["LOG_LEVEL": "loud"],
        ["SEED_DEMO": "maybe"], ["BCRYPT_COST": "9"], ["ADMIN_USERNAME": "root"], ["ADMIN_PASSWORD": "secret123"],
        ["ADMIN_USERNAME": "root", "ADMIN_PASSWORD": "short"], ["DATABASE_URL": "mysql://x"], ["DATABASE_URL": "sqlite:"],
        ["SQLITE_SYNCHRONOUS": "OFF"], ["MAX_BODY_BYTES": "10"],
    ])
    func invalidValuesFailWithTheSettingsName(environment: [String: String]) {
        let error = #expect(throws: ConfigurationError.self) {
            try ServerConfiguration.resolve(flags: [:], environment: environment, dotEnv: [:])
        }
        let named = environment.keys.contains { error?.message.contains($0) == true }
        #expect(named, "\(error?.message ?? "no error")")
    }

    @Test func databaseURLSelectsTheEngine() throws {
        #expect(try DatabaseURL(nil) == .sqlite(path: "./data/wallet.sqlite"))
        #expect(try DatabaseURL("  ") == .sqlite(path: "./data/wallet.sqlite"))
        #expect(try DatabaseURL("sqlite:/tmp/w.sqlite") == .sqlite(path: "/tmp/w.sqlite"))
        #expect(try DatabaseURL("postgres://u@h/db") == .postgres(url: "postgres://u@h/db"))
        #expect(try DatabaseURL("postgresql://u@h:5/db?sslmode=disable") == .postgres(url: "postgresql://u@h:5/db?sslmode=disable"))
        #expect(try DatabaseURL("postgresql://u:hunter2@h/db").redacted == "postgresql://u:***@h/db")
        let sqlite = try ServerConfiguration.resolve(
            flags: [:], environment: ["DATABASE_URL": "sqlite:/var/lib/wg/main.sqlite"], dotEnv: [:])
        #expect(try sqlite.developmentSecretPath() == "/var/lib/wg/jwt-secret")
    }

    @Test func dotEnvParsesCommentsQuotesAndExport() {
        let values = DotEnv.parse(
            """
            # a comment
            PORT=9090
            export HOST = 0.0.0.0
            JWT_SECRET="has # and spaces "
            ADMIN_PASSWORD='single quoted'
            LOG_LEVEL=debug # trailing comment
            not an assignment
            EMPTY=
            PORT=9191
            """)
        #expect(values["PORT"] == "9191")
        #expect(values["HOST"] == "0.0.0.0")
        #expect(values["JWT_SECRET"] == "has # and spaces ")
        #expect(values["ADMIN_PASSWORD"] == "single quoted")
        #expect(values["LOG_LEVEL"] == "debug")
        #expect(values["EMPTY"] == "")
        #expect(values.count == 6)
    }
}

@Suite("HTTP header parsing")
struct HeaderParsingTests {
    @Test func theGraphQLMediaTypeIsChosenWhenAcceptedAtLeastAsHighlyAsJSON() {
        typealias N = ContentNegotiation
        #expect(N.responseMediaType(accept: nil) == N.json)
        #expect(N.responseMediaType(accept: "application/json") == N.json)
        #expect(N.responseMediaType(accept: "*/*") == N.json)
        #expect(N.responseMediaType(accept: "application/graphql-response+json") == N.graphQLResponse)
        #expect(N.responseMediaType(accept: "application/graphql-response+json, application/json;q=0.9") == N.graphQLResponse)
        #expect(N.responseMediaType(accept: "application/json, application/graphql-response+json;q=0.5") == N.json)
        #expect(N.responseMediaType(accept: "application/graphql-response+json;q=0") == N.json)
        #expect(N.responseMediaType(accept: "text/html") == N.json)
    }

    @Test func onlyJSONBodiesAreAccepted() {
        #expect(ContentNegotiation.isJSON(contentType: "application/json"))
        #expect(ContentNegotiation.isJSON(contentType: "Application/JSON; charset=utf-8"))
        #expect(!ContentNegotiation.isJSON(contentType: "application/x-www-form-urlencoded"))
        #expect(!ContentNegotiation.isJSON(contentType: "text/plain"))
        #expect(!ContentNegotiation.isJSON(contentType: nil))
    }

    @Test func acceptLanguagePicksTheBestRatedKnownLanguage() {
        #expect(ContentNegotiation.language(acceptLanguage: nil) == .english)
        #expect(ContentNegotiation.language(acceptLanguage: "id") == .indonesian)
        #expect(ContentNegotiation.language(acceptLanguage: "id-ID,id;q=0.9,en;q=0.8") == .indonesian)
        #expect(ContentNegotiation.language(acceptLanguage: "en-US,id;q=0.5") == .english)
        #expect(ContentNegotiation.language(acceptLanguage: "fr, id;q=0.4, en;q=0.3") == .indonesian)
        #expect(ContentNegotiation.language(acceptLanguage: "en;q=0.2, id;q=0.9") == .indonesian)
        #expect(ContentNegotiation.language(acceptLanguage: "de") == .english)
    }

    @Test func aRequestIDIsEchoedOnlyWhenSane() {
        #expect(RequestID.sanitized("abc-123_X.y") == "abc-123_X.y")
        #expect(RequestID.sanitized(String(repeating: "a", count: 128)) != nil)
        #expect(RequestID.sanitized(String(repeating: "a", count: 129)) == nil)
        #expect(RequestID.sanitized("") == nil)
        #expect(RequestID.sanitized("a b") == nil)
        #expect(RequestID.sanitized("x\r\ny") == nil)
        #expect(RequestID.sanitized("ünï") == nil)
        #expect(RequestID.sanitized(nil) == nil)
    }

    @Test func withdrawalSettingsDefaultToTheIssuesValues() throws {
        let configuration = try ServerConfiguration.resolve(flags: [:], environment: [:], dotEnv: [:])
        #expect(configuration.dailyWithdrawalLimit == 100_000_000)
        #expect(configuration.disbursementHoldTimeout == .seconds(86_400))
        #expect(configuration.disbursementSweepInterval == .seconds(60))
        let policy = configuration.withdrawalPolicy
        #expect(policy.minimum == 10_000 && policy.maximum == 50_000_000 && policy.dailyLimit == 100_000_000)
        #expect(policy.holdTimeout == .seconds(86_400) && policy.assetCode == "IDR")
    }

    @Test func withdrawalSettingsAreRead() throws {
        let configuration = try ServerConfiguration.resolve(
            flags: ["DISBURSEMENT_SWEEP_INTERVAL": "15s"],
            environment: ["DAILY_WITHDRAWAL_LIMIT": "2_000_000", "DISBURSEMENT_HOLD_TIMEOUT": "1h30m"],
            dotEnv: ["DISBURSEMENT_SWEEP_INTERVAL": "5m"])
        #expect(configuration.dailyWithdrawalLimit == 2_000_000)
        #expect(configuration.disbursementHoldTimeout == .seconds(5_400))
        #expect(configuration.disbursementSweepInterval == .seconds(15))
        #expect(configuration.withdrawalPolicy.dailyLimit == 2_000_000)
        #expect(configuration.withdrawalPolicy.holdTimeout == .seconds(5_400))
    }

    @Test(arguments: [
        ("3600", 3_600_000), ("24h", 86_400_000), ("90m", 5_400_000), ("45s", 45_000), ("1h30m", 5_400_000),
        ("2h0m10s", 7_210_000), ("1H", 3_600_000), ("1.5h", 5_400_000), ("500ms", 500), ("2s500ms", 2_500),
        ("0.25s", 250), ("30m1h", 5_400_000), (".5s", 500),
    ] as [(String, Int64)])
    func holdTimeoutsAreSecondsOrGoDurations(text: String, milliseconds: Int64) throws {
        let configuration = try ServerConfiguration.resolve(
            flags: [:], environment: ["DISBURSEMENT_HOLD_TIMEOUT": text], dotEnv: [:])
        #expect(configuration.disbursementHoldTimeout == .milliseconds(milliseconds))
    }

    @Test func theSweepIntervalFollowsTheHoldTimeoutUnlessSet() throws {
        func interval(_ environment: [String: String]) throws -> Duration {
            try ServerConfiguration.resolve(flags: [:], environment: environment, dotEnv: [:]).disbursementSweepInterval
        }
        #expect(try interval([:]) == .seconds(60))
        #expect(try interval(["DISBURSEMENT_HOLD_TIMEOUT": "2s"]) == .seconds(1))
        #expect(try interval(["DISBURSEMENT_HOLD_TIMEOUT": "5m"]) == .seconds(30))
        #expect(try interval(["DISBURSEMENT_HOLD_TIMEOUT": "2s", "DISBURSEMENT_SWEEP_INTERVAL": "300ms"]) == .milliseconds(300))
    }

    @Test(arguments: [
        ("DISBURSEMENT_HOLD_TIMEOUT", "0"), ("DISBURSEMENT_HOLD_TIMEOUT", "-5"), ("DISBURSEMENT_HOLD_TIMEOUT", "1d"),
        ("DISBURSEMENT_HOLD_TIMEOUT", "h"), ("DISBURSEMENT_HOLD_TIMEOUT", "1h-5m"), ("DISBURSEMENT_HOLD_TIMEOUT", "1h 5m"),
        ("DISBURSEMENT_HOLD_TIMEOUT", "31d"), ("DISBURSEMENT_HOLD_TIMEOUT", "721h"), ("DISBURSEMENT_HOLD_TIMEOUT", "50ms"),
        ("DISBURSEMENT_HOLD_TIMEOUT", "99999999999999999999s"), ("DISBURSEMENT_HOLD_TIMEOUT", "3000000h"),
        ("DISBURSEMENT_HOLD_TIMEOUT", "."), ("DISBURSEMENT_HOLD_TIMEOUT", "5x"),
        ("DISBURSEMENT_SWEEP_INTERVAL", "25h"), ("DISBURSEMENT_SWEEP_INTERVAL", "0s"),
        ("DAILY_WITHDRAWAL_LIMIT", "-1"), ("DAILY_WITHDRAWAL_LIMIT", "1.5"), ("DAILY_WITHDRAWAL_LIMIT", "Rp 100"),
        ("DAILY_WITHDRAWAL_LIMIT", "99999999999999999999"),
    ])
    func badWithdrawalSettingsNameThemselves(name: String, value: String) {
        let error = #expect(throws: ConfigurationError.self) {
            try ServerConfiguration.resolve(flags: [:], environment: [name: value], dotEnv: [:])
        }
        #expect(error?.description.contains(name) == true)
    }

    @Test("MAX_WALLETS_PER_USER defaults to 20; out of range or not a number names itself")
    func walletLimitSetting() throws {
        #expect(try ServerConfiguration.resolve(flags: [:], environment: [:], dotEnv: [:]).maxWalletsPerUser == 20)
        let set = try ServerConfiguration.resolve(flags: [:], environment: ["MAX_WALLETS_PER_USER": "5"], dotEnv: [:])
        #expect(set.maxWalletsPerUser == 5)
        for bad in ["0", "-3", "100001", "many", "2.5"] {
            let error = #expect(throws: ConfigurationError.self) {
                try ServerConfiguration.resolve(flags: [:], environment: ["MAX_WALLETS_PER_USER": bad], dotEnv: [:])
            }
            #expect(error?.description.contains("MAX_WALLETS_PER_USER") == true, "\(bad)")
        }
    }
}
