import SQLDriver

/// The typed query functions generated from `queries/*.sql`, bound to one connection.
///
/// Hand-written, and the only Swift file in `queries/`: a SwiftPM target needs one, and this folder is the
/// target so that adding or removing a `.sql` file re-plans the build (docs/decisions/0002-sqlgen.md).
/// The SQLGen build plugin adds one extension per query file (`users.sql` → `users.sql.swift` in the build
/// folder, never committed). Make a `Queries` from the connection a pool hands out, for a transaction or a
/// single call, and call the functions on it:
///
/// ```swift
/// try await pool.withTransaction(.readWrite) { connection in
///     let queries = Queries(connection)
///     let user = try await queries.getUser(id: id)
/// }
/// ```
public struct Queries: Sendable {
    /// The connection every function runs on; it must not outlive the pool's closure that handed it out.
    public let connection: any SQLConnection

    /// Queries on `connection`.
    public init(_ connection: any SQLConnection) {
        self.connection = connection
    }
}
