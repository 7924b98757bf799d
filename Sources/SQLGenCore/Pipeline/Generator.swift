import Foundation

/// The whole pipeline: migrations → ``Catalog``; query files → ``AnalyzedFile``s (plain data);
/// analysed files → Swift text. It reads files but writes none (``OutputWriter`` does).
public enum Generator {
    /// Where the inputs are. Display paths in diagnostics and comments are relative to `root`.
    public struct Input: Sendable {
        /// The package root; diagnostics and generated comments show paths relative to it.
        public var root: URL
        /// The folder with `postgres/` and `sqlite/` migration folders.
        public var migrations: URL
        /// The folder of `.sql` query files.
        public var queries: URL

        /// Inputs at these locations.
        public init(root: URL, migrations: URL, queries: URL) {
            self.root = root
            self.migrations = migrations
            self.queries = queries
        }
    }

    /// One Swift file to write.
    public struct Output: Sendable, Hashable {
        /// `users.sql.swift` for `queries/users.sql`.
        public let fileName: String
        /// The Swift text.
        public let contents: String

        /// An output file.
        public init(fileName: String, contents: String) {
            self.fileName = fileName
            self.contents = contents
        }
    }

    /// Every error found, in file order; the build fails if there is any.
    public struct Failure: Error, Sendable, CustomStringConvertible {
        /// The diagnostics, in file order.
        public let diagnostics: [Diagnostic]
        /// One diagnostic per line, as printed.
        public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
    }

    /// The name of the Swift file generated for a query file: sqlc's `users.sql.go` convention, which also
    /// keeps the name unique in the module.
    public static func outputName(forQueryFile name: String) -> String {
        name + ".swift"
    }

    /// The file of the tables' model structs (sqlc's `models.go`).
    public static let modelsFileName = "Models.swift"

    /// Analyses everything and returns the models file, then one output per query file in file-name order.
    public static func generate(_ input: Input) throws(Failure) -> [Output] {
        let (catalog, files) = try analyzeWithCatalog(input)
        let renderer = SwiftRenderer()
        let sharedRows = try sharedRows(files, catalog: catalog)
        return [Output(fileName: modelsFileName, contents: renderer.renderModels(catalog, sharedRows: sharedRows))]
            + files.map { Output(fileName: outputName(forQueryFile: $0.baseName + ".sql"), contents: renderer.render($0)) }
    }

    /// The file that embeds the migrations (`Migration.embedded(_:)`), when the plugin asks for it.
    public static let embeddedMigrationsFileName = "EmbeddedMigrations.swift"

    /// Both engines' migrations as Swift (`Migration.embedded(.sqlite)`), checked like the catalog's files.
    public static func embedMigrations(_ input: Input) throws(Failure) -> Output {
        do {
            let postgres = try sources(in: input.migrations.appendingPathComponent("postgres"), root: input.root)
            let sqlite = try sources(in: input.migrations.appendingPathComponent("sqlite"), root: input.root)
            return Output(fileName: embeddedMigrationsFileName, contents: try MigrationEmbedder.render(postgres: postgres, sqlite: sqlite))
        } catch {
            throw Failure(diagnostics: [error])
        }
    }

    /// Analyses everything without rendering (`sqlgen check`), shared rows checked too.
    public static func analyze(_ input: Input) throws(Failure) -> [AnalyzedFile] {
        let (catalog, files) = try analyzeWithCatalog(input)
        _ = try sharedRows(files, catalog: catalog)
        return files
    }

