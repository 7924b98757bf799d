import Foundation

/// Time-ordered UUIDs (RFC 9562 version 7): 48 bits of Unix milliseconds, then random bits.
///
/// New rows land at the right edge of PostgreSQL's B-tree indexes instead of at random pages, and ids sort
/// roughly by creation time. Nothing relies on that order for correctness: pagination keys carry
/// `created_at` as well.
public enum UUIDv7 {
    /// A new id for the time `date`.
    public static func make(at date: Date = Date()) -> UUID {
        let seconds = date.timeIntervalSince1970
        let milliseconds = seconds.isFinite ? UInt64(min(max(0, seconds * 1000), Double(1 << 48 - 1))) : 0
        var generator = SystemRandomNumberGenerator()
        let random = (generator.next() as UInt64, generator.next() as UInt64)
        var bytes = [UInt8](repeating: 0, count: 16)
        for index in 0..<6 { bytes[index] = UInt8(truncatingIfNeeded: milliseconds >> (8 * (5 - index))) }
        for index in 6..<16 {
            let word = index < 12 ? random.0 : random.1
            bytes[index] = UInt8(truncatingIfNeeded: word >> (8 * (index % 8)))
        }
        bytes[6] = (bytes[6] & 0x0F) | 0x70  // version 7
        bytes[8] = (bytes[8] & 0x3F) | 0x80  // RFC 9562 variant
        return UUID(uuid: (
            bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7],
            bytes[8], bytes[9], bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]))
    }
}
