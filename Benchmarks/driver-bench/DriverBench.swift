import Foundation
import NIOConcurrencyHelpers
import NIOPosix
import SQLDriver

/// Prints the driver's throughput next to raw C calls in the same binary, for a point select and a
/// transfer-like write transaction (lock 2 rows, 2 updates, 3 inserts), at 1 and 8 concurrent tasks.
///
/// Baselines:
/// - raw (hop): each operation is one job on an NIOThreadPool, the least any async caller must pay
///   to keep blocking calls off the cooperative pool. This is the ratio the 20% goal is about.
/// - raw (loop): each task runs a tight C loop on a pool thread: no async at all, a floor.
///
/// `driver-bench generated …` compares SQLGen's generated functions with raw C instead (GeneratedBench).
///
/// Usage: driver-bench [seconds-per-run] [rounds] [engines, comma-separated: sqlite-full,sqlite-normal,postgres]
/// PostgreSQL: WALLETGRAPH_BENCH_POSTGRES_URL, else WALLETGRAPH_TEST_POSTGRES_URL.
/// BENCH_READERS sets the SQLite pool's reader connections (default 8, one per task at 8 tasks).
@main
struct DriverBench {
    static func main() async throws {
        let arguments = CommandLine.arguments
        if arguments.count > 1, arguments[1] == "probe" { return try await ScopeProbe.run() }
        if arguments.count > 1, arguments[1] == "generated-one" {
            let environment = ProcessInfo.processInfo.environment
            return try await GeneratedBench.runOne(
                arguments: Array(arguments.dropFirst(2)),
                postgresURL: environment["WALLETGRAPH_BENCH_POSTGRES_URL"] ?? environment["WALLETGRAPH_TEST_POSTGRES_URL"])
        }
        if arguments.count > 1, arguments[1] == "generated" {
            let environment = ProcessInfo.processInfo.environment
            return try await GeneratedBench.run(
                seconds: arguments.count > 2 ? Double(arguments[2]) ?? 1 : 1,
                rounds: arguments.count > 3 ? Int(arguments[3]) ?? 3 : 3,
                engines: arguments.count > 4 ? arguments[4].split(separator: ",").map(String.init) : ["sqlite", "postgres"],
                postgresURL: environment["WALLETGRAPH_BENCH_POSTGRES_URL"] ?? environment["WALLETGRAPH_TEST_POSTGRES_URL"])
        }
        let seconds = arguments.count > 1 ? Double(arguments[1]) ?? 1 : 1
        let rounds = arguments.count > 2 ? Int(arguments[2]) ?? 3 : 3
        let engines = arguments.count > 3 ? arguments[3].split(separator: ",").map(String.init) : ["sqlite-full", "sqlite-normal", "postgres"]
        let environment = ProcessInfo.processInfo.environment
        let postgresURL = environment["WALLETGRAPH_BENCH_POSTGRES_URL"] ?? environment["WALLETGRAPH_TEST_POSTGRES_URL"]

        print("driver-bench: \(seconds) s per run, median of \(rounds) rounds, \(ProcessInfo.processInfo.activeProcessorCount) cores")
        print(Report.header)
        for engine in engines {
            let setup: EngineSetup
            switch engine {
            case "sqlite-full": setup = try await EngineSetup.sqlite(synchronous: .full)
            case "sqlite-normal": setup = try await EngineSetup.sqlite(synchronous: .normal)
            case "postgres":
                guard let postgresURL else {
                    print("postgres: skipped (set WALLETGRAPH_BENCH_POSTGRES_URL)")
                    continue
                }
                setup = try await EngineSetup.postgres(url: postgresURL)
            default:
                print("unknown engine \(engine)")
                continue
            }
            for workload in Workload.allCases {
                for concurrency in [1, 8] {
                    _ = try await setup.run(workload, variant: .driver, concurrency: concurrency, seconds: 0.2)
                    _ = try await setup.run(workload, variant: .rawHop, concurrency: concurrency, seconds: 0.2)
                    var samples: [Variant: [Double]] = [:]
                    for _ in 0..<rounds {
                        for variant in Variant.allCases {
                            let rate = try await setup.run(workload, variant: variant, concurrency: concurrency, seconds: seconds)
                            samples[variant, default: []].append(rate)
                        }
                    }
                    print(Report(engine: engine, workload: workload, concurrency: concurrency, samples: samples).line)
                }
            }
            await setup.close()
        }
    }
}

enum Workload: String, CaseIterable { case pointSelect = "point select", transfer = "transfer tx" }

enum Variant: String, CaseIterable { case driver, rawHop, rawLoop }

struct Report {
    static let header = "engine         workload      tasks   driver op/s   raw(hop) op/s   raw(loop) op/s   driver time ÷ raw(hop)   ÷ raw(loop)"
    let engine: String
    let workload: Workload
    let concurrency: Int
    let samples: [Variant: [Double]]

    private func median(_ variant: Variant) -> Double {
        let sorted = (samples[variant] ?? [0]).sorted()
        return sorted[sorted.count / 2]
    }

    var line: String {
        let driver = median(.driver), hop = median(.rawHop), loop = median(.rawLoop)
        func pad(_ text: String, _ width: Int) -> String { text.padding(toLength: width, withPad: " ", startingAt: 0) }
        func rate(_ value: Double) -> String { String(Int(value.rounded())) }
        return pad(engine, 15) + pad(workload.rawValue, 14) + pad("\(concurrency)", 8) + pad(rate(driver), 14)
            + pad(rate(hop), 16) + pad(rate(loop), 17) + pad(String(format: "%.2f", hop / driver), 25)
            + String(format: "%.2f", loop / driver)
    }
}
