import ArgumentParser
import Foundation
import SQLGenCore

/// `sqlgen`: checks or generates the typed Swift query functions. The SwiftPM plugin runs `generate`;
/// people run `swift run sqlgen check`. Diagnostics go to standard error as
/// `queries/<file>.sql:<line>:<col>: error: <message>`, and any error exits 1.
@main
struct SQLGenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sqlgen",
        abstract: "Typed Swift functions from queries/*.sql, checked against migrations/.",
        subcommands: [Check.self, Generate.self])
}

/// Options every subcommand shares.
struct Inputs: ParsableArguments {
    @Option(help: "The package root; diagnostics show paths relative to it.")
    var root: String = FileManager.default.currentDirectoryPath

    @Option(help: "The migrations folder, with postgres/ and sqlite/ inside (default: <root>/migrations).")
    var migrations: String?

    @Option(help: "The folder of query files (default: <root>/queries).")
    var queries: String?

    var input: Generator.Input {
        let rootURL = URL(fileURLWithPath: root)
        return Generator.Input(
            root: rootURL,
            migrations: migrations.map { URL(fileURLWithPath: $0) } ?? rootURL.appendingPathComponent("migrations"),
            queries: queries.map { URL(fileURLWithPath: $0) } ?? rootURL.appendingPathComponent("queries"))
    }
}

/// Prints every diagnostic and exits 1.
func fail(_ failure: Generator.Failure) -> ExitCode {
    for diagnostic in failure.diagnostics {
        FileHandle.standardError.write(Data((diagnostic.description + "\n").utf8))
    }
    return ExitCode(1)
}

extension SQLGenCommand {
    /// Checks every query without writing anything.
    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Check every query against the migrations.")

        @OptionGroup var inputs: Inputs

        func run() throws {
            do {
                let files = try Generator.analyze(inputs.input)
                let count = files.reduce(0) { $0 + $1.queries.count }
                print("sqlgen: \(count) queries in \(files.count) files are valid")
            } catch {
                throw fail(error)
            }
        }
    }

    /// Writes one Swift file per query file into `--output`, rewriting only files whose bytes change.
    struct Generate: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Generate Swift into a folder.")

        @OptionGroup var inputs: Inputs

        @Option(help: "The folder to write the Swift files into.")
        var output: String

        @Flag(help: "Also write EmbeddedMigrations.swift (Migration.embedded(_:)) with both engines' migrations.")
        var embedMigrations = false

        func run() throws {
            var outputs: [Generator.Output]
            do {
                outputs = try Generator.generate(inputs.input)
                if embedMigrations { outputs.append(try Generator.embedMigrations(inputs.input)) }
            } catch {
                throw fail(error)
            }
            try OutputWriter.write(outputs, to: URL(fileURLWithPath: output))
        }
    }
}
