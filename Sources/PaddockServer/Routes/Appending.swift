import EventStore
import Foundation
import Hummingbird
import Paddock

/// The one write path of the API: validated input lines appended to one stream, all or nothing,
/// with optimistic concurrency and idempotent event ids.
enum Appending {
    /// Envelope fields a client may give beside a payload (desk routes) or an event (streams).
    static let envelopeKeys: Set<String> = ["occurredAt", "eventId", "correlationId", "causationId", "schemaVersion", "expectedVersion"]

    /// Parses one event's text (an NDJSON append line without `stream` and `actor`) for `stream`.
    static func line(_ text: String, stream: String, index: Int, caller: Caller) throws -> InputLine {
        let members = RawJSON.members(ofObject: text)
        for reserved in ["stream", "actor"] where members.contains(where: { $0.key == reserved }) {
            throw Problem.invalid(reserved, "event \(index): '\(reserved)' comes from the \(reserved == "stream" ? "path" : "bearer token"); leave it out",
                                  event: index)
        }
        let lineText = RawJSON.object([(key: "stream", value: RawJSON.quoted(stream))] + members)
        do {
            return try InputLine.parse(lineText, line: index, defaultActor: caller.name)
        } catch {
            throw Problem.invalid(Problem.field(in: error.reason), "event \(index): \(error.reason)", event: index)
        }
    }

    /// Appends the lines to `stream` and answers with the stored envelopes (201, or 200 when every
    /// event was recorded already), the stream's version in `ETag`.
    static func append(_ lines: [InputLine], to stream: String, expected: ExpectedVersion?, state: ServerState) async throws -> Response {
        response(try await record(lines, to: stream, expected: expected, state: state))
    }

    /// Appends the lines to `stream`. The first batch expects `expected` (If-Match) unless the first
    /// line says otherwise; a line stating its own `expectedVersion` starts a new batch. Returns once
    /// the projections include what was appended (read-your-writes).
    static func record(_ lines: [InputLine], to stream: String, expected: ExpectedVersion?, state: ServerState) async throws -> AppendOutcome {
        guard let first = lines.first else { throw Problem.invalid(nil, "no events: the body is an empty array") }
        if let expected, let stated = first.expected, stated != expected {
            throw Problem.invalid("expectedVersion", "event 1: expectedVersion \(stated) contradicts If-Match \(expected)", event: 1)
        }
        var batches: [AppendBatch] = []
        var firstIndexes: [Int] = []
        for (index, line) in lines.enumerated() {
            if index > 0, line.expected == nil {
                batches[batches.count - 1].events.append(line.event)
            } else {
                batches.append(AppendBatch(stream: stream, expected: line.expected ?? (index == 0 ? expected ?? .any : .any), events: [line.event]))
                firstIndexes.append(index)
            }
        }
        let results: [AppendResult]
        do {
            results = try await state.store.append(batches)
        } catch EventStoreError.inBatch(let batch, let error) {
            if case .versionConflict = error { state.metrics.conflicts.increment() }
            throw Problem.from(error, event: firstIndexes[batch])
        } catch let error as EventStoreError {
            if case .versionConflict = error { state.metrics.conflicts.increment() }
            throw Problem.from(error, event: nil)
        }
        let events = results.flatMap(\.events)
        let appended = results.filter { !$0.alreadyRecorded }.reduce(0) { $0 + $1.events.count }
        if appended > 0 { state.metrics.appendedEvents.increment(by: Int64(appended)) }
        await state.live.include(appended: events, timeout: state.settings.projectionWait)
        return AppendOutcome(stream: stream, streamVersion: results.last?.streamVersion ?? 0,
                             alreadyRecorded: results.allSatisfy(\.alreadyRecorded), events: events)
    }

    /// The answer to an append: the envelopes, the stream's version (also in `ETag`).
    static func response(_ outcome: AppendOutcome) -> Response {
        let body = "{\"stream\":\(RawJSON.quoted(outcome.stream)),\"streamVersion\":\(outcome.streamVersion),\"alreadyRecorded\":\(outcome.alreadyRecorded),"
            + "\"events\":[" + outcome.events.map(EnvelopeLine.encode).joined(separator: ",") + "]}"
        var headers = HTTPFields()
        headers[.eTag] = "\"\(outcome.streamVersion)\""
        return JSONResponses.text(body, status: outcome.alreadyRecorded ? .ok : .created, headers: headers)
    }
}

/// What an append did: the stream's version after it, the stored envelopes, and whether every
/// event was in the log already (an idempotent retry: nothing written).
struct AppendOutcome: Sendable {
    var stream: String
    var streamVersion: Int
    var alreadyRecorded: Bool
    var events: [RecordedEvent]
}
