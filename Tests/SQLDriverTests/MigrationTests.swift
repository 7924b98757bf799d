import DatabaseTestSupport
import Foundation
import Testing

@testable import SQLDriver

/// A throwaway migrations folder with one subfolder per engine.
private struct MigrationFolder {
    let root: URL

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("walletgraph-migrations-\(UUID().uuidString)")
        for dialect in SQLDialect.allCases {
            try FileManager.default.createDirectory(
                at: root.appendingPathComponent(dialect.rawValue), withIntermediateDirectories: true)
        }
    }

    func write(_ file: String, _ text: String, for dialect: SQLDialect) throws {
        try text.write(to: root.appendingPathComponent(dialect.rawValue).appendingPathComponent(file), atomically: true, encoding: .utf8)
    }

    func load(_ dialect: SQLDialect) throws -> [Migration] { try Migration.load(from: root, dialect: dialect) }

    func remove() { try? FileManager.default.removeItem(at: root) }
}

private func standardMigrations(_ folder: MigrationFolder, _ dialect: SQLDialect) throws {
    switch dialect {
    case .postgres:
        try folder.write("0001_notes.sql", """
            -- a comment; with a semicolon
            CREATE TABLE notes (id bigint PRIMARY KEY, body text NOT NULL, edits bigint NOT NULL);
            CREATE FUNCTION notes_guard() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              IF NEW.body = '' THEN RAISE EXCEPTION 'notes need a body; empty given'; END IF;
              RETURN NEW;
            END;
            $$;
            CREATE TRIGGER notes_guard BEFORE INSERT ON notes FOR EACH ROW EXECUTE FUNCTION notes_guard();
            """, for: dialect)
    case .sqlite:
        try folder.write("0001_notes.sql", """
            -- a comment; with a semicolon
            CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL, edits INTEGER NOT NULL);
            CREATE TRIGGER notes_guard BEFORE INSERT ON notes FOR EACH ROW
            WHEN NEW.body = ''
            BEGIN
              SELECT CASE WHEN 1 THEN RAISE(ABORT, 'notes need a body; empty given') END;
              SELECT 1;
            END;
            """, for: dialect)
    }
    try folder.write("0002_tags.sql", "CREATE TABLE tags (name text PRIMARY KEY);\nINSERT INTO tags VALUES ('a;b');\n", for: dialect)
}

