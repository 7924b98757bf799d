import Foundation

/// Writes generated files into a folder, touching only those whose bytes change (so that the compiler and
/// the build system see unchanged files as unchanged), and removing stale `*.sql.swift` files.
public enum OutputWriter {
    /// Writes `outputs` into `directory` and returns the names of the files it rewrote.
    @discardableResult
    public static func write(_ outputs: [Generator.Output], to directory: URL) throws -> [String] {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        var written: [String] = []
        for output in outputs {
            let url = directory.appendingPathComponent(output.fileName)
            let data = Data(output.contents.utf8)
            if FileManager.default.contents(atPath: url.path) == data { continue }
            try data.write(to: url, options: .atomic)
            written.append(output.fileName)
        }
        let keep = Set(outputs.map(\.fileName))
        // Only per-query-file outputs can go stale; other files (EmbeddedMigrations.swift) are always written.
        for name in try FileManager.default.contentsOfDirectory(atPath: directory.path)
        where name.hasSuffix(".sql.swift") && !keep.contains(name) {
            try FileManager.default.removeItem(at: directory.appendingPathComponent(name))
        }
        return written
    }
}
