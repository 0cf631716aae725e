import ArgumentParser
import Chronology
import EventStore
import Foundation
import Paddock

struct LogCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "log",
        abstract: "List events: a readable table, or --json for full envelopes (NDJSON).")
    @OptionGroup var options: DatabaseOptions
    @Option(help: "Only this stream.") var stream: String?
    @Option(help: "Only streams starting with this (e.g. season:f1:).") var streamPrefix: String?
    @Option(name: .customLong("type"), help: "Only this event type (repeatable).") var types: [String] = []
    @Option(help: "From this position (inclusive).") var fromPosition: Int64?
    @Option(help: "Up to this position (inclusive).") var toPosition: Int64?
    @Option(help: "Occurred at or after (ISO-8601: 2018-06-10, 2018-06, 2018-06-10T15:00:00+02:00).") var occurredFrom: String?
    @Option(help: "Occurred before (ISO-8601).") var occurredBefore: String?
    @Option(help: "Recorded at or before (what was known then; a date means the end of that day, UTC).") var knownAt: String?
    @Option(help: "At most this many events.") var limit: Int?
    @Flag(help: "Full envelopes as NDJSON.") var json = false

    func validate() throws {
        for (name, value) in [("--occurred-from", occurredFrom), ("--occurred-before", occurredBefore), ("--known-at", knownAt)] {
            if let value, !OccurredAt.isValid(value) { throw UserError("\(name): '\(value)' is not an ISO-8601 date or time with offset") }
        }
        if let limit, limit < 1 { throw UserError("--limit must be 1 or more") }
    }

    func run() async throws {
        let query = EventQuery(
            stream: stream, streamPrefix: streamPrefix, types: types.isEmpty ? nil : types,
            afterPosition: fromPosition.map { $0 - 1 }, atOrBeforePosition: toPosition,
            occurredFrom: occurredFrom, occurredBefore: occurredBefore, recordedAtOrBefore: knownAt, limit: limit)
        let store = try await options.openStore()
        if json {
            let terminal = TerminalProgress.onTerminal()
            defer { terminal?.finish() }
            try await NDJSONTransfer.forEachMatching(query, in: store, progress: { terminal?.update(events: $0, total: nil, label: "listing") }) {
                try RawStandardOutput.write($0)
            }
            return
        }
        let events = try await store.read(query)
        let out = StandardOutput()
        defer { out.flush() }
        let rows = events.map { e in
            [
                String(e.position), String(e.recordedAt.prefix(19)), e.occurredAt, e.stream, String(e.streamVersion), e.type,
                e.actor ?? "", String(e.payload.prefix(60))
            ]
        }
        for line in TextTable.render(header: ["POS", "RECORDED (UTC)", "OCCURRED", "STREAM", "VER", "TYPE", "ACTOR", "PAYLOAD"], rows: rows) {
            out.write(line)
        }
        out.write("\(events.count) event(s)")
    }
}
