import Foundation

/// The development JWT secret: 48 random bytes (base64, 64 characters), generated once into a file readable by
/// its owner only and reused on every restart, so tokens survive a restart without configuration.
///
/// The file is trusted only when it is a regular file (not a symlink: opened with `O_NOFOLLOW`), owned by this
/// user, and neither readable nor writable by anyone else; anything else is a ``ConfigurationError`` starting
/// "refusing jwt-secret:" (the server exits 1), never a silent repair. It is created atomically: written to a
/// temporary 0600 file in the same folder, synced, then `link()`ed into place, so a concurrent starter sees
/// either no file or the whole secret, and the loser of the race reads the winner's.
enum DevelopmentSecret {
    private enum Found {
        case secret(String)
        case missing
        case empty
    }

    /// The secret in `path`, created (with its folder, 0700) when the file does not exist yet.
    static func loadOrCreate(at path: String) throws -> String {
        let folder = (path as NSString).deletingLastPathComponent
        if !folder.isEmpty && !FileManager.default.fileExists(atPath: folder) {
            try FileManager.default.createDirectory(
                atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        }
        for _ in 0..<20 {
            switch try read(path) {
            case .secret(let secret):
                return secret
            case .missing:
                if let created = try create(path, folder: folder.isEmpty ? "." : folder) { return created }
            case .empty:
                // Not written by this code (it links complete files), but maybe by an older starter: wait a little.
                usleep(50_000)
            }
        }
        throw ConfigurationError("refusing jwt-secret: \(path) stays empty; delete it to generate a new one")
    }

    private static func refuse(_ path: String, _ reason: String) -> ConfigurationError {
        ConfigurationError("refusing jwt-secret: \(path) \(reason)")
    }

    private static func read(_ path: String) throws -> Found {
        let descriptor = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK)
        guard descriptor >= 0 else {
            let code = errno
            if code == ENOENT { return .missing }
            if code == ELOOP { throw refuse(path, "is a symbolic link") }
            throw refuse(path, "cannot be opened: \(String(cString: strerror(code)))")
        }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            throw refuse(path, "cannot be examined: \(String(cString: strerror(errno)))")
        }
        guard status.st_mode & S_IFMT == S_IFREG else { throw refuse(path, "is not a regular file") }
        guard status.st_uid == geteuid() else { throw refuse(path, "is owned by uid \(status.st_uid), not by this user") }
        guard status.st_mode & 0o077 == 0 else {
            throw refuse(
                path, "is accessible to others (mode \(String(status.st_mode & 0o777, radix: 8))): chmod 600 it, or delete it")
        }
        guard status.st_size <= 4_096 else { throw refuse(path, "is larger than 4096 bytes") }
        var bytes = [UInt8](repeating: 0, count: Int(status.st_size) + 1)
        var count = 0
        while count < bytes.count {
            let got = bytes.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress! + count, $0.count - count, off_t(count)) }
            if got < 0 && errno == EINTR { continue }
            guard got >= 0 else { throw refuse(path, "cannot be read: \(String(cString: strerror(errno)))") }
            if got == 0 { break }
            count += got
        }
        guard count > 0 else { return .empty }
        guard let text = String(validating: bytes[0..<count], as: UTF8.self) else {
            throw refuse(path, "is not UTF-8 text; delete it to generate a new one")
        }
        let secret = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard secret.utf8.count >= 32 else {
            throw refuse(path, "holds a secret shorter than 32 bytes; delete it to generate a new one")
        }
        return .secret(secret)
    }

    /// Writes a new secret and links it into place; nil when another starter's file got there first.
    private static func create(_ path: String, folder: String) throws -> String? {
        var generator = SystemRandomNumberGenerator()
        let secret = Data((0..<48).map { _ in UInt8.random(in: .min ... .max, using: &generator) }).base64EncodedString()
        let temporary = (folder as NSString).appendingPathComponent(".jwt-secret.\(UInt64.random(in: .min ... .max)).tmp")
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw refuse(path, "cannot be created: \(String(cString: strerror(errno)))") }
        defer { unlink(temporary) }
        let line = Array((secret + "\n").utf8)
        let written = line.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        let synced = fsync(descriptor) == 0
        close(descriptor)
        guard written == line.count, synced else {
            throw refuse(path, "cannot be written: \(String(cString: strerror(errno)))")
        }
        guard link(temporary, path) == 0 else {
            if errno == EEXIST { return nil }
            throw refuse(path, "cannot be created: \(String(cString: strerror(errno)))")
        }
        let directory = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if directory >= 0 {
            fsync(directory)
            close(directory)
        }
        return secret
    }
}
