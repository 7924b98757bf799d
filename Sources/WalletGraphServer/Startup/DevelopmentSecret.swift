import Foundation

/// The development JWT secret: 48 random bytes (base64, 64 characters), generated once into a file readable by
/// its owner only (0600) and reused on every restart, so tokens survive a restart without configuration.
enum DevelopmentSecret {
    /// The secret in `path`, created when the file does not exist yet.
    static func loadOrCreate(at path: String) throws -> String {
        if let existing = try? String(contentsOfFile: path, encoding: .utf8) {
            let secret = existing.trimmingCharacters(in: .whitespacesAndNewlines)
            guard secret.utf8.count >= 32 else {
                throw ConfigurationError("\(path) holds a JWT secret shorter than 32 bytes: delete it to generate a new one")
            }
            return secret
        }
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<48).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        let secret = Data(bytes).base64EncodedString()
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        // O_EXCL: when two processes start at once, one creates the file and the other reads it.
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard descriptor >= 0 else {
            if errno == EEXIST { return try loadOrCreate(at: path) }
            throw ConfigurationError("cannot create \(path): \(String(cString: strerror(errno)))")
        }
        defer { close(descriptor) }
        let line = Array((secret + "\n").utf8)
        let written = line.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        guard written == line.count else {
            throw ConfigurationError("cannot write \(path): \(String(cString: strerror(errno)))")
        }
        return secret
    }
}
