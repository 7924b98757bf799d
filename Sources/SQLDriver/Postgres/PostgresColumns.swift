import CLibPQ
import Foundation

/// Strict readers for binary-format columns of a libpq result.
enum PostgresColumns {
    private struct Cell {
        let bytes: UnsafeRawBufferPointer
        let oid: UInt32
    }

    static func count(_ result: OpaquePointer) -> Int { Int(PQnfields(result)) }

    static func name(_ result: OpaquePointer, _ index: Int) -> String {
        PQfname(result, Int32(index)).map { String(cString: $0) } ?? ""
    }

    static func isNull(_ result: OpaquePointer, _ row: Int32, _ index: Int) -> Bool {
        PQgetisnull(result, row, Int32(index)) == 1
    }

    private static func cell(_ result: OpaquePointer, _ row: Int32, _ index: Int) throws -> Cell {
        guard index >= 0, index < count(result) else {
            throw SQLError(.invalidStatement, detail: "column \(index) out of range")
        }
        let column = Int32(index)
        if PQgetisnull(result, row, column) == 1 { throw SQLError(.unexpectedNull, detail: "column \(index)") }
        let length = Int(PQgetlength(result, row, column))
        let start = UnsafeRawPointer(PQgetvalue(result, row, column))
        return Cell(bytes: UnsafeRawBufferPointer(start: start, count: length), oid: PQftype(result, column))
    }

    private static func mismatch(_ index: Int, _ oid: UInt32, _ hint: String = "") -> SQLError {
        SQLError(.typeMismatch, detail: "column \(index): PostgreSQL type \(oid)\(hint)")
    }

    private static func integer(_ bytes: UnsafeRawBufferPointer, oid: UInt32, index: Int) throws -> Int64 {
        switch (oid, bytes.count) {
        case (20, 8): return Int64(bigEndian: bytes.loadUnaligned(as: Int64.self))
        case (23, 4): return Int64(Int32(bigEndian: bytes.loadUnaligned(as: Int32.self)))
        case (21, 2): return Int64(Int16(bigEndian: bytes.loadUnaligned(as: Int16.self)))
        case (1700, _): throw mismatch(index, oid, " (numeric: cast it to bigint)")
        default: throw mismatch(index, oid)
        }
    }

    static func int64(_ result: OpaquePointer, _ row: Int32, _ index: Int) throws -> Int64 {
        let cell = try cell(result, row, index)
        return try integer(cell.bytes, oid: cell.oid, index: index)
    }

    static func bool(_ result: OpaquePointer, _ row: Int32, _ index: Int) throws -> Bool {
        let cell = try cell(result, row, index)
        guard cell.oid == 16, cell.bytes.count == 1 else { throw mismatch(index, cell.oid) }
        return cell.bytes[0] != 0
    }

    private static let textOIDs: Set<UInt32> = [25, 1043, 1042, 19, 705, 114]

    static func text(_ result: OpaquePointer, _ row: Int32, _ index: Int) throws -> String {
        let cell = try cell(result, row, index)
        guard textOIDs.contains(cell.oid) else { throw mismatch(index, cell.oid) }
        return String(decoding: cell.bytes, as: UTF8.self)
    }

    static func bytes(_ result: OpaquePointer, _ row: Int32, _ index: Int) throws -> [UInt8] {
        let cell = try cell(result, row, index)
        guard cell.oid == 17 else { throw mismatch(index, cell.oid) }
        return [UInt8](cell.bytes)
    }

    static func timestamp(_ result: OpaquePointer, _ row: Int32, _ index: Int) throws -> Date {
        let cell = try cell(result, row, index)
        guard cell.oid == 1184 || cell.oid == 1114, cell.bytes.count == 8 else { throw mismatch(index, cell.oid) }
        let micros = Int64(bigEndian: cell.bytes.loadUnaligned(as: Int64.self))
        // 'infinity' and '-infinity' are Int64.max and Int64.min: no Date stands for them.
        let (unix, overflow) = micros.addingReportingOverflow(Timestamps.unixToPostgresMicros)
        guard micros != .max, micros != .min, !overflow else {
            throw SQLError(.typeMismatch, detail: "column \(index): infinite timestamp")
        }
        return Timestamps.date(unixMicros: unix)
    }

    static func uuid(_ result: OpaquePointer, _ row: Int32, _ index: Int) throws -> UUID {
        let cell = try cell(result, row, index)
        guard cell.oid == 2950, cell.bytes.count == 16 else { throw mismatch(index, cell.oid) }
        return UUID(uuid: cell.bytes.loadUnaligned(as: uuid_t.self))
    }

    static func int64Array(_ result: OpaquePointer, _ row: Int32, _ index: Int) throws -> [Int64] {
        try array(result, row, index, elements: [20, 23, 21]) { bytes, oid in
            try integer(bytes, oid: oid, index: index)
        }
    }

    static func textArray(_ result: OpaquePointer, _ row: Int32, _ index: Int) throws -> [String] {
        try array(result, row, index, elements: textOIDs) { bytes, _ in String(decoding: bytes, as: UTF8.self) }
    }

    static func uuidArray(_ result: OpaquePointer, _ row: Int32, _ index: Int) throws -> [UUID] {
        try array(result, row, index, elements: [2950]) { bytes, oid in
            guard bytes.count == 16 else { throw mismatch(index, oid) }
            return UUID(uuid: bytes.loadUnaligned(as: uuid_t.self))
        }
    }

    /// Reads a one-dimensional binary array whose elements have one of `elements` as type.
    private static func array<T>(
        _ result: OpaquePointer, _ row: Int32, _ index: Int, elements: Set<UInt32>,
        _ element: (UnsafeRawBufferPointer, UInt32) throws -> T
    ) throws -> [T] {
        let cell = try cell(result, row, index)
        var reader = BigEndianReader(bytes: cell.bytes)
        guard let dimensions = reader.int32(), reader.int32() != nil, let rawOID = reader.int32(),
            dimensions == 0 || dimensions == 1, elements.contains(UInt32(bitPattern: rawOID))
        else { throw mismatch(index, cell.oid) }
        let oid = UInt32(bitPattern: rawOID)
        if dimensions == 0 { return [] }
        guard let count = reader.int32(), count >= 0, reader.int32() != nil else { throw mismatch(index, cell.oid) }
        var values: [T] = []
        values.reserveCapacity(Int(count))
        for _ in 0..<count {
            guard let length = reader.int32() else { throw mismatch(index, cell.oid) }
            if length < 0 { throw SQLError(.unexpectedNull, detail: "column \(index): NULL array element") }
            guard let bytes = reader.take(Int(length)) else { throw mismatch(index, cell.oid) }
            values.append(try element(bytes, oid))
        }
        return values
    }

    private struct BigEndianReader {
        let bytes: UnsafeRawBufferPointer
        var offset = 0

        mutating func int32() -> Int32? {
            guard let slice = take(4) else { return nil }
            return Int32(bigEndian: slice.loadUnaligned(as: Int32.self))
        }

        mutating func take(_ count: Int) -> UnsafeRawBufferPointer? {
            guard count >= 0, offset + count <= bytes.count else { return nil }
            defer { offset += count }
            return UnsafeRawBufferPointer(rebasing: bytes[offset..<offset + count])
        }
    }
}
