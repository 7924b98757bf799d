import DatabaseTestSupport
import Foundation
import Testing

@testable import SQLDriver

private struct Kinds: SQLRowDecodable, Equatable {
    var id: Int64
    var i64: Int64?
    var i32: Int32?
    var flag: Bool?
    var text: String?
    var bytes: [UInt8]?
    var at: Date?
    var uuid: UUID?
    var numbers: [Int64]?
    var texts: [String]?
    var uuids: [UUID]?

    init(
        id: Int64, i64: Int64? = nil, i32: Int32? = nil, flag: Bool? = nil, text: String? = nil,
        bytes: [UInt8]? = nil, at: Date? = nil, uuid: UUID? = nil, numbers: [Int64]? = nil, texts: [String]? = nil,
        uuids: [UUID]? = nil
    ) {
        (self.id, self.i64, self.i32, self.flag, self.text, self.bytes) = (id, i64, i32, flag, text, bytes)
        (self.at, self.uuid, self.numbers, self.texts, self.uuids) = (at, uuid, numbers, texts, uuids)
    }

    init(row: borrowing SQLRow) throws {
        id = try row.decode(at: 0)
        i64 = try row.decode(at: 1)
        i32 = try row.decode(at: 2)
        flag = try row.decode(at: 3)
        text = try row.decode(at: 4)
        bytes = try row.decode(at: 5)
        at = try row.decode(at: 6)
        uuid = try row.decode(at: 7)
        numbers = try row.decode(at: 8)
        texts = try row.decode(at: 9)
        uuids = try row.decode(at: 10)
    }

    var bindings: [SQLValue] {
        [id.sqlValue, i64.sqlValue, i32.sqlValue, flag.sqlValue, text.sqlValue, bytes.sqlValue, at.sqlValue,
         uuid.sqlValue, numbers.sqlValue, texts.sqlValue, uuids.sqlValue]
    }
}

private let insertKinds = sql(
    "INSERT INTO kinds (id, i64, i32, flag, body, raw, at, uid, numbers, texts, uids) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)"
)
private let selectKinds = sql(
    "SELECT id, i64, i32, flag, body, raw, at, uid, numbers, texts, uids FROM kinds WHERE id = $1")

private func createKinds(_ connection: any SQLConnection) async throws {
    try await ddl(
        connection,
        postgres: """
            CREATE TABLE kinds (id bigint PRIMARY KEY, i64 bigint, i32 integer, flag boolean, body text, raw bytea,
              at timestamptz, uid uuid, numbers bigint[], texts text[], uids uuid[])
            """,
        sqlite: """
            CREATE TABLE kinds (id INTEGER PRIMARY KEY, i64 INTEGER, i32 INTEGER, flag INTEGER, body TEXT, raw BLOB,
              at INTEGER, uid TEXT, numbers TEXT, texts TEXT, uids TEXT)
            """)
}

@Suite("Typed binding and decoding")
struct ValueRoundTripTests {
    @Test("every type, NULLs, Unicode and extremes come back unchanged", arguments: Engine.all)
    func everyTypeRoundTrips(engine: Engine) async throws {
        // Dates built from whole microseconds: the storage unit of both engines.
        let stamp = Timestamps.date(unixMicros: 1_763_700_000_123_456)
        let samples = [
            Kinds(id: 1),
            Kinds(
                id: 2, i64: 1 << 62, i32: Int32.max, flag: true, text: "Saldo dompet tidak mencukupi — Rp 6.500 ✓ 🚀",
                bytes: [0, 1, 2, 255, 0], at: stamp, uuid: UUID(), numbers: [1, -2, Int64.max, Int64.min],
                texts: ["a", "with \"quotes\", commas", "ünïcødé 🚀", "back\\slash\nnewline", ""], uuids: [UUID(), UUID()]),
            Kinds(
                id: 3, i64: Int64.min, i32: Int32.min, flag: false, text: "", bytes: [], at: Timestamps.date(unixMicros: -86_400_500_000),
                uuid: UUID(uuidString: "00000000-0000-0000-0000-000000000000"), numbers: [], texts: [], uuids: []),
            Kinds(id: 4, i64: Int64.max, at: Timestamps.date(unixMicros: 946_684_799_999_999)),
        ]
        try await withDatabase(engine) { pool, _ in
            try await pool.withTransaction { connection in
                try await createKinds(connection)
                for sample in samples { try await connection.execute(insertKinds, sample.bindings) }
            }
            for sample in samples {
                let stored = try await pool.withTransaction(.readOnlySnapshot) {
                    try await $0.fetchOne(selectKinds, [.int64(sample.id)], as: Kinds.self)
                }
                #expect(stored == sample)
            }
        }
    }

    @Test("a Date survives a round trip to the microsecond", arguments: Engine.all)
    func dateKeepsMicroseconds(engine: Engine) async throws {
        try await withDatabase(engine) { pool, _ in
            try await pool.withTransaction { try await createKinds($0) }
            let micros: [Int64] = [1_763_700_000_123_456, 1, -1, 946_684_800_000_001, 4_102_444_800_999_999]
            for (offset, value) in micros.enumerated() {
                let date = Timestamps.date(unixMicros: value)
                let read = try await pool.withTransaction { connection in
                    try await connection.execute(
                        sql("INSERT INTO kinds (id, at) VALUES ($1, $2)"), [.int64(Int64(offset + 10)), .timestamp(date)])
                    return try await connection.fetchOne(
                        sql("SELECT at FROM kinds WHERE id = $1"), [.int64(Int64(offset + 10))]) { try $0.decode(Date.self, at: 0) }
                }
                #expect(read.flatMap(Timestamps.unixMicros) == value)
            }
        }
    }

