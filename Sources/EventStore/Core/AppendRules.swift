import Chronology
import Foundation

/// The envelope rules every store checks before touching its database, so that SQLite and
/// PostgreSQL refuse the same batches with the same errors.
///
/// ```swift
/// let occurredMillis = try AppendRules.validate(batches)  // per batch, each event's UTC instant
/// ```
package enum AppendRules {
    /// Validates every batch of one append: an event id given twice (within a batch or across
    /// batches), an empty batch, a bad stream name, type, schema version or `occurredAt`.
    /// Returns, per batch, each event's `occurredAt` as UTC milliseconds.
    package static func validate(_ batches: [AppendBatch]) throws(EventStoreError) -> [[Int64]] {
        var ids = Set<UUID>()
        for (index, batch) in batches.enumerated() {
            for (position, event) in batch.events.enumerated() where !ids.insert(event.eventId).inserted {
                throw .inBatch(
                    index,
                    .invalidEvent(
                        index: position, reason: "event id \(event.eventId.lowercased) appears twice in the batch"))
            }
        }
        var occurred: [[Int64]] = []
        occurred.reserveCapacity(batches.count)
        for (index, batch) in batches.enumerated() {
            do { occurred.append(try validate(batch.events, stream: batch.stream)) } catch { throw .inBatch(index, error) }
        }
        return occurred
    }

    /// Checks the envelope rules of one batch; returns each event's occurred instant.
    package static func validate(_ events: [NewEvent], stream: String) throws(EventStoreError) -> [Int64] {
        guard !events.isEmpty else { throw .invalidEvent(index: 0, reason: "the batch is empty") }
        guard !stream.isEmpty, stream.count <= 200, !stream.contains(where: \.isNewline) else {
            throw .invalidEvent(index: 0, reason: "stream name must be 1 to 200 characters on one line")
        }
        // PostgreSQL's text cannot hold NUL: refused everywhere, so that any log can move between backends.
        guard !containsNUL(stream) else { throw .invalidEvent(index: 0, reason: "stream name must not contain the NUL character") }
        var seen = Set<UUID>()
        seen.reserveCapacity(events.count)
        var occurred: [Int64] = []
        occurred.reserveCapacity(events.count)
        for (index, event) in events.enumerated() {
            guard seen.insert(event.eventId).inserted else {
                throw .invalidEvent(index: index, reason: "event id \(event.eventId.lowercased) appears twice in the batch")
            }
            guard !event.type.isEmpty, event.type.count <= 100 else {
                throw .invalidEvent(index: index, reason: "type must be 1 to 100 characters")
            }
            guard event.schemaVersion >= 1 else {
                throw .invalidEvent(index: index, reason: "schemaVersion must be 1 or more")
            }
            if let field = firstFieldWithNUL(event) {
                throw .invalidEvent(index: index, reason: "\(field) must not contain the NUL character")
            }
            do {
                occurred.append(try OccurredAt.utcMilliseconds(event.occurredAt))
            } catch {
                throw .invalidEvent(index: index, reason: error.description)
            }
        }
        return occurred
    }

    /// The first field in which a stored event differs from a retried one (same id), named for the
    /// idempotency conflict; nil when the retry is the same event.
    package static func firstDifference(_ stored: RecordedEvent, _ event: NewEvent, stream: String) -> String? {
        if stored.stream != stream { return "stream ('\(stored.stream)')" }
        if stored.type != event.type { return "type ('\(stored.type)')" }
        if stored.schemaVersion != event.schemaVersion { return "schemaVersion (\(stored.schemaVersion))" }
        if stored.occurredAt != event.occurredAt { return "occurredAt ('\(stored.occurredAt)')" }
        if stored.payload != event.payload { return "payload" }
        return nil
    }

    /// The first text field of an envelope that holds a NUL character (which PostgreSQL cannot store).
    package static func firstFieldWithNUL(_ event: NewEvent) -> String? {
        let fields: [(String, String?)] = [
            ("type", event.type), ("actor", event.actor), ("correlationId", event.correlationId),
            ("causationId", event.causationId), ("payload", event.payload)
        ]
        return fields.first { containsNUL($0.1) }?.0
    }

    package static func containsNUL(_ text: String?) -> Bool {
        guard let text else { return false }
        return text.utf8.contains(0)
    }
}
