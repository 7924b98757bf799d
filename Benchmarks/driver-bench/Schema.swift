/// The benchmark's tables, the same shape on both engines: wallets with a balance and a version,
/// a transaction row and two entries per transfer.
enum BenchSchema {
    static let wallets = 10_000
    static let startingBalance: Int64 = 1_000_000_000

    static func ddl(postgres: Bool) -> [String] {
        let int = postgres ? "bigint" : "INTEGER"
        let time = postgres ? "timestamptz" : "INTEGER"
        return [
            "DROP TABLE IF EXISTS bench_entries",
            "DROP TABLE IF EXISTS bench_transactions",
            "DROP TABLE IF EXISTS bench_wallets",
            "CREATE TABLE bench_wallets (id \(int) PRIMARY KEY, balance \(int) NOT NULL, version \(int) NOT NULL)",
            "CREATE TABLE bench_transactions (id \(int) PRIMARY KEY, amount \(int) NOT NULL, created_at \(time) NOT NULL)",
            "CREATE TABLE bench_entries (id \(int) PRIMARY KEY, transaction_id \(int) NOT NULL, wallet_id \(int) NOT NULL, amount \(int) NOT NULL, balance_after \(int) NOT NULL)",
        ]
    }

    static func seed(postgres: Bool) -> String {
        postgres
            ? "INSERT INTO bench_wallets SELECT g, \(startingBalance), 0 FROM generate_series(1, \(wallets)) g"
            : "WITH RECURSIVE g(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM g WHERE n < \(wallets)) INSERT INTO bench_wallets SELECT n, \(startingBalance), 0 FROM g"
    }

    // The statements of both variants, by engine. Rows are locked in id order.
    static func pointSelect(_ pg: Bool) -> String { "SELECT id, balance, version FROM bench_wallets WHERE id = \(p(1, pg))" }
    static func lock(_ pg: Bool) -> String {
        "SELECT balance FROM bench_wallets WHERE id = \(p(1, pg))" + (pg ? " FOR UPDATE" : "")
    }
    static func update(_ pg: Bool) -> String {
        "UPDATE bench_wallets SET balance = \(p(2, pg)), version = version + 1 WHERE id = \(p(1, pg))"
    }
    static func insertTransaction(_ pg: Bool) -> String {
        "INSERT INTO bench_transactions (id, amount, created_at) VALUES (\(p(1, pg)), \(p(2, pg)), \(p(3, pg)))"
    }
    static func insertEntry(_ pg: Bool) -> String {
        "INSERT INTO bench_entries (id, transaction_id, wallet_id, amount, balance_after) VALUES (\(p(1, pg)), \(p(2, pg)), \(p(3, pg)), \(p(4, pg)), \(p(5, pg)))"
    }

    private static func p(_ n: Int, _ pg: Bool) -> String { pg ? "$\(n)" : "?\(n)" }
}
