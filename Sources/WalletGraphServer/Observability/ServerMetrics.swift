import CoreMetrics
import Foundation
import GraphQLCore
import Prometheus
import SQLDriver
import Synchronization
import WalletGraph

/// The server's Prometheus metrics: one registry per ``WalletGraphApp``, filled by the request middleware, the
/// ledger (through swift-metrics, ``factory``) and the sweeper, and by gauges read when `/metrics` is scraped.
/// Every label has bounded values: operation names beyond ``maxOperationNames`` (or not GraphQL names) count
/// as `_other`, anonymous operations as `_anonymous`.
public final class ServerMetrics: Sendable {
    public let registry: PrometheusCollectorRegistry
    /// For code that speaks swift-metrics (the ledger).
    public let factory: any MetricsFactory
    static let maxOperationNames = 200
    private let operationNames = Mutex<Set<String>>([])
    private let sweeps: Prometheus.Counter
    private let sweepFailures: Prometheus.Counter
    private let statements: ValueHistogram
    private let poolInUse: Prometheus.Gauge, poolOpen: Prometheus.Gauge, poolWaiters: Prometheus.Gauge
    private let poolCapacity: Prometheus.Gauge, poolWaits: Prometheus.Gauge, poolWaitSeconds: Prometheus.Gauge
    private let retries: Prometheus.Gauge, roundTrips: Prometheus.Gauge, residentBytes: Prometheus.Gauge, openFiles: Prometheus.Gauge
    private let rateLimitBuckets: Prometheus.Gauge

