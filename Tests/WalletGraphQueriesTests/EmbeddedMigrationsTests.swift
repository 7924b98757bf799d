import Foundation
import SQLDriver
import Testing
import WalletGraphQueries

@Suite("Embedded migrations")
struct EmbeddedMigrationsTests {
    @Test("Migration.embedded(_:) holds exactly the files of migrations/, byte for byte", arguments: SQLDialect.allCases)
    func embeddedMatchFiles(dialect: SQLDialect) throws {
        let files = try Migration.load(from: migrationsFolder, dialect: dialect)
        let embedded = Migration.embedded(dialect)
        #expect(!embedded.isEmpty)
        #expect(embedded == files)
        #expect(embedded.map(\.checksum) == files.map(\.checksum))
    }
}
