import Foundation
import SQLGenCore
import Testing

@Suite("OutputWriter")
struct OutputWriterTests {
    @Test("a file whose bytes do not change is not rewritten, and a stale .sql.swift file is removed")
    func writesOnlyChanges() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sqlgen-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let first = try OutputWriter.write(
            [.init(fileName: "a.sql.swift", contents: "// a\n"), .init(fileName: "b.sql.swift", contents: "// b\n")], to: folder)
        #expect(first == ["a.sql.swift", "b.sql.swift"])
        let modified = try FileManager.default.attributesOfItem(atPath: folder.appendingPathComponent("a.sql.swift").path)[.modificationDate]
        let second = try OutputWriter.write([.init(fileName: "a.sql.swift", contents: "// a\n")], to: folder)
        #expect(second.isEmpty)
        let after = try FileManager.default.attributesOfItem(atPath: folder.appendingPathComponent("a.sql.swift").path)[.modificationDate]
        #expect(modified as? Date == after as? Date)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["a.sql.swift"])
    }
}
