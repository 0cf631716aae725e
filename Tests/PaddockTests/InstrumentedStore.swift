import EventStore
import Foundation

/// A real store that counts what it is asked, and refuses every append and restore after the first
/// `writesAllowed` (a bulk run killed half way).
struct InstrumentedStore: EventStore {
    let inner: SQLiteEventStore
    var writesAllowed = Int.max
    let writes = Counter()
    let reads = Counter()

    final class Counter: @unchecked Sendable {
        private let lock = NSLock()
        private var count = 0
        var value: Int { lock.withLock { count } }
        func next() -> Int {
            lock.withLock {
                count += 1; return count
            }
        }
    }

    struct Stopped: Error {}

    private func write() throws {
        guard writes.next() <= writesAllowed else { throw Stopped() }
    }

    func append(_ events: [NewEvent], to stream: String, expecting expected: ExpectedVersion) async throws -> AppendResult {
        try write()
        return try await inner.append(events, to: stream, expecting: expected)
    }
    func append(_ batches: [AppendBatch]) async throws -> [AppendResult] {
        try write()
        return try await inner.append(batches)
    }
    func restore(_ events: [RecordedEvent]) async throws {
        try write()
        try await inner.restore(events)
    }
    func read(_ query: EventQuery) async throws -> [RecordedEvent] {
        _ = reads.next()
        return try await inner.read(query)
    }
    func recordedEventIds(among ids: [UUID]) async throws -> Set<UUID> { try await inner.recordedEventIds(among: ids) }
    func headPosition() async throws -> Int64 { try await inner.headPosition() }
    func version(of stream: String) async throws -> Int { try await inner.version(of: stream) }
    func streams() async throws -> [(stream: String, version: Int)] { try await inner.streams() }
    func subscribe(after position: Int64) -> AsyncThrowingStream<RecordedEvent, any Error> { inner.subscribe(after: position) }
    func appendSignals() -> AsyncStream<Void> { inner.appendSignals() }
    func verify() async throws -> VerificationReport { try await inner.verify() }
}
