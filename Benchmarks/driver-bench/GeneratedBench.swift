import Foundation
import NIOConcurrencyHelpers
import NIOPosix
import SQLDriver
import WalletGraphQueries

/// `driver-bench generated [seconds] [rounds] [engines]`: the functions SQLGen generates against the same
/// statements through the raw C API, in this binary, on the repository's own schema (run from the package
/// root: it applies `migrations/`). Workloads: `getAssetByCode` (:one, five columns of five types, read
/// connection) and `renameAsset` (:execrows, an autocommit UPDATE on the writer).
enum GeneratedBench {
    static let assets = 1_000

    enum Operation: String, CaseIterable {
        case get = "getAssetByCode"
        case rename = "renameAsset"
    }

    enum Variant: CaseIterable {
        case generated, driver, raw
    }

    static func code(_ index: Int) -> String { "AS" + String(format: "%05d", index) }

    /// `driver-bench generated-one <sqlite|postgres> <operation> <generated|driver|raw> <tasks> [seconds]`:
    /// one case alone, for a profiler (`perf record -g`), printing its rate and CPU µs per operation.
    static func runOne(arguments: [String], postgresURL: String?) async throws {
        guard arguments.count >= 4, let operation = Operation(rawValue: arguments[1]),
            let variant = Variant.allCases.first(where: { "\($0)" == arguments[2] }), let tasks = Int(arguments[3])
        else {
            print("usage: driver-bench generated-one <sqlite|postgres> <operation> <generated|driver|raw> <tasks> [seconds]")
            return
        }
        let seconds = arguments.count > 4 ? Double(arguments[4]) ?? 5 : 5
        let setup: GeneratedSetup
        if arguments[0] == "postgres" {
            guard let postgresURL else { return print("postgres: set WALLETGRAPH_BENCH_POSTGRES_URL") }
            setup = try await GeneratedSetup.postgres(url: postgresURL)
        } else {
            setup = try await GeneratedSetup.sqlite()
        }
        let result = try await setup.run(operation, variant, concurrency: tasks, seconds: seconds)
        print(String(format: "%@ %@ %@ %d tasks: %.0f op/s, %.1f CPU µs/op", arguments[0], operation.rawValue, "\(variant)", tasks, result.rate, result.cpuMicros))
        await setup.close()
    }

    static func run(seconds: Double, rounds: Int, engines: [String], postgresURL: String?) async throws {
        print("generated code vs raw C (same statements): \(seconds) s per run, median of \(rounds) rounds")
        print("engine         operation        tasks   generated op/s   driver op/s   raw(hop) op/s   time: generated ÷ raw(hop)   ÷ driver   CPU µs/op: generated   raw(hop)   generated ÷ raw")
        for engine in engines {
            let setup: GeneratedSetup
            switch engine {
            case "sqlite-full", "sqlite": setup = try await GeneratedSetup.sqlite()
            case "postgres":
                guard let postgresURL else {
                    print("postgres: skipped (set WALLETGRAPH_BENCH_POSTGRES_URL)")
                    continue
                }
                setup = try await GeneratedSetup.postgres(url: postgresURL)
            default: continue
            }
            for operation in Operation.allCases {
                for concurrency in [1, 8] {
                    for variant in Variant.allCases {
                        _ = try await setup.run(operation, variant, concurrency: concurrency, seconds: 0.2)
                    }
                    var samples: [Variant: [Double]] = [:]
                    var cpu: [Variant: [Double]] = [:]
                    for round in 0..<rounds {
                        // Rotate the order, so no variant always follows the same one. On a shared machine, use
                        // many short rounds (`generated 0.1 31`): load then shifts all variants alike.
                        let order = Variant.allCases
                        for offset in 0..<order.count {
                            let variant = order[(round + offset) % order.count]
                            let result = try await setup.run(operation, variant, concurrency: concurrency, seconds: seconds)
                            samples[variant, default: []].append(result.rate)
                            cpu[variant, default: []].append(result.cpuMicros)
                        }
                    }
                    func median(_ variant: Variant) -> Double { samples[variant]!.sorted()[rounds / 2] }
                    let (g, d, r) = (median(.generated), median(.driver), median(.raw))
                    let (cg, cr) = (cpu[.generated]!.sorted()[rounds / 2], cpu[.raw]!.sorted()[rounds / 2])
                    func pad(_ text: String, _ width: Int) -> String { text.padding(toLength: width, withPad: " ", startingAt: 0) }
                    print(
                        pad(engine, 15) + pad(operation.rawValue, 17) + pad("\(concurrency)", 8) + pad("\(Int(g))", 17)
                            + pad("\(Int(d))", 14) + pad("\(Int(r))", 16) + pad(String(format: "%.2f", r / g), 29)
                            + pad(String(format: "%.2f", d / g), 11) + pad(String(format: "%.1f", cg), 23)
                            + pad(String(format: "%.1f", cr), 11) + String(format: "%.2f", cg / cr))
                }
            }
            await setup.close()
        }
    }
}
