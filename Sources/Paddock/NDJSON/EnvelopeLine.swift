import EventStore
import Foundation

/// The export format: one full envelope per line, keys in a fixed order, the payload verbatim.
///
/// ```json
/// {"position":1,"eventId":"0193…","stream":"season:f1:1988","streamVersion":1,"type":"SeasonOpened",
///  "schemaVersion":1,"occurredAt":"1988-04-03","recordedAt":"2026-11-24T20:15:10.123456Z",
///  "actor":"import","correlationId":null,"causationId":null,"payload":{…},"hash":"9f…"}
/// ```
///
/// Export, import into an empty log, export again: the same bytes.
public enum EnvelopeLine {
    static let keys = ["position", "eventId", "stream", "streamVersion", "type", "schemaVersion", "occurredAt",
                       "recordedAt", "actor", "correlationId", "causationId", "payload", "hash"]

    public static func encode(_ event: RecordedEvent) -> String {
        var line = "{\"position\":\(event.position)"
        line += ",\"eventId\":\"\(event.eventId.lowercased)\""
        line += ",\"stream\":" + JSONText.quoted(event.stream)
        line += ",\"streamVersion\":\(event.streamVersion)"
        line += ",\"type\":" + JSONText.quoted(event.type)
        line += ",\"schemaVersion\":\(event.schemaVersion)"
        line += ",\"occurredAt\":" + JSONText.quoted(event.occurredAt)
        line += ",\"recordedAt\":" + JSONText.quoted(event.recordedAt)
        line += ",\"actor\":" + JSONText.quotedOrNull(event.actor)
        line += ",\"correlationId\":" + JSONText.quotedOrNull(event.correlationId)
        line += ",\"causationId\":" + JSONText.quotedOrNull(event.causationId)
        line += ",\"payload\":" + event.payload
        line += ",\"hash\":" + JSONText.quoted(event.hash) + "}"
        return line
    }

    /// Parses one exported line; the payload's text is kept exactly as written.
    public static func decode(_ line: String) throws(LineError.Reason) -> RecordedEvent {
        let members: [String: String]
        do { members = try JSONObjectScanner.members(of: line) } catch { throw .init(error.description) }
        if let unknown = members.keys.first(where: { !keys.contains($0) }) { throw .init("unknown field '\(unknown)'") }
        let fields = FieldReader(members: members)
        guard let payload = members["payload"], payload.first == "{" else { throw .init("payload: expected a JSON object") }
        return RecordedEvent(
            position: try fields.int64("position"), eventId: try fields.uuid("eventId"), stream: try fields.string("stream"),
            streamVersion: Int(try fields.int64("streamVersion")), type: try fields.string("type"),
            schemaVersion: Int(try fields.int64("schemaVersion")), occurredAt: try fields.string("occurredAt"),
            recordedAt: try fields.string("recordedAt"), actor: try fields.optionalString("actor"),
            correlationId: try fields.optionalString("correlationId"), causationId: try fields.optionalString("causationId"),
            payload: payload, hash: try hash(fields.string("hash")))
    }
}

extension EnvelopeLine {
    /// A chain hash as the log writes it: 64 lowercase hexadecimal digits.
    static func hash(_ text: String) throws(LineError.Reason) -> String {
        guard text.utf8.count == 64, text.utf8.allSatisfy({ (48...57).contains($0) || (97...102).contains($0) }) else {
            throw .init("hash: expected 64 lowercase hexadecimal digits, found \(JSONText.quoted(String(text.prefix(70))))")
        }
        return text
    }
}

/// Reads typed top-level fields from scanned members, naming the field that is wrong.
struct FieldReader {
    let members: [String: String]

    func optionalString(_ key: String) throws(LineError.Reason) -> String? {
        guard let text = members[key], text != "null" else { return nil }
        guard text.first == "\"", let value = try? JSONDecoder().decode(String.self, from: Data(text.utf8)) else {
            throw .init("\(key): expected a string, found \(text.prefix(40))")
        }
        return value
    }

    func string(_ key: String) throws(LineError.Reason) -> String {
        guard let value = try optionalString(key) else { throw .init("\(key): missing") }
        return value
    }

    func optionalInt64(_ key: String) throws(LineError.Reason) -> Int64? {
        guard let text = members[key], text != "null" else { return nil }
        guard let value = Int64(text) else { throw .init("\(key): expected an integer, found \(text.prefix(40))") }
        return value
    }

    func int64(_ key: String) throws(LineError.Reason) -> Int64 {
        guard let value = try optionalInt64(key) else { throw .init("\(key): missing") }
        return value
    }

    func uuid(_ key: String) throws(LineError.Reason) -> UUID {
        guard let value = try optionalUUID(key) else { throw .init("\(key): missing") }
        return value
    }

    func optionalUUID(_ key: String) throws(LineError.Reason) -> UUID? {
        guard let text = try optionalString(key) else { return nil }
        guard let value = UUID(uuidString: text) else { throw .init("\(key): '\(text)' is not a UUID") }
        return value
    }
}

/// A bad line of an NDJSON input: its number (from 1) and what is wrong with it.
public struct LineError: Error, Equatable, CustomStringConvertible {
    public struct Reason: Error, Equatable {
        public let text: String
        public init(_ text: String) { self.text = text }
    }

    public let line: Int
    public let reason: String

    public init(line: Int, reason: String) {
        self.line = line
        self.reason = reason
    }

    public var description: String { "line \(line): \(reason)" }
}
