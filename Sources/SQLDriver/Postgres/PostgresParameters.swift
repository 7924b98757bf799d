import Foundation

/// Parameters encoded in PostgreSQL's binary format, in one buffer.
struct PostgresParameters {
    private var buffer: [UInt8] = []
    private var offsets: [Int] = []
    private var lengths: [Int32] = []

    mutating func append(_ value: SQLValue) throws {
        let start = buffer.count
        switch value {
        case .null:
            offsets.append(-1)
            lengths.append(0)
            return
        case .int64(let number): appendBigEndian(number)
        case .int32(let number): appendBigEndian(number)
        case .bool(let flag): buffer.append(flag ? 1 : 0)
        case .text(let text): buffer.append(contentsOf: text.utf8)
        case .bytes(let bytes): buffer.append(contentsOf: bytes)
        case .timestamp(let date): appendBigEndian(try Self.postgresMicros(date))
        case .uuid(let uuid): appendUUID(uuid)
        case .int64Array(let numbers):
            appendArrayHeader(count: numbers.count, elementOID: 20)
            for number in numbers {
                appendBigEndian(Int32(8))
                appendBigEndian(number)
            }
        case .textArray(let texts):
            appendArrayHeader(count: texts.count, elementOID: 25)
            for text in texts {
                appendBigEndian(Int32(text.utf8.count))
                buffer.append(contentsOf: text.utf8)
            }
        case .uuidArray(let uuids):
            appendArrayHeader(count: uuids.count, elementOID: 2950)
            for uuid in uuids {
                appendBigEndian(Int32(16))
                appendUUID(uuid)
            }
        }
        offsets.append(start)
        lengths.append(Int32(buffer.count - start))
    }

    /// Calls `body` with libpq's parallel arrays: value pointers (nil for NULL), lengths, formats (binary).
    func withPointers<R>(
        _ body: (UnsafePointer<UnsafePointer<CChar>?>?, UnsafePointer<Int32>?, UnsafePointer<Int32>?) -> R
    ) -> R {
        let formats = [Int32](repeating: 1, count: offsets.count)
        // One spare byte keeps the base address non-nil, so an empty value is not mistaken for NULL.
        let storage = buffer + [0]
        return storage.withUnsafeBufferPointer { bytes in
            let base = UnsafeRawPointer(bytes.baseAddress!).assumingMemoryBound(to: CChar.self)
            let pointers: [UnsafePointer<CChar>?] = offsets.map { $0 < 0 ? nil : base + $0 }
            return pointers.withUnsafeBufferPointer { values in
                lengths.withUnsafeBufferPointer { lengthBuffer in
                    formats.withUnsafeBufferPointer { formatBuffer in
                        body(values.baseAddress, lengthBuffer.baseAddress, formatBuffer.baseAddress)
                    }
                }
            }
        }
    }

    static func postgresMicros(_ date: Date) throws -> Int64 {
        guard let micros = Timestamps.unixMicros(date) else {
            throw SQLError(.typeMismatch, detail: "timestamp out of range")
        }
        return micros - Timestamps.unixToPostgresMicros
    }

    private mutating func appendBigEndian<T: FixedWidthInteger>(_ value: T) {
        withUnsafeBytes(of: value.bigEndian) { buffer.append(contentsOf: $0) }
    }

    private mutating func appendUUID(_ uuid: UUID) {
        withUnsafeBytes(of: uuid.uuid) { buffer.append(contentsOf: $0) }
    }

    /// One-dimensional array header: ndim, has-null flag, element type, then length and lower bound.
    private mutating func appendArrayHeader(count: Int, elementOID: UInt32) {
        appendBigEndian(Int32(count == 0 ? 0 : 1))
        appendBigEndian(Int32(0))
        appendBigEndian(elementOID)
        if count > 0 {
            appendBigEndian(Int32(count))
            appendBigEndian(Int32(1))
        }
    }
}
