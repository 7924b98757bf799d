import Logging
import WalletGraph

/// Fails and refunds withdrawals left `PENDING` past the hold timeout (``Ledger/sweepExpiredDisbursements(batchSize:)``),
/// every `interval`, until its task is cancelled. The database work runs on the pool's threads; this task only
/// waits. A failed sweep is logged and tried again at the next interval.
public struct DisbursementSweeper: Sendable {
    public let ledger: Ledger
    public let interval: Duration
    public let logger: Logger
    let metrics: ServerMetrics?

    public init(ledger: Ledger, interval: Duration, logger: Logger, metrics: ServerMetrics? = nil) {
        self.metrics = metrics
        self.ledger = ledger
        self.interval = interval
        var logger = logger
        logger[metadataKey: "component"] = "disbursement-sweeper"
        self.logger = logger
    }

    /// Sweeps now, then every `interval`, until cancelled.
    public func run() async {
        while !Task.isCancelled {
            await sweepOnce()
            do {
                try await Task.sleep(for: interval)
            } catch {
                return
            }
        }
    }

    /// One sweep; returns how many withdrawals it failed (0 when the sweep itself failed).
    @discardableResult
    public func sweepOnce() async -> Int {
        do {
            let swept = try await ledger.sweepExpiredDisbursements()
            metrics?.sweptOnce(failed: false)
            for disbursement in swept {
                logger.notice(
                    "refunded an expired withdrawal hold",
                    metadata: [
                        "reference": .string(disbursement.referenceID),
                        "amount": .stringConvertible(disbursement.amount), "fee": .stringConvertible(disbursement.fee),
                    ])
            }
            return swept.count
        } catch is CancellationError {
            return 0
        } catch {
            metrics?.sweptOnce(failed: true)
            logger.error("withdrawal sweep failed", metadata: ["error": .string(String(describing: error))])
            return 0
        }
    }
}
