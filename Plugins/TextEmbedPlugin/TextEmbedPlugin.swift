import Foundation
import PackagePlugin

/// Embeds the target's `.graphql` files into `EmbeddedSchema.swift` (`enum EmbeddedSchema`, one string per file)
/// by running `embed-text`: the schema is written as SDL files and compiled into the binary.
@main
struct TextEmbedPlugin: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) async throws -> [Command] {
        guard let target = target as? SourceModuleTarget else { return [] }
        let inputs = target.sourceFiles.map(\.url).filter { $0.pathExtension == "graphql" }.sorted { $0.path < $1.path }
        guard !inputs.isEmpty else { return [] }
        let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedSchema.swift")
        return [
            .buildCommand(
                displayName: "embed-text: embedding the schema of \(target.name)",
                executable: try context.tool(named: "embed-text").url,
                arguments: ["EmbeddedSchema", output.path] + inputs.map(\.path),
                inputFiles: inputs,
                outputFiles: [output]
            )
        ]
    }
}
