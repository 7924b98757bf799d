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
                    for _ in 0..<rounds {
                        for variant in Variant.allCases {
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
