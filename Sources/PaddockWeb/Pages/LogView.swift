import EventStore
import Foundation

/// A page of the log, newest first, as the server read it.
public struct LogView: Sendable {
    /// Whether an event's hash is what its content and the previous event's hash give.
    public enum Chain: Sendable, Equatable {
        /// Recomputed from the event and the previous hash: it matches.
        case linked
        /// It does not match: the row was changed, inserted or swapped.
        case broken(String)
        /// Not checked (the previous event could not be read).
        case unchecked
    }

    /// An event another event names (a correction's `corrects`, a retraction's `retracts`, a note's `about`).
    public struct Reference: Sendable, Equatable {
        public var relation: String
        public var eventId: String
        /// Its position, when the server found it.
        public var position: Int64?

        public init(relation: String, eventId: String, position: Int64?) {
            self.relation = relation
            self.eventId = eventId
            self.position = position
        }
    }

    public struct Entry: Sendable {
        public var event: RecordedEvent
        public var chain: Chain
        public var references: [Reference]

        public init(event: RecordedEvent, chain: Chain, references: [Reference]) {
            self.event = event
            self.chain = chain
            self.references = references
        }
    }

    public var filter: LogFilter
    public var entries: [Entry]
    /// Where the next (older) page starts, when there is one.
    public var older: Int64?
    /// The log's head: its position and hash.
    public var headPosition: Int64
    public var headHash: String?
    /// Event types to filter by.
    public var types: [String]
    /// Streams to suggest in the filter.
    public var streams: [String]
    /// When the server stopped looking for matches before reaching the start of the log.
    public var scannedDownTo: Int64?
    /// A filter parameter that was not understood, and why.
    public var problem: String?

    public init(
        filter: LogFilter, entries: [Entry], older: Int64?, headPosition: Int64, headHash: String?, types: [String],
        streams: [String], scannedDownTo: Int64?, problem: String? = nil
    ) {
        self.filter = filter
        self.entries = entries
        self.older = older
        self.headPosition = headPosition
        self.headHash = headHash
        self.types = types
        self.streams = streams
        self.scannedDownTo = scannedDownTo
        self.problem = problem
    }
}
