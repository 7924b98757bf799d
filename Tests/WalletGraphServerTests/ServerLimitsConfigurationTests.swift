import SQLDriver
import Testing
import WalletGraphServer

/// The timeout and load-shedding settings (`REQUEST_TIMEOUT`, `DATABASE_*`, `HTTP_*`, `HEAVY_*`).
@Suite("Configuration: timeouts and limits")
struct ServerLimitsConfigurationTests {
    static func resolve(_ environment: [String: String]) throws -> ServerConfiguration {
        try ServerConfiguration.resolve(flags: [:], environment: environment, dotEnv: [:])
    }

    @Test func defaultsBoundEverything() throws {
        let limits = try Self.resolve([:]).limits
        #expect(limits.requestTimeout == .seconds(10))
        #expect(limits.databaseAcquireTimeout == .seconds(5))
        #expect(limits.databaseMaxWaiters == 256)
        #expect(limits.databaseStatementTimeout == .seconds(30))
        #expect(limits.databaseLockTimeout == .seconds(5))
        #expect(limits.databaseIdleInTransactionTimeout == .seconds(60))
        #expect(limits.httpIdleTimeout == .seconds(60))
        #expect(limits.httpReadHeaderTimeout == .seconds(10))
        #expect(limits.httpMaxConnections == 1_024)
        #expect(limits.heavyRequestCost == 5_000)
        #expect(limits.heavyRequestGate(poolCapacity: 10).limit == 5)
        #expect(limits.heavyRequestGate(poolCapacity: 1).limit == 1)
        #expect(limits.poolAdmission == SQLPoolAdmission(maxWaiters: 256, acquireTimeout: .seconds(5)))
        #expect(
            limits.postgresSessionTimeouts
                == PostgresSessionTimeouts(statement: .seconds(30), lock: .seconds(5), idleInTransaction: .seconds(60)))
    }

    @Test func durationsParseAndZeroTurnsABoundOff() throws {
        let limits = try Self.resolve([
            "REQUEST_TIMEOUT": "2500ms", "DATABASE_ACQUIRE_TIMEOUT": "0", "DATABASE_MAX_WAITERS": "0",
            "DATABASE_STATEMENT_TIMEOUT": "1m", "DATABASE_LOCK_TIMEOUT": "0", "HTTP_IDLE_TIMEOUT": "90",
            "HTTP_MAX_CONNECTIONS": "0", "HEAVY_REQUESTS_MAX": "3", "HEAVY_REQUEST_COST": "100",
        ]).limits
        #expect(limits.requestTimeout == .milliseconds(2_500))
        #expect(limits.databaseAcquireTimeout == nil)
        #expect(limits.databaseMaxWaiters == 0, "0 waiters is a bound: nobody queues")
        #expect(limits.databaseStatementTimeout == .seconds(60))
        #expect(limits.databaseLockTimeout == nil)
        #expect(limits.httpIdleTimeout == .seconds(90))
        #expect(limits.httpMaxConnections == nil)
        #expect(limits.heavyRequestGate(poolCapacity: 10).limit == 3)
        #expect(limits.heavyRequestGate(poolCapacity: 10).threshold == 100)
    }

    @Test(arguments: [
        ("REQUEST_TIMEOUT", "10 seconds"), ("REQUEST_TIMEOUT", "-1s"), ("REQUEST_TIMEOUT", "5h"),
        ("DATABASE_ACQUIRE_TIMEOUT", "500us"), ("DATABASE_MAX_WAITERS", "-1"), ("DATABASE_MAX_WAITERS", "lots"),
        ("HTTP_READ_HEADER_TIMEOUT", "abc"), ("HTTP_MAX_CONNECTIONS", "2000000"), ("HEAVY_REQUEST_COST", "0"),
    ])
    func invalidValuesNameTheSetting(name: String, value: String) {
        do {
            _ = try Self.resolve([name: value])
            Issue.record("\(name)=\(value) was accepted")
        } catch let error as ConfigurationError {
            #expect(error.message.contains(name), "\(error.message)")
        } catch {
            Issue.record("\(error)")
        }
    }

    @Test func everySettingIsKnown() {
        for name in ServerLimits.settingNames { #expect(ServerConfiguration.settingNames.contains(name)) }
    }
}
