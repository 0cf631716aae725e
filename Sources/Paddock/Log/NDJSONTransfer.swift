import EventStore
import Foundation
import SeasonDomain

/// Export and import of whole logs as NDJSON envelopes (see ``EnvelopeLine``).
///
/// ```swift
/// try await NDJSONTransfer.export(from: store) { line in print(line) }
/// let count = try await NDJSONTransfer.importEvents(text, into: emptyStore)
/// ```
public enum NDJSONTransfer {
    /// Writes every envelope, in position order, one line each.
    public static func export(from store: any EventStore, pageSize: Int = 10_000, _ write: (String) throws -> Void) async throws {
        var after: Int64 = 0
        while true {
            let page = try await store.read(after: after, limit: pageSize)
            for event in page { try write(EnvelopeLine.encode(event)) }
            guard let last = page.last, page.count == pageSize else { return }
            after = last.position
        }
    }

    /// Restores exported envelopes at the end of the log: all lines or none. Each line must continue
    /// the log (positions, stream versions, times, hashes); the first bad line is reported.
    @discardableResult
    public static func importEvents(_ text: String, into store: any EventStore) async throws -> Int {
        var events: [RecordedEvent] = []
        var lineNumbers: [Int] = []
        var number = 0
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            number += 1
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty { continue }
            let event: RecordedEvent
            do {
                event = try EnvelopeLine.decode(String(trimmed))
            } catch {
                throw LineError(line: number, reason: error.text)
            }
            do {
                _ = try EventCatalogue.decode(type: event.type, schemaVersion: event.schemaVersion, payload: Data(event.payload.utf8))
            } catch {
                throw LineError(line: number, reason: error.description)
            }
            events.append(event)
            lineNumbers.append(number)
        }
        guard !events.isEmpty else { throw LineError(line: 1, reason: "no events: the input is empty") }
        do {
            try await store.restore(events)
        } catch EventStoreError.importMismatch(let position, let reason) {
            let index = events.firstIndex { $0.position == position } ?? 0
            throw LineError(line: lineNumbers[index], reason: "position \(position): \(reason)")
        }
        return events.count
    }
}
