import Chronology
import EventStore
import Foundation
import JSONToolkit
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

    static let keys: Set<String> = [
        "stream", "type", "occurredAt", "payload", "eventId", "schemaVersion",
        "expectedVersion", "actor", "correlationId", "causationId"
    ]

    /// The members in the order ``Member`` numbers them.
    private static let memberNames: [[UInt8]] = [
        "stream", "type", "occurredAt", "payload", "eventId", "schemaVersion", "expectedVersion", "actor", "correlationId", "causationId"
    ].map { Array($0.utf8) }

    private enum Member {
        static let stream = 0, type = 1, occurredAt = 2, payload = 3, eventId = 4, schemaVersion = 5, expectedVersion = 6
        static let actor = 7, correlationId = 8, causationId = 9
    }

    /// Parses and validates one line: envelope fields, then the payload against the event catalogue.
    /// The payload is stored in the catalogue's canonical form.
    public static func parse(_ text: String, line: Int, defaultActor: String? = nil) throws(LineError) -> InputLine {
        var text = text
        var scratch: [JSONMember] = []
        let parsed: Result<InputLine, LineError> = text.withUTF8 { bytes in
            do throws(LineError) {
                return .success(try parse(bytes: bytes, line: line, defaultActor: defaultActor, eventIdIfAbsent: nil, scratch: &scratch))
            } catch {
                return .failure(error)
            }
        }
        return try parsed.get()
    }

    /// Parses one line from its UTF-8 bytes (valid UTF-8, checked by the caller). A line without an
    /// `eventId` gets `eventIdIfAbsent`, or a fresh time-ordered id when that is nil. `scratch` is
    /// reused from line to line.
    static func parse(
        bytes: UnsafeBufferPointer<UInt8>, line: Int, defaultActor: String?, eventIdIfAbsent: UUID?,
        scratch: inout [JSONMember]
    ) throws(LineError) -> InputLine {
        try LineObject.scan(bytes, line: line, into: &scratch)
        return try parse(bytes: bytes, scanned: scratch, line: line, defaultActor: defaultActor, eventIdIfAbsent: eventIdIfAbsent)
    }

    /// Parses one line whose members ``LineObject/scan(_:into:)`` found already (the scan a role
    /// check read the type from), without scanning it again.
    static func parse(
        bytes: UnsafeBufferPointer<UInt8>, scanned members: [JSONMember], line: Int, defaultActor: String?,
        eventIdIfAbsent: UUID?
    ) throws(LineError) -> InputLine {
        do throws(LineError.Reason) {
            let fields = KnownMembers(bytes, members, names: memberNames)
            if let unknown = fields.unknown.sorted().first {
                throw LineError.Reason("unknown field '\(unknown)' (expected \(keys.sorted().joined(separator: ", ")))")
            }
            let stream = try fields.string(Member.stream, "stream")
            let type = try fields.string(Member.type, "type")
            let occurredAt = try fields.string(Member.occurredAt, "occurredAt")
            guard OccurredAt.isValid(occurredAt) else {
                throw LineError.Reason((OccurredAt.FormatError(text: occurredAt)).description)
            }
            guard let payload = fields.ranges[Member.payload], bytes[payload.lowerBound] == UInt8(ascii: "{") else {
                throw LineError.Reason("payload: expected a JSON object")
            }
            let schemaVersion = try fields.optionalInt64(Member.schemaVersion, "schemaVersion").map { Int(truncatingIfNeeded: $0) }
            let checked: (event: SeasonEvent, canonical: Data)
            do {
                checked = try EventCatalogue.decodeStrictCanonical(
                    type: type, schemaVersion: schemaVersion ?? EventCatalogue.currentSchemaVersion(of: type) ?? 1,
                    payload: Data(UnsafeBufferPointer(rebasing: bytes[payload])))
            } catch {
                throw LineError.Reason(error.description)
            }
            let domainEvent = checked.event
            if let expectedStream = StreamName.of(domainEvent)?.text, expectedStream != stream {
                throw LineError.Reason("stream '\(stream)' is not where a \(type) belongs: use '\(expectedStream)'")
            }
            let event = NewEvent(
                eventId: try fields.optionalUUID(Member.eventId, "eventId") ?? eventIdIfAbsent ?? UUID.timeOrdered(),
                type: domainEvent.eventType, schemaVersion: domainEvent.schemaVersion, occurredAt: occurredAt,
                actor: try fields.optionalString(Member.actor, "actor") ?? defaultActor,
                correlationId: try fields.optionalString(Member.correlationId, "correlationId"),
                causationId: try fields.optionalString(Member.causationId, "causationId"),
                payload: String(decoding: checked.canonical, as: UTF8.self))
            return InputLine(
                line: line, stream: stream, expected: try expectedVersion(fields.text(Member.expectedVersion)),
                event: event, domainEvent: domainEvent)
        } catch {
            throw LineError(line: line, reason: error.text)
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