    /// The queries of each `-- row: Name`, in file order. Every query of a name must return the same columns
    /// (names, types, nullability, order), and the name must not be a table model's or another struct's.
    static func sharedRows(_ files: [AnalyzedFile], catalog: Catalog) throws(Failure) -> [String: [AnalyzedQuery]] {
        var rows: [String: [AnalyzedQuery]] = [:]
        var diagnostics: [Diagnostic] = []
        let queries = files.flatMap(\.queries)
        let taken = Set(catalog.tables.keys.map(SwiftNames.model)).union(
            queries.flatMap { [SwiftNames.type($0.name) + "Row", SwiftNames.type($0.name) + "Params"] })
        for query in queries {
            guard let name = query.sharedRow else { continue }
            if taken.contains(name) {
                diagnostics.append(
                    Diagnostic(file: query.file, line: query.line, column: 1, message: "row name \(name) is already a generated type"))
                continue
            }
            if let first = rows[name]?.first, first.columns != query.columns {
                diagnostics.append(
                    Diagnostic(
                        file: query.file, line: query.line, column: 1,
                        message: "query \(query.name) shares row \(name) with \(first.name) (\(first.file):\(first.line)) but returns other columns"))
                continue
            }
            rows[name, default: []].append(query)
        }
        if !diagnostics.isEmpty { throw Failure(diagnostics: diagnostics) }
        return rows
    }

    /// The catalog the migrations build, and every query file analysed against it.
    static func analyzeWithCatalog(_ input: Input) throws(Failure) -> (catalog: Catalog, files: [AnalyzedFile]) {
        let catalog: Catalog
        do {
            catalog = try CatalogBuilder.build(
                postgres: try sources(in: input.migrations.appendingPathComponent("postgres"), root: input.root),
                sqlite: try sources(in: input.migrations.appendingPathComponent("sqlite"), root: input.root))
        } catch {
            throw Failure(diagnostics: [error])
        }
        var diagnostics: [Diagnostic] = []
        var files: [AnalyzedFile] = []
        var names: [String: (file: String, line: Int)] = [:]
        let queryFiles: [SourceFile]
        do { queryFiles = try sources(in: input.queries, root: input.root) } catch { throw Failure(diagnostics: [error]) }
        for file in queryFiles {
            let blocks: [QueryBlock]
            do { blocks = try QueryFileReader.read(file) } catch {
                diagnostics.append(error)
                continue
            }
            var queries: [AnalyzedQuery] = []
            for block in blocks {
                if let first = names[block.name] {
                    diagnostics.append(file.diagnostic(at: block.nameOffset, "duplicate query name \(block.name) (first defined at \(first.file):\(first.line))"))
                    continue
                }
                names[block.name] = (file.displayPath, block.line)
                do { queries.append(try Analyzer.analyze(block, catalog: catalog)) } catch { diagnostics.append(error) }
            }
            let baseName = String(file.displayPath.split(separator: "/").last!.dropLast(4))
            files.append(AnalyzedFile(sourcePath: file.displayPath, baseName: baseName, queries: queries))
        }
        if !diagnostics.isEmpty { throw Failure(diagnostics: diagnostics) }
        return (catalog, files)
    }

    /// The `.sql` files of a folder, sorted by name so that output never depends on directory order.
    static func sources(in directory: URL, root: URL) throws(Diagnostic) -> [SourceFile] {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".sql") }.sorted()
        } catch {
            throw Diagnostic(file: displayPath(directory, root: root), line: 1, column: 1, message: "cannot read the folder: \(error.localizedDescription)")
        }
        var files: [SourceFile] = []
        for name in names {
            let url = directory.appendingPathComponent(name)
            guard let data = FileManager.default.contents(atPath: url.path), let text = String(data: data, encoding: .utf8) else {
                throw Diagnostic(file: displayPath(url, root: root), line: 1, column: 1, message: "cannot read the file as UTF-8")
            }
            files.append(SourceFile(displayPath: displayPath(url, root: root), text: text))
        }
        return files
    }

    /// `path` relative to `root` when it is inside it.
    static func displayPath(_ url: URL, root: URL) -> String {
        let path = url.standardizedFileURL.path
        let base = root.standardizedFileURL.path
        let prefix = base.hasSuffix("/") ? base : base + "/"
        return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path
    }
}
