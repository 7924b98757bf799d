import Foundation
import PackagePlugin

/// Generates the typed query functions of the target it is applied to from the `.sql` files in the target's
/// folder and the package's `migrations/`, by running `sqlgen generate` (built from source, hence a build
/// command rather than a prebuild command). All the logic is in SQLGenCore; this file only declares inputs
/// and outputs.
@main
struct SQLGenPlugin: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) async throws -> [Command] {
        guard let target = target as? SourceModuleTarget else { return [] }
        let root = context.package.directoryURL
        let migrations = root.appending(path: "migrations")
        let output = context.pluginWorkDirectoryURL.appending(path: "GeneratedQueries")
        let queryFiles = target.sourceFiles.map(\.url).filter { $0.pathExtension == "sql" }.sorted { $0.path < $1.path }
        // The target's folder (`directoryURL` needs tools version 6.1): the shallowest folder of its files.
        let folder = target.sourceFiles.map { $0.url.deletingLastPathComponent() }.min { $0.path.count < $1.path.count }
            ?? root.appending(path: "queries")
        // Folders as inputs too: adding or removing a migration changes the folder's modification time, which
        // re-runs the command even though the build was not re-planned (migrations/ is no target's folder).
        let migrationFolders = [migrations.appending(path: "postgres"), migrations.appending(path: "sqlite")]
        let migrationFiles = migrationFolders.flatMap { folder in
            ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
                .filter { $0.hasSuffix(".sql") }.sorted().map { folder.appending(path: $0) }
        }
        return [
            .buildCommand(
                displayName: "sqlgen: generating queries for \(target.name)",
                executable: try context.tool(named: "sqlgen").url,
                arguments: [
                    "generate", "--root", root.path, "--migrations", migrations.path, "--queries",
                    folder.path, "--output", output.path, "--embed-migrations",
                ],
                inputFiles: queryFiles + migrationFiles + migrationFolders,
                outputFiles: [output.appending(path: "Models.swift"), output.appending(path: "EmbeddedMigrations.swift")]
                    + queryFiles.map { output.appending(path: $0.lastPathComponent + ".swift") }
            )
        ]
    }
}
