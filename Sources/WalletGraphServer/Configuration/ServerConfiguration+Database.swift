import Foundation
import Logging
import SQLDriver

extension ServerConfiguration {
    /// The migrations for `dialect`: from ``migrationsDirectory`` when set, else those built into the binary from
    /// `migrations/` (the files the generated queries were checked against).
    public func migrations(_ dialect: SQLDialect) throws -> [Migration] {
        guard let folder = migrationsDirectory else { return Migration.embedded(dialect) }
        return try Migration.load(from: URL(fileURLWithPath: folder), dialect: dialect)
    }

    /// Opens a pool on the configured database. For SQLite (password hashes and personal data in plain files),
    /// a missing folder is created 0700, and the database file is created 0600, or made owner-only when it
    /// exists (SQLite gives its -wal and -shm files the database file's mode).
    public func openPool(logger: Logger) async throws -> SQLPool {
        switch try database() {
        case .sqlite(let path):
            try Self.prepareSQLiteFiles(path)
            var sqlite = SQLiteConfiguration(path: path, synchronous: sqliteSynchronous)
            sqlite.admission = limits.poolAdmission
            return try await SQLPool.sqlite(sqlite, logger: logger)
        case .postgres(let url):
            var postgres = PostgresConfiguration(url: url, maxConnections: databaseMaxConnections)
            postgres.admission = limits.poolAdmission
            postgres.sessionTimeouts = limits.postgresSessionTimeouts
            return try await SQLPool.postgres(postgres, logger: logger)
        }
    }

    static func prepareSQLiteFiles(_ path: String) throws {
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
        if !FileManager.default.fileExists(atPath: folder.path) {
            try FileManager.default.createDirectory(
                at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        }
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw ConfigurationError("cannot open the SQLite database \(path): \(String(cString: strerror(errno)))")
        }
        close(descriptor)
        for file in [path, path + "-wal", path + "-shm", path + "-journal"] {
            var status = stat()
            guard lstat(file, &status) == 0, status.st_mode & S_IFMT == S_IFREG, status.st_mode & 0o077 != 0 else {
                continue
            }
            guard chmod(file, status.st_mode & 0o700) == 0 else {
                throw ConfigurationError("cannot make \(file) owner-only: \(String(cString: strerror(errno)))")
            }
        }
    }
}
