import EventStore
import Foundation
import SeasonDomain

/// The append format: one event per line, as a person or a tool writes it.
///
/// ```json
/// {"stream":"season:euro-rx-super1600:2018","type":"RoundCancelled","occurredAt":"2018-05-02",
///  "payload":{"championship":"euro-rx-super1600","season":2018,"round":3,"reason":"storm"},
///  "expectedVersion":12,"actor":"desk"}
/// ```
/// Required: `stream`, `type`, `occurredAt`, `payload`. Optional: `eventId` (UUID; generated,
/// time-ordered, when absent), `schemaVersion` (default: the type's current one), `expectedVersion`
/// (an integer, 0 for a new stream, or `"any"`), `actor`, `correlationId`, `causationId`.
public struct InputLine: Sendable, Equatable {
    public var line: Int
    public var stream: String
    public var expected: ExpectedVersion?
    public var event: NewEvent
    public var domainEvent: SeasonEvent

    public init(line: Int, stream: String, expected: ExpectedVersion?, event: NewEvent, domainEvent: SeasonEvent) {
        self.line = line
        self.stream = stream
        self.expected = expected
        self.event = event
        self.domainEvent = domainEvent
    }

    static let keys: Set<String> = ["stream", "type", "occurredAt", "payload", "eventId", "schemaVersion",
                                    "expectedVersion", "actor", "correlationId", "causationId"]

    /// Parses and validates one line: envelope fields, then the payload against the event catalogue.
    /// The payload is stored in the catalogue's canonical form.
    public static func parse(_ text: String, line: Int, defaultActor: String? = nil) throws(LineError) -> InputLine {
        func fail(_ reason: String) -> LineError { LineError(line: line, reason: reason) }
        do throws(LineError.Reason) {
            let members: [String: String]
            do { members = try JSONObjectScanner.members(of: text) } catch { throw LineError.Reason(error.description) }
            if let unknown = members.keys.sorted().first(where: { !keys.contains($0) }) {
                throw LineError.Reason("unknown field '\(unknown)' (expected \(keys.sorted().joined(separator: ", ")))")
            }
            let fields = FieldReader(members: members)
            let stream = try fields.string("stream")
            let type = try fields.string("type")
            let occurredAt = try fields.string("occurredAt")
            guard OccurredAt.isValid(occurredAt) else {
                throw LineError.Reason((OccurredAt.FormatError(text: occurredAt)).description)
            }
            guard let payload = members["payload"], payload.first == "{" else {
                throw LineError.Reason("payload: expected a JSON object")
            }
            let schemaVersion = try fields.optionalInt64("schemaVersion").map(Int.init)
            let domainEvent: SeasonEvent
            do {
                domainEvent = try EventCatalogue.decodeStrict(
                    type: type, schemaVersion: schemaVersion ?? EventCatalogue.currentSchemaVersion(of: type) ?? 1,
                    payload: Data(payload.utf8))
            } catch {
                throw LineError.Reason(error.description)
            }
            if let expectedStream = StreamNames.stream(for: domainEvent), expectedStream != stream {
                throw LineError.Reason("stream '\(stream)' is not where a \(type) belongs: use '\(expectedStream)'")
            }
            let canonical = EventCatalogue.encode(domainEvent)
            let event = NewEvent(
                eventId: try fields.optionalUUID("eventId") ?? UUID.timeOrdered(), type: canonical.type,
                schemaVersion: canonical.schemaVersion, occurredAt: occurredAt,
                actor: try fields.optionalString("actor") ?? defaultActor,
                correlationId: try fields.optionalString("correlationId"),
                causationId: try fields.optionalString("causationId"), payload: canonical.payload)
            return InputLine(line: line, stream: stream, expected: try expectedVersion(members["expectedVersion"]),
                             event: event, domainEvent: domainEvent)
        } catch {
            throw fail(error.text)
        }
    }

    private static func expectedVersion(_ text: String?) throws(LineError.Reason) -> ExpectedVersion? {
        guard let text, text != "null" else { return nil }
        if text == "\"any\"" { return .any }
        guard let version = Int(text), version >= 0 else {
            throw .init("expectedVersion: expected an integer (0 for a new stream) or \"any\", found \(text.prefix(40))")
        }
        return version == 0 ? .noStream : .exactly(version)
    }
}
