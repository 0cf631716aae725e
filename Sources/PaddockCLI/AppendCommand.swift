import ArgumentParser
import EventStore
import Foundation
import Paddock

struct AppendCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "append",
        abstract: "Append events from NDJSON (a file or standard input): all lines or none.",
        discussion: """
            One JSON object per line: stream, type, occurredAt, payload; optional eventId, schemaVersion, \
            expectedVersion, actor, correlationId, causationId. Every line is validated first; any bad line \
            is reported with its number and nothing is appended.
            """)
    @OptionGroup var options: DatabaseOptions
    @Argument(help: "NDJSON file ('-' or absent: standard input).") var file: String?
    @Option(help: "Actor recorded for lines that name none.") var actor: String?

    func run() async throws {
        let input: InputFile
        do { input = try InputFile.open(file ?? "-") } catch let error as InputError { throw UserError(error.description) }
        let projections = try await loadProjections(options)
        let terminal = TerminalProgress.onTerminal()
        defer { terminal?.finish() }
        let appender = BulkAppender(store: await projections.store, context: projections, progress: terminal?.reporter)
        let summary = try await appender.append(input, actor: actor ?? "cli")
        terminal?.finish()
        var message = "appended \(summary.appended) event(s)"
        if summary.alreadyRecorded > 0 { message += ", \(summary.alreadyRecorded) already recorded" }
        if let last = summary.lastPosition { message += "; log at position \(last)" }
        print(message)
    }
}
