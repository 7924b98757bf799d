import Foundation

/// Throughput and latency of one run: `count` operations in `seconds`, with per-operation latencies.
struct Measurement: Sendable {
    let count: Int
    let seconds: Double
    /// Sorted, in milliseconds; empty when the tool reports none.
    let latencies: [Double]
    let errors: [String: Int]
    /// CPU seconds (user + system) the client spent: this process for the ledger, the child for pgbench.
    var cpuSeconds: Double? = nil

    var rate: Double { Double(count) / seconds }

    func percentile(_ fraction: Double) -> Double? {
        guard !latencies.isEmpty else { return nil }
        return latencies[min(latencies.count - 1, Int(Double(latencies.count) * fraction))]
    }

    var summary: String {
        let p50 = percentile(0.5).map { String(format: "%.2f", $0) } ?? "-"
        let p99 = percentile(0.99).map { String(format: "%.2f", $0) } ?? "-"
        let errorText = errors.isEmpty ? "" : "  errors: \(errors)"
        let cpu = cpuSeconds.map { String(format: "  client CPU %.0f µs/tx", $0 / Double(max(1, count)) * 1e6) } ?? ""
        return String(format: "%8.0f tx/s  p50 %@ ms  p99 %@ ms  (%d in %.1f s)", rate, p50, p99, count, seconds)
            + cpu + errorText
    }

    /// Runs `tasks` concurrent loops of `operation(task, iteration)` for `seconds`, timing each call.
    /// An error is counted by its description, and the loop goes on.
    static func run(
        tasks: Int, seconds: Double, _ operation: @escaping @Sendable (Int, Int) async throws -> Void
    ) async -> Measurement {
        let clock = ContinuousClock()
        let cpuStart = processCPUSeconds()
        let start = clock.now
        let deadline = start + .milliseconds(Int(seconds * 1000))
        let lanes = await withTaskGroup(of: ([Double], [String: Int]).self) { group in
            for task in 0..<tasks {
                group.addTask {
                    var latencies: [Double] = []
                    var errors: [String: Int] = [:]
                    var iteration = 0
                    while clock.now < deadline {
                        let begin = clock.now
                        do {
                            try await operation(task, iteration)
                            let elapsed = begin.duration(to: clock.now).components
                            latencies.append(Double(elapsed.seconds) * 1000 + Double(elapsed.attoseconds) / 1e15)
                        } catch {
                            errors["\(error)", default: 0] += 1
                        }
                        iteration += 1
                    }
                    return (latencies, errors)
                }
            }
            var all: [([Double], [String: Int])] = []
            for await lane in group { all.append(lane) }
            return all
        }
        let elapsed = start.duration(to: clock.now).components
        let latencies = lanes.flatMap(\.0).sorted()
        let errors = lanes.map(\.1).reduce(into: [String: Int]()) { $0.merge($1, uniquingKeysWith: +) }
        return Measurement(
            count: latencies.count, seconds: Double(elapsed.seconds) + Double(elapsed.attoseconds) / 1e18,
            latencies: latencies, errors: errors, cpuSeconds: processCPUSeconds() - cpuStart)
    }

    /// User + system CPU seconds of this process so far.
    static func processCPUSeconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return seconds(usage)
    }

    static func seconds(_ usage: rusage) -> Double {
        Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
            + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
    }
}
