import Foundation
import SeasonDomain

/// What a projection needs to know of an event's envelope: where it sits in the log and its two times.
public struct EventMeta: Sendable, Hashable, Codable {
    public var position: Int64
    public var eventId: UUID
    public var stream: String
    /// When it happened at the track, ISO-8601 as given.
    public var occurredAt: String
    /// When the log took it (store clock text).
    public var recordedAt: String

    public init(position: Int64, eventId: UUID, stream: String, occurredAt: String, recordedAt: String) {
        self.position = position
        self.eventId = eventId
        self.stream = stream
        self.occurredAt = occurredAt
        self.recordedAt = recordedAt
    }
}

/// A decoded event with its envelope: the input of every projection fold.
public struct DomainEnvelope: Sendable, Equatable {
    public var meta: EventMeta
    public var event: SeasonEvent

    public init(meta: EventMeta, event: SeasonEvent) {
        self.meta = meta
        self.event = event
    }
}
