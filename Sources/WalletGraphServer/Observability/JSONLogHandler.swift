import Foundation
import GraphQLCore
import Logging
import Synchronization

/// One JSON object per line on standard error (`LOG_FORMAT=json`): `timestamp` (UTC, milliseconds), `level`,
/// `message`, `logger` (the label), then the metadata as string fields. Metadata named like a secret
/// (``redactedKeys``) is written as `[redacted]`, so a careless log call cannot leak a password or token.
public struct JSONLogHandler: LogHandler {
    public var metadata: Logger.Metadata = [:]
    public var logLevel: Logger.Level = .info
    public var metadataProvider: Logger.MetadataProvider?
    let label: String
    let write: @Sendable (String) -> Void

    /// Keys whose values are never written: passwords, tokens, NIKs and account numbers.
    static let redactedKeys: Set<String> = [
        "password", "current_password", "new_password", "token", "authorization", "jwt", "secret", "nik",
        "account_number", "accountnumber",
    ]

    public init(label: String, write: @escaping @Sendable (String) -> Void = JSONLogHandler.standardError) {
        self.label = label
        self.write = write
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    /// Writes one line; the source location is left out on purpose.
    public func log(event: LogEvent) {
        let level = event.level
        let message = event.message
        let explicit = event.metadata
        var fields = metadata
        if let provided = metadataProvider?.get() { fields.merge(provided) { _, new in new } }
        if let explicit { fields.merge(explicit) { _, new in new } }
        var json = JSONWriter(capacity: 512)
        json.writeASCII("{\"timestamp\":")
        json.writeString(Self.timestamp())
        json.writeASCII(",\"level\":")
        json.writeString(level.rawValue)
        json.writeASCII(",\"message\":")
        json.writeString(message.description)
        json.writeASCII(",\"logger\":")
        json.writeString(label)
        for key in fields.keys.sorted() where !["timestamp", "level", "message", "logger"].contains(key) {
            json.writeByte(UInt8(ascii: ","))
            json.writeString(key)
            json.writeByte(UInt8(ascii: ":"))
            json.writeString(Self.redactedKeys.contains(key.lowercased()) ? "[redacted]" : Self.flatten(fields[key]!))
        }
        json.writeASCII("}\n")
        write(json.string)
    }

    static func flatten(_ value: Logger.Metadata.Value) -> String {
        switch value {
        case .string(let text): text
        case .stringConvertible(let value): value.description
        case .array(let items): "[" + items.map(flatten).joined(separator: ",") + "]"
        case .dictionary(let entries):
            "{" + entries.keys.sorted().map { "\($0)=\(redactedKeys.contains($0.lowercased()) ? "[redacted]" : flatten(entries[$0]!))" }
                .joined(separator: ",") + "}"
        }
    }

    static func timestamp() -> String {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        var seconds = time_t(now.tv_sec)
        var parts = tm()
        gmtime_r(&seconds, &parts)
        return String(
            format: "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", parts.tm_year + 1900, parts.tm_mon + 1, parts.tm_mday,
            parts.tm_hour, parts.tm_min, parts.tm_sec, Int(now.tv_nsec / 1_000_000))
    }

    private static let lock = Mutex(())

    /// Writes whole lines to standard error, one writer at a time.
    public static let standardError: @Sendable (String) -> Void = { line in
        lock.withLock { _ in
            var bytes = Array(line.utf8)
            bytes.withUnsafeMutableBytes { buffer in
                var offset = 0
                while offset < buffer.count {
                    let written = Foundation.write(2, buffer.baseAddress! + offset, buffer.count - offset)
                    if written <= 0 { break }
                    offset += written
                }
            }
        }
    }
}
