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

    /// How far ahead of this machine's clock an imported `recordedAt` may be: a later one would stop
    /// every `knownAt` cut of the log from ever seeing what is appended after it.
    public static let recordedAtSkew: TimeInterval = 60

    /// Restores exported envelopes at the end of the log: all lines or none. Each line must continue
    /// the log (positions, stream versions, times, hashes) and pass what `append` checks of an
    /// event (a strict payload in canonical form, the stream its type belongs to, an actor), with a
    /// `recordedAt` not in the future; the first bad line is reported.
    @discardableResult
    public static func importEvents(_ text: String, into store: any EventStore, now: Date = Date()) async throws -> Int {
        let latest = Timestamp.format(now.addingTimeInterval(recordedAtSkew))
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
            do throws(LineError.Reason) {
                try check(event, latest: latest)
            } catch {
                throw LineError(line: number, reason: error.text)
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

    /// What `append` would check of the event, beyond what the store checks of the chain.
    static func check(_ event: RecordedEvent, latest: String) throws(LineError.Reason) {
        let domain: SeasonEvent
        do {
            domain = try EventCatalogue.decodeStrict(type: event.type, schemaVersion: event.schemaVersion, payload: Data(event.payload.utf8))
        } catch {
            throw .init(error.description)
        }
        guard EventCatalogue.encode(domain).payload == event.payload else {
            throw .init("payload: not in canonical form (sorted keys, no spaces, absent optionals left out): it was not exported by Paddock")
        }
        if let expected = StreamNames.stream(for: domain), expected != event.stream {
            throw .init("stream '\(event.stream)' is not where a \(event.type) belongs: '\(expected)'")
        }
        guard let actor = event.actor, !actor.isEmpty else { throw .init("actor: every recorded event names who recorded it") }
        guard event.recordedAt <= latest else {
            throw .init("recordedAt: \(event.recordedAt) is in the future of this machine's clock (more than \(Int(recordedAtSkew)) s ahead)")
        }
    }
}