    static let durationBuckets: [Duration] = [
        .microseconds(500), .milliseconds(1), .milliseconds(2), .milliseconds(5), .milliseconds(10), .milliseconds(25),
        .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1), .seconds(2.5),
        .seconds(5), .seconds(10),
    ]

    public init() {
        registry = PrometheusCollectorRegistry()
        factory = PrometheusMetricsFactory(registry: registry)
        func descriptor(_ name: String, _ unit: String, _ help: String) -> MetricNameDescriptor {
            MetricNameDescriptor(namespace: "walletgraph", metricName: name, unitName: unit, helpText: help)
        }
        sweeps = registry.makeCounter(descriptor: descriptor("sweeper_runs", "total", "Withdrawal sweeps run."))
        sweepFailures = registry.makeCounter(
            descriptor: descriptor("sweeper_failures", "total", "Withdrawal sweeps that failed."))
        statements = registry.makeValueHistogram(
            descriptor: descriptor("statements_per_request", "count", "SQL statements one GraphQL request ran."),
            buckets: [0, 1, 2, 3, 5, 8, 13, 21, 34, 55, 100])
        poolInUse = registry.makeGauge(descriptor: descriptor("db_pool_connections_in_use", "count", "Connections leased now."))
        poolOpen = registry.makeGauge(descriptor: descriptor("db_pool_connections_open", "count", "Connections open now."))
        poolCapacity = registry.makeGauge(
            descriptor: descriptor("db_pool_connections_max", "count", "The most connections the pool opens."))
        poolWaiters = registry.makeGauge(
            descriptor: descriptor("db_pool_waiters", "count", "Callers waiting for a connection now."))
        poolWaits = registry.makeGauge(
            descriptor: descriptor("db_pool_waits", "count", "Checkouts that had to wait since start (monotonic)."))
        poolWaitSeconds = registry.makeGauge(
            descriptor: descriptor("db_pool_wait", "seconds", "Total time checkouts waited since start (monotonic)."))
        retries = registry.makeGauge(
            descriptor: descriptor(
                "db_transaction_retries", "count",
                "Transactions run again after a deadlock, serialization failure or busy database (monotonic)."))
        roundTrips = registry.makeGauge(
            descriptor: descriptor(
                "db_round_trips", "count",
                "PostgreSQL round trips callers waited for since start (monotonic; 0 on SQLite)."))
        residentBytes = registry.makeGauge(descriptor: descriptor("process_resident_memory", "bytes", "Resident set size."))
        openFiles = registry.makeGauge(descriptor: descriptor("process_open_fds", "count", "Open file descriptors."))
        rateLimitBuckets = registry.makeGauge(
            descriptor: descriptor("rate_limit_buckets", "count", "Rate-limit buckets held in memory."))
    }

    /// Records one HTTP request: its status, and for a GraphQL request its duration by operation type and name,
    /// its statements and its top-level error codes.
    func record(status: Int, duration: Duration, observation: RequestObservation.Snapshot?) {
        registry.makeCounter(
            descriptor: MetricNameDescriptor(
                namespace: "walletgraph", metricName: "http_responses", unitName: "total", helpText: "HTTP responses by status."),
            labels: [("status", String(status))]
        ).increment()
        guard let observation, observation.isGraphQL else { return }
        registry.makeDurationHistogram(
            descriptor: MetricNameDescriptor(
                namespace: "walletgraph", metricName: "graphql_request_duration", unitName: "seconds",
                helpText: "GraphQL request duration by operation type and name."),
            labels: [("type", observation.operationType ?? "none"), ("operation", operationLabel(observation.operationName))],
            buckets: Self.durationBuckets
        ).record(duration)
        statements.record(Double(observation.statements))
        for code in observation.errorCodes {
            registry.makeCounter(
                descriptor: MetricNameDescriptor(
                    namespace: "walletgraph", metricName: "graphql_errors", unitName: "total",
                    helpText: "Top-level GraphQL errors by extensions.code."),
                labels: [("code", Self.codeLabel(code))]
            ).increment()
        }
    }

    /// Counts a sweep.
    func sweptOnce(failed: Bool) {
        sweeps.increment()
        if failed { sweepFailures.increment() }
    }

    /// The text exposition, after reading the gauges that are sampled: the pool, the process, withdrawals by
    /// status (one read-only query) and the rate limiter.
    func scrape(pool: SQLPool, ledger: Ledger, rateLimiter: RequestRateLimiter) async -> [UInt8] {
        let statistics = pool.statistics
        poolInUse.set(Double(statistics.inUse))
        poolOpen.set(Double(statistics.open))
        poolCapacity.set(Double(statistics.capacity))
        poolWaiters.set(Double(statistics.waiters))
        poolWaits.set(Double(statistics.waits))
        poolWaitSeconds.set(
            Double(statistics.waited.components.seconds) + Double(statistics.waited.components.attoseconds) / 1e18)
        retries.set(Double(statistics.retries))
        roundTrips.set(Double(statistics.roundTrips))
        let process = ProcessSample.now()
        if let bytes = process.residentBytes { residentBytes.set(Double(bytes)) }
        if let files = process.openFiles { openFiles.set(Double(files)) }
        rateLimitBuckets.set(Double(rateLimiter.keyCounts.buckets))
        if let counts = try? await ledger.withdrawalCountsByStatus() {
            for status in DisbursementStatus.allCases {
                registry.makeGauge(
                    descriptor: MetricNameDescriptor(
                        namespace: "walletgraph", metricName: "withdrawals", unitName: "count",
                        helpText: "Withdrawals by status, from the database."),
                    labels: [("status", status.rawValue)]
                ).set(Double(counts[status] ?? 0))
            }
        }
        return registry.emitToBuffer()
    }

    /// An operation name as a label: itself while fewer than ``maxOperationNames`` distinct names were seen.
    func operationLabel(_ name: String?) -> String {
        guard let name else { return "_anonymous" }
        guard name.utf8.count <= 64, let first = name.utf8.first, first == 0x5F || Self.isLetter(first),
            name.utf8.allSatisfy({ $0 == 0x5F || Self.isLetter($0) || (0x30...0x39).contains($0) })
        else { return "_other" }
        return operationNames.withLock { names in
            if names.contains(name) { return name }
            guard names.count < Self.maxOperationNames else { return "_other" }
            names.insert(name)
            return name
        }
    }

    private static func isLetter(_ byte: UInt8) -> Bool { (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) }

    /// Codes are ours (SCREAMING_SNAKE); anything else would be a bug, counted under one label.
    static func codeLabel(_ code: String) -> String {
        code.utf8.count <= 48 && code.utf8.allSatisfy({ $0 == 0x5F || (0x41...0x5A).contains($0) }) ? code : "_other"
    }
}
