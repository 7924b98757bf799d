import Foundation

/// Runs `pgbench` with transfer.pgbench against the benchmark's schema and reads its throughput and the
/// per-transaction latencies from its log.
enum PGBench {
    static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("transfer.pgbench").path

    static func run(url: String, bench: BenchLedger, clients: Int, seconds: Double) throws -> Measurement {
        let logDirectory = FileManager.default.temporaryDirectory.appendingPathComponent("ledger-bench-\(UUID())")
        try FileManager.default.createDirectory(at: logDirectory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: logDirectory) }
        var environment = ProcessInfo.processInfo.environment
        environment["PGOPTIONS"] = "-c search_path=\(bench.location)"
        let outputPath = logDirectory.appendingPathComponent("output.txt").path
        let (status, usage) = try Spawn.run(
            [
                "pgbench", "-n", "-M", "prepared", "-c", "\(clients)", "-j", "\(min(2, clients))",
                "-T", "\(max(1, Int(seconds.rounded())))", "-f", script,
                "-D", "wallets=\(bench.wallets.count)", "-D", "asset=\(bench.asset.id.uuidString.lowercased())",
                "-l", "--log-prefix", logDirectory.appendingPathComponent("pgbench").path, url,
            ],
            environment: environment, outputPath: outputPath)
        let text = (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
        guard status == 0,
            let tps = text.firstMatch(of: /tps = ([0-9.]+) \(without initial connection time\)/).flatMap({ Double($0.1) }),
            let count = text.firstMatch(of: /number of transactions actually processed: ([0-9]+)/).flatMap({ Int($0.1) })
        else { throw Failure(output: text) }
        var latencies: [Double] = []
        for file in try FileManager.default.contentsOfDirectory(atPath: logDirectory.path) where file.hasPrefix("pgbench") {
            let log = try String(contentsOf: logDirectory.appendingPathComponent(file), encoding: .utf8)
            for line in log.split(separator: "\n") {
                // client_id transaction_no time(µs) script_no time_epoch time_us
                let fields = line.split(separator: " ")
                if fields.count >= 3, let micros = Double(fields[2]) { latencies.append(micros / 1000) }
            }
        }
        let failed = text.firstMatch(of: /number of failed transactions: ([0-9]+)/).flatMap { Int($0.1) } ?? 0
        return Measurement(
            count: count, seconds: Double(count) / tps, latencies: latencies.sorted(),
            errors: failed > 0 ? ["failed": failed] : [:], cpuSeconds: Measurement.seconds(usage))
    }

    struct Failure: Error, CustomStringConvertible {
        let output: String
        var description: String { "pgbench failed:\n" + output }
    }
}