@Suite("Migrations")
struct MigrationTests {
    @Test("migrations apply once, in order, and record their checksums", arguments: Engine.all)
    func appliedOnce(engine: Engine) async throws {
        let folder = try MigrationFolder()
        defer { folder.remove() }
        try standardMigrations(folder, engine.dialect)
        try await withDatabase(engine) { pool, _ in
            let runner = MigrationRunner(pool: pool, migrations: try folder.load(engine.dialect))
            #expect(try await runner.isCurrent() == false)
            #expect(try await runner.migrate() == [1, 2])
            #expect(try await runner.migrate() == [])
            #expect(try await runner.isCurrent())
            let applied = try await runner.applied()
            #expect(applied.map(\.version) == [1, 2])
            #expect(applied.map(\.checksum) == (try folder.load(engine.dialect)).map(\.checksum))
            // The trigger made it through the splitter intact: its body's semicolons did not cut it.
            let error = await #expect(throws: SQLError.self) {
                try await pool.withTransaction {
                    try await $0.execute(sql("INSERT INTO notes (id, body, edits) VALUES ($1, $2, $3)"), [.int64(1), .text(""), .int64(0)])
                }
            }
            #expect(error?.code == .raisedException)
            #expect(error?.engineMessage?.contains("notes need a body; empty given") == true)
            // The message may quote row values, so it is kept out of the loggable description.
            #expect(error?.description.contains("notes need a body") == false)
            let tag = try await pool.withConnection { try await $0.fetchOne(sql("SELECT name FROM tags")) { try $0.decode(String.self, at: 0) } }
            #expect(tag == "a;b")
        }
    }

    @Test("an applied migration whose file changed is refused", arguments: Engine.all)
    func checksumTamperRefused(engine: Engine) async throws {
        let folder = try MigrationFolder()
        defer { folder.remove() }
        try standardMigrations(folder, engine.dialect)
        try await withDatabase(engine) { pool, _ in
            try await MigrationRunner(pool: pool, migrations: try folder.load(engine.dialect)).migrate()
            try folder.write("0002_tags.sql", "CREATE TABLE tags (name text PRIMARY KEY);\n", for: engine.dialect)
            try folder.write("0003_more.sql", "CREATE TABLE more (x bigint);\n", for: engine.dialect)
            let runner = MigrationRunner(pool: pool, migrations: try folder.load(engine.dialect))
            let error = await #expect(throws: SQLError.self) { try await runner.migrate() }
            #expect(error?.code == .migrationChecksumMismatch)
            #expect(error?.detail?.contains("0002_tags.sql") == true)
            await #expect(throws: SQLError.self) { _ = try await runner.isCurrent() }
            // Nothing after the refusal was applied.
            let tables = try await pool.withConnection {
                try await $0.fetchOne(sql("SELECT count(*) FROM schema_migrations")) { try $0.decode(Int64.self, at: 0) }
            }
            #expect(tables == 2)
        }
    }

    @Test("a database with a migration this build lacks is refused", arguments: Engine.all)
    func unknownMigrationRefused(engine: Engine) async throws {
        let folder = try MigrationFolder()
        defer { folder.remove() }
        try standardMigrations(folder, engine.dialect)
        try await withDatabase(engine) { pool, _ in
            try await MigrationRunner(pool: pool, migrations: try folder.load(engine.dialect)).migrate()
            let older = try folder.load(engine.dialect).filter { $0.version == 1 }
            let error = await #expect(throws: SQLError.self) { try await MigrationRunner(pool: pool, migrations: older).migrate() }
            #expect(error?.code == .migrationUnknown)
        }
    }

    @Test("a failing migration leaves no trace and names its file and line", arguments: Engine.all)
    func failingMigrationRollsBack(engine: Engine) async throws {
        let folder = try MigrationFolder()
        defer { folder.remove() }
        try standardMigrations(folder, engine.dialect)
        try folder.write("0003_broken.sql", "CREATE TABLE half (x bigint);\n\nCREATE TABLE broken (x no_such_type_at_all;\n", for: engine.dialect)
        try await withDatabase(engine) { pool, _ in
            let runner = MigrationRunner(pool: pool, migrations: try folder.load(engine.dialect))
            let error = await #expect(throws: SQLError.self) { try await runner.migrate() }
            #expect(error?.code == .migrationFailed)
            #expect(error?.detail?.hasPrefix("migrations/\(engine.dialect.rawValue)/0003_broken.sql:3:") == true)
            let applied = try await runner.applied().map(\.version)
            #expect(applied == [1, 2])
            let half = await #expect(throws: SQLError.self) {
                try await pool.withConnection { try await $0.execute(sql("SELECT x FROM half"), []) }
            }
            #expect(half?.code == .invalidStatement)
        }
    }

    @Test("two concurrent migrators apply each migration exactly once", arguments: Engine.all)
    func concurrentMigrators(engine: Engine) async throws {
        let folder = try MigrationFolder()
        defer { folder.remove() }
        try standardMigrations(folder, engine.dialect)
        let database = try await TestDatabase.make(engine)
        // Two pools on one database stand for two processes starting at once.
        let pools = [try await database.pool(), try await database.pool()]
        let migrations = try folder.load(engine.dialect)
        async let first = MigrationRunner(pool: pools[0], migrations: migrations).migrate()
        async let second = MigrationRunner(pool: pools[1], migrations: migrations).migrate()
        let applied = try await first + second
        #expect(applied.sorted() == [1, 2])
        #expect(try await MigrationRunner(pool: pools[0], migrations: migrations).applied().map(\.version) == [1, 2])
        for pool in pools { await pool.close() }
        await database.drop()
    }

    @Test("malformed migration file names and duplicate versions are rejected")
    func malformedNamesRejected() throws {
        let folder = try MigrationFolder()
        defer { folder.remove() }
        try folder.write("0001_a.sql", "SELECT 1;", for: .sqlite)
        try folder.write("1_b.sql", "SELECT 1;", for: .sqlite)
        #expect(throws: SQLError.self) { try folder.load(.sqlite) }
        try folder.write("notes.sql", "SELECT 1;", for: .postgres)
        #expect(throws: SQLError.self) { try folder.load(.postgres) }
    }

    @Test("the repository's migrations apply on every engine, and both engines have the same files", arguments: Engine.all)
    func repositoryMigrationsApply(engine: Engine) async throws {
        let folders = try repositoryMigrations(engine)
        let mine = folders.mine
        #expect(!mine.isEmpty)
        #expect(mine.map { "\($0.version)_\($0.name)" } == folders.other.map { "\($0.version)_\($0.name)" })
        try await withDatabase(engine) { pool, _ in
            let runner = MigrationRunner(pool: pool, migrations: mine)
            let applied = try await runner.migrate()
            let current = try await runner.isCurrent()
            #expect(applied == mine.map(\.version))
            #expect(current)
        }
    }

    private func repositoryMigrations(_ engine: Engine) throws -> (mine: [Migration], other: [Migration]) {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("migrations")
        let mine = try Migration.load(from: root, dialect: engine.dialect)
        let other = try Migration.load(from: root, dialect: engine == .sqlite ? .postgres : .sqlite)
        return (mine, other)
    }
}
