import ArgumentParser
import EventStore
import Foundation
import Paddock

struct Init: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Create (or migrate) the event log.")
    @OptionGroup var options: DatabaseOptions

    func run() async throws {
        let store = try await options.openStore()
        print("event log ready at \(options.path) (\(try await store.headPosition()) events)")
    }
}

struct Append: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
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

struct Verify: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Re-walk the hash chain; name the first position where it breaks.",
        discussion: """
            With --expect POSITION:HASH (the head a read carried: its Paddock-Log-Head header or logHead member), \
            also prove that today's log extends that head: the event at POSITION still has HASH, and the chain \
            from the first event through it and on to today's head is intact.
            """)
    @OptionGroup var options: DatabaseOptions
    @Option(help: ArgumentHelp("A head the log must extend.", valueName: "position:hash")) var expect: String?

    func validate() throws {
        if let expect, Self.parse(expect) == nil {
            throw UserError("--expect: '\(expect.prefix(100))' is not POSITION:HASH (a position of 1 or more, a colon, 64 hex digits)")
        }
    }

    static func parse(_ text: String) -> (position: Int64, hash: String)? {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, let position = Int64(parts[0]), position >= 1, parts[1].count == 64,
              parts[1].allSatisfy({ $0.isHexDigit }) else { return nil }
        return (position, parts[1].lowercased())
    }

    func run() async throws {
        let store = try await options.openStore()
        let report = try await store.verify()
        guard report.isIntact else { throw UserError("verification failed: \(report.description)") }
        print("verified: \(report.eventsChecked) events, chain intact; head \(report.headHash.isEmpty ? "(empty log)" : report.headHash)")
        guard let expect, let (position, hash) = Self.parse(expect) else { return }
        guard let event = try await store.read(EventQuery(afterPosition: position - 1, limit: 1)).first, event.position == position else {
            throw UserError("the log does not extend \(position):\(hash): it ends at position \(report.eventsChecked)")
        }
        guard event.hash == hash else {
            throw UserError("the log does not extend \(position):\(hash): the event at position \(position) has hash \(event.hash)")
        }
        print("extends \(position):\(hash): the log behind that head is unchanged")
    }
}

struct Export: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Write every event's full envelope as NDJSON to standard output.")
    @OptionGroup var options: DatabaseOptions

    func run() async throws {
        let store = try await options.openStore()
        let terminal = TerminalProgress.onTerminal()
        defer { terminal?.finish() }
        let total = terminal == nil ? nil : Int(try await store.headPosition())
        try await NDJSONTransfer.exportBytes(from: store, progress: { count in terminal?.update(events: count, total: total, label: "exporting") }) {
            try RawStandardOutput.write($0)
        }
    }
}

struct Import: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Import data into the log.", subcommands: [ImportEvents.self, ImportF1DB.self])
}

struct ImportEvents: AsyncParsableCommand {
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
