import Foundation

/// An event on its way into the log: what the caller says happened.
///
/// The store adds the rest of the envelope (position, stream version, `recordedAt`, hash).
///
/// ```swift
/// let event = try NewEvent(
///     type: "Note", occurredAt: "2018-06-10T15:30:00+02:00",
///     payload: #"{"text":"Kallio wins in Norway"}"#)
/// try await store.append([event], to: "season:euro-rx-super1600:2018", expecting: .any)
/// ```
public struct NewEvent: Sendable, Hashable {
    /// The idempotency key. Paddock generates time-ordered ids (UUIDv7 layout) when none is given.
    public var eventId: UUID
    /// The event's type name, e.g. `SessionClassified`.
    public var type: String
    /// The payload's schema version for that type.
    public var schemaVersion: Int
    /// When it happened at the track: ISO-8601 as given (see ``OccurredAt``).
    public var occurredAt: String
    /// Who recorded it (a token name, a tool, a person).
    public var actor: String?
    /// Groups the events of one request or import.
    public var correlationId: String?
    /// What caused this event (usually another event's id).
    public var causationId: String?
    /// The payload as JSON text.
    public var payload: String

    public init(
        eventId: UUID = UUID.timeOrdered(),
        type: String,
        schemaVersion: Int = 1,
        occurredAt: String,
        actor: String? = nil,
        correlationId: String? = nil,
        causationId: String? = nil,
        payload: String
    ) {
        self.eventId = eventId
        self.type = type
        self.schemaVersion = schemaVersion
        self.occurredAt = occurredAt
        self.actor = actor
        self.correlationId = correlationId
        self.causationId = causationId
        self.payload = payload
    }
}
