/// A filter over the log. Every condition is optional; results come in position order.
///
/// ```swift
/// // What was known on the evening of 21 August 2018:
/// let known = try await store.read(EventQuery(recordedAtOrBefore: "2018-08-21T23:59:59.999999Z"))
/// // One season's events that happened in June:
/// let june = try await store.read(EventQuery(stream: "season:f1:1988",
///     occurredFrom: "1988-06", occurredBefore: "1988-07"))
/// ```
public struct EventQuery: Sendable, Hashable {
    public var stream: String?
    /// Streams whose name starts with this (e.g. `season:f1:`).
    public var streamPrefix: String?
    public var fromStreamVersion: Int?
    public var types: [String]?
    /// Only events with a position greater than this.
    public var afterPosition: Int64?
    /// Only events with a position at most this ("what was known at position P").
    public var atOrBeforePosition: Int64?
    /// `occurredAt` at or after the start of this instant or period (ISO-8601, see ``OccurredAt``).
    public var occurredFrom: String?
    /// `occurredAt` before the start of this instant or period.
    public var occurredBefore: String?
    /// `recordedAt` at or before this store-clock time ("what was known then").
    public var recordedAtOrBefore: String?
    public var limit: Int?

    public init(
        stream: String? = nil, streamPrefix: String? = nil, fromStreamVersion: Int? = nil,
        types: [String]? = nil, afterPosition: Int64? = nil, atOrBeforePosition: Int64? = nil,
        occurredFrom: String? = nil, occurredBefore: String? = nil, recordedAtOrBefore: String? = nil,
        limit: Int? = nil
    ) {
        self.stream = stream
        self.streamPrefix = streamPrefix
        self.fromStreamVersion = fromStreamVersion
        self.types = types
        self.afterPosition = afterPosition
        self.atOrBeforePosition = atOrBeforePosition
        self.occurredFrom = occurredFrom
        self.occurredBefore = occurredBefore
        self.recordedAtOrBefore = recordedAtOrBefore
        self.limit = limit
    }
}
