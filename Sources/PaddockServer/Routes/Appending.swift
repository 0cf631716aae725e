import EventStore
import Foundation
import Hummingbird
import JSONToolkit
import Paddock

/// The one write path of the API: validated input lines appended to one stream, all or nothing,
/// with optimistic concurrency and idempotent event ids.
enum Appending {
    /// Envelope fields a client may give beside a payload (desk routes) or an event (streams).
    static let envelopeKeys: Set<String> = ["occurredAt", "eventId", "correlationId", "causationId", "schemaVersion", "expectedVersion"]

    /// One event's members (an NDJSON append line without `stream` and `actor`, as the body's scan
    /// gave them) as a line for `stream`.
    static func lineText(_ members: [RequestJSON.Member], stream: String, index: Int) throws -> String {
        for reserved in ["stream", "actor"] where members.contains(where: { $0.key == reserved }) {
            throw Problem.invalid(
                reserved, "event \(index): '\(reserved)' comes from the \(reserved == "stream" ? "path" : "bearer token"); leave it out",
                event: index)
        }
        return RequestJSON.object([(key: "stream", value: JSONWriter.quoted(stream))] + members)
    }

    /// Records the texts (each an append line for `stream`) through the ``Recorder``: the caller's
    /// role for each type first, then parsing, validation and the season checks, then one
    /// transaction. The first batch expects `expected` (If-Match) unless the first line says otherwise.
    static func append(_ texts: [String], to stream: String, expected: ExpectedVersion?, caller: Caller, state: ServerState) async throws -> Response {
        response(try await record(texts, to: stream, expected: expected, caller: caller, state: state))
    }

    /// What ``append(_:to:expected:caller:state:)`` records, returned once the projections include it
    /// (read-your-writes): the JSON routes and the web desk's forms answer it each their own way.
    static func record(_ texts: [String], to stream: String, expected: ExpectedVersion?, caller: Caller, state: ServerState) async throws -> AppendOutcome {
        guard !texts.isEmpty else { throw Problem.invalid(nil, "no events: the body is an empty array") }
        let recorder = Recorder(store: state.store, context: state.live.service)
        let lines: [InputLine]
        do {
            lines = try await recorder.admit(texts, by: Author(name: caller.name, role: caller.role))
        } catch let error as PermissionError {
            throw Problem.forbidden(
                "event \(error.line) (\(error.type)) needs the role '\(error.needed.rawValue)' or above; token '\(caller.name)' is '\(caller.role.rawValue)'")
        } catch let error as LineError {
            throw Problem.invalid(Problem.field(in: error.reason), "event \(error.line): \(error.reason)", event: error.line)
        }
        if let expected, let stated = lines.first?.expected, stated != expected {
            throw Problem.invalid("expectedVersion", "event 1: expectedVersion \(stated) contradicts If-Match \(expected)", event: 1)
        }
        let results: [AppendResult]
        do {
            results = try await recorder.append(lines, expected: expected)
        } catch let failure as AppendFailure {
            if case .versionConflict = failure.error { state.metrics.conflicts.increment() }
            throw Problem.from(failure.error, event: failure.line - 1)
        } catch let error as EventStoreError {
            if case .versionConflict = error { state.metrics.conflicts.increment() }
            throw Problem.from(error, event: nil)
        }
        let events = results.flatMap(\.events)
        let alreadyRecorded = results.allSatisfy(\.alreadyRecorded)
        let appended = results.filter { !$0.alreadyRecorded }.reduce(0) { $0 + $1.events.count }
        if appended > 0 { state.metrics.appendedEvents.increment(by: Int64(appended)) }
        await state.live.include(appended: events, timeout: state.settings.projectionWait)
        return AppendOutcome(stream: stream, streamVersion: results.last?.streamVersion ?? 0, alreadyRecorded: alreadyRecorded, events: events)
    }

    /// The answer to an append: the envelopes, the stream's version (also in `ETag`).
    static func response(_ outcome: AppendOutcome) -> Response {
        let body =
            "{\"stream\":\(JSONWriter.quoted(outcome.stream)),\"streamVersion\":\(outcome.streamVersion),\"alreadyRecorded\":\(outcome.alreadyRecorded),"
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
