import SQLDriver

/// Query shapes the generator must handle, written against the product's real schema (`migrations/`) but called
/// by no product code: they live here, beside the tests that run them on both engines, so that `queries/` holds
/// only what the product calls. The SQLGen build plugin compiles them exactly as it compiles `queries/`, so a
/// shape the generator gets wrong fails this target's build or `SQLGenFixtureQueriesTests`.
///
/// Hand-written, and the only Swift file here: a SwiftPM target needs one. The product's functions are in
/// `WalletGraphQueries.Queries`; tests that need both name each by its module.
public struct Queries: Sendable {
    /// The connection every function runs on.
    public let connection: any SQLConnection

    /// Queries on `connection`.
    public init(_ connection: any SQLConnection) {
        self.connection = connection
    }
}
