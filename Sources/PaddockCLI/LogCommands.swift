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
        let text = try readInput(file)
        let store = try await options.openStore()
        let summary = try await NDJSONAppender(store: store).append(contentsOf: text, actor: actor ?? "cli")
        var message = "appended \(summary.appended) event(s)"
        if summary.alreadyRecorded > 0 { message += ", \(summary.alreadyRecorded) already recorded" }
        if let last = summary.lastPosition { message += "; log at position \(last)" }
        print(message)
    }
}

struct Verify: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Re-walk the hash chain; name the first position where it breaks.")
    @OptionGroup var options: DatabaseOptions

    func run() async throws {
        let report = try await options.openStore().verify()
        if report.isIntact {
            print("verified: \(report.eventsChecked) events, chain intact; head \(report.headHash.isEmpty ? "(empty log)" : report.headHash)")
        } else {
            throw UserError("verification failed: \(report.description)")
        }
    }
}

struct Export: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Write every event's full envelope as NDJSON to standard output.")
    @OptionGroup var options: DatabaseOptions

    func run() async throws {
        let out = StandardOutput()
        try await NDJSONTransfer.export(from: await options.openStore()) { out.write($0) }
        out.flush()
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
        let text = try readInput(file)
        let count = try await NDJSONTransfer.importEvents(text, into: await options.openStore())
        print("imported \(count) event(s)")
    }
}
