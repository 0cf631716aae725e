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

    /// Appends the lines to `stream`. The first batch expects `expected` (If-Match) unless the first
    /// line says otherwise; a line stating its own `expectedVersion` starts a new batch.
    static func append(_ lines: [InputLine], to stream: String, expected: ExpectedVersion?, state: ServerState) async throws -> Response {
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
        let alreadyRecorded = results.allSatisfy(\.alreadyRecorded)
        let appended = results.filter { !$0.alreadyRecorded }.reduce(0) { $0 + $1.events.count }
        if appended > 0 { state.metrics.appendedEvents.increment(by: Int64(appended)) }
        await state.live.include(appended: events, timeout: state.settings.projectionWait)
        let version = results.last?.streamVersion ?? 0
        let body = "{\"stream\":\(RawJSON.quoted(stream)),\"streamVersion\":\(version),\"alreadyRecorded\":\(alreadyRecorded),"
            + "\"events\":[" + events.map(EnvelopeLine.encode).joined(separator: ",") + "]}"
        var headers = HTTPFields()
        headers[.eTag] = "\"\(version)\""
        return JSONResponses.text(body, status: alreadyRecorded ? .ok : .created, headers: headers)
    }
}
