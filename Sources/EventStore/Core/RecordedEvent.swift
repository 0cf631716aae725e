import Foundation

/// An event as the log holds it: the full envelope of one row of the `events` table.
public struct RecordedEvent: Sendable, Hashable {
    /// Global, gapless position in the log, starting at 1.
    public var position: Int64
    public var eventId: UUID
    /// The stream it belongs to, e.g. `season:euro-rx-super1600:2018`.
    public var stream: String
    /// 1-based version of the event within its stream.
    public var streamVersion: Int
    public var type: String
    public var schemaVersion: Int
    /// When it happened at the track, ISO-8601 as given.
    public var occurredAt: String
    /// When the log took it: store clock, UTC, never decreasing (`2026-11-24T20:15:10.123456Z`).
    public var recordedAt: String
    public var actor: String?
    public var correlationId: String?
    public var causationId: String?
    /// The payload as JSON text.
    public var payload: String
    /// SHA-256 (hex) of the previous row's hash and this row's canonical bytes.
    public var hash: String

    public init(
        position: Int64, eventId: UUID, stream: String, streamVersion: Int, type: String,
        schemaVersion: Int, occurredAt: String, recordedAt: String, actor: String?,
        correlationId: String?, causationId: String?, payload: String, hash: String
    ) {
        self.position = position
        self.eventId = eventId
        self.stream = stream
        self.streamVersion = streamVersion
        self.type = type
        self.schemaVersion = schemaVersion
        self.occurredAt = occurredAt
        self.recordedAt = recordedAt
        self.actor = actor
        self.correlationId = correlationId
        self.causationId = causationId
        self.payload = payload
        self.hash = hash
    }

    /// The caller's part of the envelope, as it was appended.
    public var newEvent: NewEvent {
        NewEvent(
            eventId: eventId, type: type, schemaVersion: schemaVersion, occurredAt: occurredAt,
            actor: actor, correlationId: correlationId, causationId: causationId, payload: payload)
    }
}
