import ArgumentParser
import EventStore
import Foundation
import Paddock

struct ImportEventsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "events",
        abstract: "Restore exported envelopes (paddock export) at the end of the log: all lines or none.")
    @OptionGroup var options: DatabaseOptions
    @Argument(help: "NDJSON file of envelopes ('-': standard input).") var file: String

    func run() async throws {
        let input: InputFile
        do { input = try InputFile.open(file) } catch let error as InputError { throw UserError(error.description) }
        let terminal = TerminalProgress.onTerminal()
        defer { terminal?.finish() }
        let importer = BulkImporter(store: try await options.openStore(), progress: terminal?.reporter)
        let summary = try await importer.importEvents(input)
        terminal?.finish()
        var message = "imported \(summary.imported) event(s)"
        if summary.alreadyImported > 0 { message += ", \(summary.alreadyImported) already in the log" }
        print(message)
    }
}
