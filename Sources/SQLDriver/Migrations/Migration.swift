import Foundation

/// One numbered migration file for one engine.
public struct Migration: Sendable, Hashable {
    /// The number in the file name, `NNNN_name.sql`.
    public let version: Int64
    /// The name part of the file name.
    public let name: String
    /// The file's text.
    public let sql: String
    /// Where it came from, for diagnostics (e.g. `migrations/sqlite/0001_core.sql`).
    public let source: String

    public init(version: Int64, name: String, sql: String, source: String) {
        self.version = version
        self.name = name
        self.sql = sql
        self.source = source
    }

    /// SHA-256 of the file's bytes, in hex: an applied migration whose file changes is refused.
    public var checksum: String { SHA256.hex(sql.utf8) }

    /// Loads `directory/<dialect>/NNNN_name.sql`, sorted by version.
    ///
    /// Files that are not `.sql` are ignored; a `.sql` file with a malformed name, or two files with one
    /// version, is ``SQLError/Code/migrationInvalid``.
    public static func load(from directory: URL, dialect: SQLDialect) throws -> [Migration] {
        let folder = directory.appendingPathComponent(dialect.rawValue, isDirectory: true)
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        } catch {
            throw SQLError(.migrationInvalid, detail: "cannot read \(folder.path)")
        }
        var migrations: [Migration] = []
        for file in names.sorted() where file.hasSuffix(".sql") {
            let stem = file.dropLast(4)
            let parts = stem.split(separator: "_", maxSplits: 1)
            guard parts.count == 2, parts[0].allSatisfy(\.isNumber), let version = Int64(parts[0]), !parts[1].isEmpty
            else {
                throw SQLError(.migrationInvalid, detail: "\(folder.path)/\(file): name must be NNNN_name.sql")
            }
            let url = folder.appendingPathComponent(file)
            guard let data = FileManager.default.contents(atPath: url.path),
                let text = String(data: data, encoding: .utf8)
            else { throw SQLError(.migrationInvalid, detail: "\(url.path): unreadable or not UTF-8") }
            migrations.append(
                Migration(
                    version: version, name: String(parts[1]), sql: text,
                    source: "migrations/\(dialect.rawValue)/\(file)"))
        }
        migrations.sort { $0.version < $1.version }
        for (previous, next) in zip(migrations, migrations.dropFirst()) where previous.version == next.version {
            throw SQLError(
                .migrationInvalid, detail: "\(previous.source) and \(next.source) share version \(next.version)")
        }
        return migrations
    }
}