    @Test("a list parameter selects by membership, with one prepared statement for every length", arguments: Engine.all)
    func listParameterMatchesMembers(engine: Engine) async throws {
        try await withDatabase(engine) { pool, _ in
            let ids = (1...5).map { _ in UUID() }
            let membership = sql(
                "SELECT count(*) FROM kinds WHERE uid = ANY($1) AND body = ANY($2)",
                sqlite: "SELECT count(*) FROM kinds WHERE uid IN (SELECT value FROM json_each(?1)) AND body IN (SELECT value FROM json_each(?2))")
            try await pool.withTransaction { connection in
                try await createKinds(connection)
                for (offset, id) in ids.enumerated() {
                    try await connection.execute(
                        sql("INSERT INTO kinds (id, uid, body) VALUES ($1, $2, $3)"),
                        [.int64(Int64(offset)), .uuid(id), .text(offset.isMultiple(of: 2) ? "even \"q\"" : "odd")])
                }
            }
            let counts = try await pool.withConnection(readOnly: true) { connection in
                var counts: [Int64] = []
                for (uuids, texts) in [(ids, ["even \"q\"", "odd"]), (Array(ids.prefix(3)), ["even \"q\""]), ([], ["odd"])] {
                    let count = try await connection.fetchOne(membership, [.uuidArray(uuids), .textArray(texts)]) {
                        try $0.decode(Int64.self, at: 0)
                    }
                    counts.append(count ?? -1)
                }
                return counts
            }
            #expect(counts == [5, 2, 0])
        }
    }

    @Test("decoding is strict: NULL into a non-optional and a wrong type are errors", arguments: Engine.all)
    func strictDecoding(engine: Engine) async throws {
        try await withDatabase(engine) { pool, _ in
            try await pool.withTransaction { connection in
                try await createKinds(connection)
                try await connection.execute(sql("INSERT INTO kinds (id, body) VALUES ($1, $2)"), [.int64(1), .text("x")])
            }
            try await pool.withConnection { connection in
                let nullError = await #expect(throws: SQLError.self) {
                    _ = try await connection.fetchOne(sql("SELECT i64 FROM kinds")) { try $0.decode(Int64.self, at: 0) }
                }
                #expect(nullError?.code == .unexpectedNull)
                let typeError = await #expect(throws: SQLError.self) {
                    _ = try await connection.fetchOne(sql("SELECT body FROM kinds")) { try $0.decode(Int64.self, at: 0) }
                }
                #expect(typeError?.code == .typeMismatch)
                let many = await #expect(throws: SQLError.self) {
                    _ = try await connection.fetchOne(sql("SELECT 1 UNION ALL SELECT 2")) { try $0.decode(Int64.self, at: 0) }
                }
                #expect(many?.code == .tooManyRows)
            }
        }
    }

    @Test("PostgreSQL infinite timestamps are refused, not turned into a bogus date", arguments: Engine.postgresOnly)
    func infiniteTimestampRefused(engine: Engine) async throws {
        try await withDatabase(engine) { pool, _ in
            for literal in ["infinity", "-infinity"] {
                let error = await #expect(throws: SQLError.self) {
                    _ = try await pool.withConnection {
                        try await $0.fetchOne(sql("SELECT '\(literal)'::timestamptz")) { try $0.decode(Date.self, at: 0) }
                    }
                }
                #expect(error?.code == .typeMismatch)
            }
        }
    }

    @Test("a failed re-prepare with other parameter types leaves the statement usable", arguments: Engine.postgresOnly)
    func failedReprepareKeepsStatementUsable(engine: Engine) async throws {
        try await withDatabase(engine, readers: 0) { pool, _ in
            let plusOne = sql("SELECT $1 + 1")
            let results = try await pool.withConnection { connection in
                let first = try await connection.fetchOne(plusOne, [.int64(1)]) { try $0.decode(Int64.self, at: 0) }
                // boolean + integer has no operator: preparing this variant fails on the server.
                await #expect(throws: SQLError.self) { try await connection.execute(plusOne, [.bool(true)]) }
                let again = try await connection.fetchOne(plusOne, [.int64(2)]) { try $0.decode(Int64.self, at: 0) }
                return [first, again]
            }
            #expect(results == [2, 3])
        }
    }

    @Test("a statement is prepared once per connection and reused", arguments: Engine.all)
    func statementsAreCached(engine: Engine) async throws {
        try await withDatabase(engine, readers: 1) { pool, _ in
            let select = sql("SELECT $1::bigint + 1", sqlite: "SELECT ?1 + 1")
            let counts = try await pool.withConnection { connection in
                var results: [Int64] = []
                for value in 0..<5 {
                    results.append(try await connection.fetchOne(select, [.int64(Int64(value))]) { try $0.decode(Int64.self, at: 0) } ?? -1)
                }
                let cached =
                    (connection as? SQLiteConnection)?.cachedStatementCount
                    ?? (connection as? PostgresConnection)?.cachedStatementCount ?? -1
                return (results, cached)
            }
            #expect(counts.0 == [1, 2, 3, 4, 5])
            #expect(counts.1 == 1)
        }
    }
}
