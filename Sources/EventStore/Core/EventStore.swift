import Foundation

/// The log: an append-only sequence of events in streams, with a global position.
///
/// It knows nothing of motorsport. SQLite (``SQLiteEventStore``) is the embedded implementation;
/// code above the store talks to this protocol only, so that another database can take its place.
///
/// ```swift
/// let store = try SQLiteEventStore(path: "paddock.sqlite")
/// let result = try await store.append([event], to: "season:f1:1988", expecting: .noStream)
/// for try await recorded in store.subscribe(after: 0) { print(recorded.position, recorded.type) }
/// ```
public protocol EventStore: Sendable {
    /// Appends a batch to one stream atomically: all events or none.
    ///
    /// An event id already stored with the same content is not stored twice: if the whole batch is
    /// already recorded, the result returns the stored envelopes and `alreadyRecorded` is true.
    @discardableResult
    func append(_ events: [NewEvent], to stream: String, expecting expected: ExpectedVersion) async throws -> AppendResult

    /// Appends several batches, to one or more streams, in one transaction: all of them or none.
    /// A failing batch is reported as ``EventStoreError/inBatch(_:_:)`` with its index.
    @discardableResult
    func append(_ batches: [AppendBatch]) async throws -> [AppendResult]

    /// Restores exported envelopes verbatim (times, ids and hashes kept) at the end of the log.
    /// Each must continue the log exactly: next position, next stream version, a valid hash.
    func restore(_ events: [RecordedEvent]) async throws

    /// Events matching a query, in position order.
    func read(_ query: EventQuery) async throws -> [RecordedEvent]

    /// Which of these event ids the log holds already (an idempotent retry's).
    func recordedEventIds(among ids: [UUID]) async throws -> Set<UUID>

    /// The position of the last event (0 for an empty log).
    func headPosition() async throws -> Int64

    /// The current version of a stream (0 when it does not exist).
    func version(of stream: String) async throws -> Int

    /// Every stream name with its version, sorted by name.
    func streams() async throws -> [(stream: String, version: Int)]

    /// Events after `position`, first the ones already stored, then each new one as it is appended:
    /// in order, with no gap and no duplicate.
    func subscribe(after position: Int64) -> AsyncThrowingStream<RecordedEvent, any Error>

    /// A signal whenever the log may have grown (coalesced: one waiting signal stands for any number
    /// of appends), for a follower that reads what it needs itself.
    func appendSignals() -> AsyncStream<Void>

    /// Re-walks the whole log and reports the first place where it is not what was appended.
    func verify() async throws -> VerificationReport
}

extension EventStore {
    /// One batch as a multi-batch append of one: its failure is reported as itself, not `inBatch`.
    @discardableResult
    public func append(_ events: [NewEvent], to stream: String, expecting expected: ExpectedVersion) async throws -> AppendResult {
        do {
            return try await append([AppendBatch(stream: stream, expected: expected, events: events)])[0]
        } catch EventStoreError.inBatch(_, let error) {
            throw error
        }
    }

    /// A stream's events from a version on.
    public func read(stream: String, fromVersion: Int = 1, limit: Int? = nil) async throws -> [RecordedEvent] {
        try await read(EventQuery(stream: stream, fromStreamVersion: fromVersion, limit: limit))
    }

    /// A page of the whole log: events after a position.
    public func read(after position: Int64, limit: Int) async throws -> [RecordedEvent] {
        try await read(EventQuery(afterPosition: position, limit: limit))
    }
}

/// Events for one stream, with what the appender expects of that stream.
public struct AppendBatch: Sendable, Equatable {
    public var stream: String
    public var expected: ExpectedVersion
    public var events: [NewEvent]

    public init(stream: String, expected: ExpectedVersion = .any, events: [NewEvent]) {
        self.stream = stream
        self.expected = expected
        self.events = events
    }
}

/// What an append did.
public struct AppendResult: Sendable, Equatable {
    public var stream: String
    /// The stream's version after the append.
    public var streamVersion: Int
    /// The stored envelopes, in order.
    public var events: [RecordedEvent]
    /// True when every event was already in the log (an idempotent retry): nothing was written.
    public var alreadyRecorded: Bool

    public init(stream: String, streamVersion: Int, events: [RecordedEvent], alreadyRecorded: Bool) {
        self.stream = stream
        self.streamVersion = streamVersion
        self.events = events
        self.alreadyRecorded = alreadyRecorded
    }
}
