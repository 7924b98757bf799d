import CoreMetrics

/// What the ledger counts, through swift-metrics: postings by transaction type, idempotent replays and
/// conflicts, and transactions that gave up as `LEDGER_BUSY`. Counted after the outcome is known (a posting once
/// committed, not per retried attempt). The factory is the server's (Prometheus), or no-op by default.
public struct LedgerMetrics: Sendable {
    let factory: any MetricsFactory

    public init(factory: any MetricsFactory = NOOPMetricsHandler.instance) {
        self.factory = factory
    }

    func posted(_ type: TransactionType) {
        Counter(label: "walletgraph_ledger_postings_total", dimensions: [("type", type.rawValue)], factory: factory)
            .increment()
    }

    func replayed() {
        Counter(label: "walletgraph_idempotent_replays_total", factory: factory).increment()
    }

    func conflicted() {
        Counter(label: "walletgraph_idempotency_conflicts_total", factory: factory).increment()
    }

    func busy() {
        Counter(label: "walletgraph_ledger_busy_total", factory: factory).increment()
    }
}
