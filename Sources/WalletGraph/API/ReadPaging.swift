import Foundation
import GraphQLCore

/// A keyset position in a connection: the (created_at, id) of a row. Opaque to clients: base64url of
/// `<unix microseconds>:<uuid>`. Rows are never deleted and their keys never change, so a cursor stays valid,
/// and pages stay free of duplicates and gaps, whatever is inserted meanwhile.
struct PageCursor: Sendable, Hashable {
    let createdAt: Date
    let id: UUID

    /// The cursor of a row (its time is taken at the microsecond, as both engines store it).
    init(createdAt: Date, id: UUID) {
        self.createdAt = Self.date(micros: Self.micros(createdAt))
        self.id = id
    }

    var encoded: String {
        let text = "\(Self.micros(createdAt)):\(id.uuidString.lowercased())"
        return Data(text.utf8).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// The cursor `text` encodes, or nil when it is not one this API issued.
    static func decode(_ text: String) -> PageCursor? {
        guard text.count <= 96, let bytes = GlobalID.base64URLDecode(text),
            let plain = String(bytes: bytes, encoding: .utf8)
        else { return nil }
        let parts = plain.split(separator: ":", omittingEmptySubsequences: false)
        // A time outside the sentinels is not one a row can have, and converting it could overflow: refused
        // before any arithmetic.
        guard parts.count == 2, let micros = Int64(parts[0]), validMicros.contains(micros),
            let id = UUID(uuidString: String(parts[1]))
        else { return nil }
        let cursor = PageCursor(createdAt: date(micros: micros), id: id)
        // Canonical form only, as for ids.
        return cursor.encoded == text ? cursor : nil
    }

    /// Sentinels beyond every stored row (both engines store these times: PostgreSQL's timestamptz spans 4713 BC to
    /// 294276 AD, SQLite's integer microseconds ±292,000 years).
    static let farFuture = PageCursor(
        createdAt: Date(timeIntervalSince1970: 253_402_300_799),  // 9999-12-31T23:59:59Z
        id: UUID(uuid: (255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255)))
    static let farPast = PageCursor(
        createdAt: Date(timeIntervalSince1970: -62_135_596_800),  // 0001-01-01T00:00:00Z
        id: UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)))

    /// The times a cursor may carry: those of the sentinels and everything between.
    private static let validMicros = micros(farPast.createdAt)...micros(farFuture.createdAt)

    // Microseconds as the SQL driver counts them: from Foundation's reference date, so that rounding matches.
    private static let referenceMicros: Int64 = 978_307_200 * 1_000_000

    private static func micros(_ date: Date) -> Int64 {
        Int64((date.timeIntervalSinceReferenceDate * 1_000_000).rounded()) + referenceMicros
    }

    private static func date(micros: Int64) -> Date {
        Date(timeIntervalSinceReferenceDate: Double(micros - referenceMicros) / 1_000_000)
    }
}

/// The Relay arguments of one connection field (`first`, `after`, `last`, `before`), checked.
///
/// `first` (default 20) reads newest first from `after`; `last` reads backward from `before`. Both bounds apply
/// when both cursors are given. `first` and `last` together, a count outside 0…100, or a cursor this API did not
/// issue are BAD_USER_INPUT.
struct PageRequest: Sendable, Hashable {
    static let defaultSize = 20
    static let maximumSize = 100

    let size: Int
    /// True for `last`: rows are read oldest first from `before` and then reversed.
    let backward: Bool
    let after: PageCursor?
    let before: PageCursor?

    init(_ arguments: Arguments, language: MessageLanguage) throws {
        let first = arguments.int("first")
        let last = arguments.int("last")
        if first != nil, last != nil {
            throw Self.badInput(
                language, english: "Give `first` or `last`, not both.",
                indonesian: "Berikan `first` atau `last`, jangan keduanya.")
        }
        for (name, value) in [("first", first), ("last", last)] {
            if let value, !(0...Self.maximumSize).contains(value) {
                throw Self.badInput(
                    language, english: "`\(name)` must be between 0 and \(Self.maximumSize); got \(value).",
                    indonesian: "`\(name)` harus antara 0 dan \(Self.maximumSize); diterima \(value).", argument: name)
            }
        }
        size = first ?? last ?? Self.defaultSize
        backward = last != nil
        after = try Self.cursor(arguments, "after", language: language)
        before = try Self.cursor(arguments, "before", language: language)
    }

    /// The keyset bounds of the page queries (reads.sql): the rows strictly between `lower` and `upper`. A missing
    /// cursor is a sentinel beyond every stored row, so that both bounds are always plain range conditions.
    var bounds: (upper: PageCursor, lower: PageCursor) {
        (after ?? .farFuture, before ?? .farPast)
    }

    /// The rows to ask for: one more than the page, to learn whether more follow.
    var fetchLimit: Int64 { Int64(size) + 1 }

    /// Trims rows read in query order (newest first, or oldest first when backward) to the page, newest first,
    /// and works out the page info. Going forward, `hasPreviousPage` is whether `after` was given (rows are never
    /// deleted, so the row at the cursor still precedes the page); going backward, `hasNextPage` is whether
    /// `before` was given. The other flag comes from the extra row.
    func page<Row>(_ rows: [Row], cursor: (Row) -> PageCursor) -> (rows: [Row], info: PageInfoSource) {
        let more = rows.count > size
        var kept = Array(rows.prefix(size))
        if backward { kept.reverse() }
        let info = PageInfoSource(
            hasNextPage: backward ? before != nil : more,
            hasPreviousPage: backward ? more : after != nil,
            startCursor: kept.first.map { cursor($0).encoded },
            endCursor: kept.last.map { cursor($0).encoded })
        return (kept, info)
    }

    private static func cursor(_ arguments: Arguments, _ name: String, language: MessageLanguage) throws -> PageCursor? {
        guard let text = arguments.string(name) else { return nil }
        guard let cursor = PageCursor.decode(text) else {
            throw badInput(
                language, english: "`\(name)` is not a valid cursor; use a cursor from this connection.",
                indonesian: "`\(name)` bukan kursor yang valid; gunakan kursor dari koneksi ini.", argument: name)
        }
        return cursor
    }

    /// BAD_USER_INPUT with the message in `language`; `argument` names the argument at fault in
    /// `extensions.argument`.
    static func badInput(
        _ language: MessageLanguage, english: String, indonesian: String, argument: String? = nil
    ) -> APIError {
        APIError(
            .badUserInput, language: language, message: language == .indonesian ? indonesian : english,
            extensions: argument.map { ["argument": $0] } ?? [:])
    }
}

/// `pageInfo` of a connection.
struct PageInfoSource: Sendable, Hashable {
    let hasNextPage: Bool
    let hasPreviousPage: Bool
    let startCursor: String?
    let endCursor: String?

    static let empty = PageInfoSource(hasNextPage: false, hasPreviousPage: false, startCursor: nil, endCursor: nil)
}
