import Chronology

/// Checks that restored envelopes continue a log exactly (next position, next stream version, a
/// store time not before the last one, a hash that chains), so that every store refuses the same
/// imports with the same ``EventStoreError/importMismatch(position:reason:)``.
///
/// ```swift
/// var check = RestoreCheck(position: head.position, hash: head.hash, recordedAt: head.recordedAt)
/// for event in events { let occurredMillis = try check.next(event) { try version(of: $0) } }
/// ```
package struct RestoreCheck {
    private var hasher = ChainHasher()
    private var previous: [UInt8]
    private var lastRecorded: String
    private var nextPosition: Int64
    private var versions: [String: Int] = [:]

    /// Starts after the log's head: its position, its hash (raw bytes) and its `recorded_at`.
    package init(position: Int64, hash: [UInt8], recordedAt: String) {
        previous = hash
        lastRecorded = recordedAt
        nextPosition = position + 1
    }

    /// The hash of the last event checked (hex).
    package var lastHash: String { Hex.encode(previous) }

    /// Checks the next event; `storedVersion` gives a stream's version in the log before this restore
    /// (asked once per stream). Returns the event's `occurredAt` as UTC milliseconds.
    package mutating func next(_ event: RecordedEvent, storedVersion: (String) throws -> Int) throws -> Int64 {
        func mismatch(_ reason: String) -> EventStoreError { .importMismatch(position: event.position, reason: reason) }
        guard event.position == nextPosition else {
            throw mismatch("expected position \(nextPosition) to continue the log")
        }
        let current: Int
        if let known = versions[event.stream] { current = known } else { current = try storedVersion(event.stream) }
        guard event.streamVersion == current + 1 else {
            throw mismatch("stream '\(event.stream)' is at version \(current), the event says \(event.streamVersion)")
        }
        guard event.recordedAt.utf8.count == 27, OccurredAt.isValid(event.recordedAt), event.recordedAt >= lastRecorded else {
            throw mismatch("recordedAt '\(event.recordedAt)' is not a store time at or after '\(lastRecorded)'")
        }
        if AppendRules.containsNUL(event.stream) { throw mismatch("stream must not contain the NUL character") }
        if let field = AppendRules.firstFieldWithNUL(event.newEvent) { throw mismatch("\(field) must not contain the NUL character") }
        let occurred: Int64
        do { occurred = try OccurredAt.utcMilliseconds(event.occurredAt) } catch { throw mismatch(error.description) }
        let computed = hasher.hash(previous: previous, event)
        guard Hex.encode(computed) == event.hash else {  // exactly: verify compares the stored text
            throw mismatch("hash does not match its content and the chain before it")
        }
        versions[event.stream] = event.streamVersion
        lastRecorded = event.recordedAt
        previous = computed
        nextPosition += 1
        return occurred
    }
}
