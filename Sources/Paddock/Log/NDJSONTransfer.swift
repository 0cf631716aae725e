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

    /// Writes every envelope as NDJSON bytes (``EnvelopeLine``, one per line), in position order,
    /// handing `write` about `bufferBytes` at a time; returns the number of events. From a SQLite
    /// log it reads in one transaction (a consistent snapshot), without pages.
    ///
    /// ```swift
    /// let count = try await NDJSONTransfer.exportBytes(from: store) { bytes in try output.write(bytes) }
    /// ```
    @discardableResult
    public static func exportBytes(
        from store: any EventStore, bufferBytes: Int = 1 << 20,
        progress: ((Int) -> Void)? = nil,
        _ write: (UnsafeRawBufferPointer) throws -> Void
    ) async throws -> Int {
        try await forEachMatching(EventQuery(), in: store, bufferBytes: bufferBytes, progress: progress, write)
    }

    /// Writes the envelopes a query matches as NDJSON bytes, page by page (``EventQuery/limit`` still
    /// bounds the total): what `paddock log --json` streams.
    @discardableResult
    public static func forEachMatching(
        _ query: EventQuery, in store: any EventStore, pageSize: Int = 10_000,
        bufferBytes: Int = 1 << 20, progress: ((Int) -> Void)? = nil,
        _ write: (UnsafeRawBufferPointer) throws -> Void
    ) async throws -> Int {
        var buffer: [UInt8] = []
        buffer.reserveCapacity(bufferBytes + 64 << 10)
        var count = 0
        func take(_ event: RecordedEvent) throws {
            EnvelopeLine.write(event, into: &buffer)
            buffer.append(10)
            count += 1
            if buffer.count >= bufferBytes {
                try buffer.withUnsafeBytes(write)
                buffer.removeAll(keepingCapacity: true)
                progress?(count)
            }
        }
        if query == EventQuery(), let sqlite = store as? SQLiteEventStore {
            try sqlite.forEach(after: 0, take)
        } else {
            var page = query
            var remaining = query.limit ?? Int.max
            while remaining > 0 {
                page.limit = min(remaining, pageSize)
                let events = try await store.read(page)
                for event in events { try take(event) }
                remaining -= events.count
                guard let last = events.last, events.count == page.limit else { break }
                if query.stream != nil { page.fromStreamVersion = last.streamVersion + 1 } else { page.afterPosition = last.position }
            }
        }
        if !buffer.isEmpty { try buffer.withUnsafeBytes(write) }
        progress?(count)
        return count
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
        let canonical: Data
        do {
            (domain, canonical) = try EventCatalogue.decodeStrictCanonical(
                type: event.type, schemaVersion: event.schemaVersion, payload: Data(event.payload.utf8))
        } catch {
            throw .init(error.description)
        }
        guard canonical.elementsEqual(event.payload.utf8) else {
            throw .init("payload: not in canonical form (sorted keys, no spaces, absent optionals left out): it was not exported by Paddock")
        }
        if let expected = StreamName.of(domain)?.text, expected != event.stream {
            throw .init("stream '\(event.stream)' is not where a \(event.type) belongs: '\(expected)'")
        }
        guard let actor = event.actor, !actor.isEmpty else { throw .init("actor: every recorded event names who recorded it") }
        guard event.recordedAt <= latest else {
            throw .init("recordedAt: \(event.recordedAt) is in the future of this machine's clock (more than \(Int(recordedAtSkew)) s ahead)")
        }
    }
}
