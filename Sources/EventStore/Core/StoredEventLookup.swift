import Foundation

/// A store that can hand back stored events by id: a bulk append compares a line whose id the log
/// holds already with what is stored before appending anything (an idempotent retry, or a conflict
/// to refuse up front).
public protocol StoredEventLookup: Sendable {
    /// The stored events among these ids, by id.
    func recordedEvents(withIds ids: [UUID]) async throws -> [UUID: RecordedEvent]
}

extension NewEvent {
    /// The first field in which this event differs from `stored` (same id), as the store's
    /// idempotency check names it; nil when appending it again would be an idempotent retry.
    public func firstDifference(from stored: RecordedEvent, stream: String) -> String? {
        AppendRules.firstDifference(stored, self, stream: stream)
    }
}

extension RecordedEvent {
    /// The hash this event's row must carry when the row before it has `previous` (64 hex digits;
    /// nil for the first row): what `verify` and `restore` recompute. Lets an import check every
    /// line of a file before restoring any.
    public func chainHash(after previous: String?) -> String? {
        let previousBytes: [UInt8]
        if let previous {
            guard let decoded = Hex.decode(previous), decoded.count == 32 else { return nil }
            previousBytes = decoded
        } else {
            previousBytes = ChainHasher.genesis
        }
        var hasher = ChainHasher()
        return Hex.encode(hasher.hash(previous: previousBytes, self))
    }
}
