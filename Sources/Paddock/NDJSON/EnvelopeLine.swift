import EventStore
import Foundation
import JSONToolkit

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
    static let keys = [
        "position", "eventId", "stream", "streamVersion", "type", "schemaVersion", "occurredAt",
        "recordedAt", "actor", "correlationId", "causationId", "payload", "hash"
    ]
    private static let keyBytes: [[UInt8]] = keys.map { Array($0.utf8) }

    public static func encode(_ event: RecordedEvent) -> String {
        var bytes: [UInt8] = []
        write(event, into: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends the event's line (without a newline) to `out`: the bytes ``encode(_:)`` returns.
    public static func write(_ event: RecordedEvent, into out: inout [UInt8]) {
        func literal(_ text: StaticString) { out.append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount)) }
        func quotedOrNull(_ text: String?) {
            if let text { JSONWriter.appendQuoted(text, to: &out) } else { literal("null") }
        }
        literal("{\"position\":")
        JSONWriter.appendDecimal(event.position, to: &out)
        literal(",\"eventId\":\"")
        appendUUID(event.eventId, to: &out)
        literal("\",\"stream\":")
        JSONWriter.appendQuoted(event.stream, to: &out)
        literal(",\"streamVersion\":")
        JSONWriter.appendDecimal(Int64(event.streamVersion), to: &out)
        literal(",\"type\":")
        JSONWriter.appendQuoted(event.type, to: &out)
        literal(",\"schemaVersion\":")
        JSONWriter.appendDecimal(Int64(event.schemaVersion), to: &out)
        literal(",\"occurredAt\":")
        JSONWriter.appendQuoted(event.occurredAt, to: &out)
        literal(",\"recordedAt\":")
        JSONWriter.appendQuoted(event.recordedAt, to: &out)
        literal(",\"actor\":")
        quotedOrNull(event.actor)
        literal(",\"correlationId\":")
        quotedOrNull(event.correlationId)
        literal(",\"causationId\":")
        quotedOrNull(event.causationId)
        literal(",\"payload\":")
        out.append(contentsOf: event.payload.utf8)
        literal(",\"hash\":")
        // Escaped like any text: a hash read from elsewhere is not trusted to be hexadecimal.
        JSONWriter.appendQuoted(event.hash, to: &out)
        literal("}")
    }

    /// Parses one exported line; the payload's text is kept exactly as written.
    public static func decode(_ line: String) throws(LineError.Reason) -> RecordedEvent {
        var line = line
        var scratch: [JSONMember] = []
        let decoded: Result<RecordedEvent, LineError.Reason> = line.withUTF8 { bytes in
            do throws(LineError.Reason) { return .success(try decode(bytes: bytes, scratch: &scratch)) } catch { return .failure(error) }
        }
        return try decoded.get()
    }

    /// Parses one exported line from its UTF-8 bytes (valid UTF-8, checked by the caller).
    static func decode(bytes: UnsafeBufferPointer<UInt8>, scratch: inout [JSONMember]) throws(LineError.Reason) -> RecordedEvent {
        try LineObject.scan(bytes, into: &scratch)
        let fields = KnownMembers(bytes, scratch, names: keyBytes)
        if let unknown = fields.unknown.first { throw .init("unknown field '\(unknown)'") }
        guard let payload = fields.ranges[11], bytes[payload.lowerBound] == UInt8(ascii: "{") else {
            throw .init("payload: expected a JSON object")
        }
        return RecordedEvent(
            position: try fields.int64(0, "position"), eventId: try fields.uuid(1, "eventId"), stream: try fields.string(2, "stream"),
            streamVersion: Int(truncatingIfNeeded: try fields.int64(3, "streamVersion")), type: try fields.string(4, "type"),
            schemaVersion: Int(truncatingIfNeeded: try fields.int64(5, "schemaVersion")), occurredAt: try fields.string(6, "occurredAt"),
            recordedAt: try fields.string(7, "recordedAt"), actor: try fields.optionalString(8, "actor"),
            correlationId: try fields.optionalString(9, "correlationId"), causationId: try fields.optionalString(10, "causationId"),
            payload: String(decoding: UnsafeBufferPointer(rebasing: bytes[payload]), as: UTF8.self),
            hash: try hash(fields.string(12, "hash")))
    }

    /// The id's lowercase text (`0193a4c2-…`), as envelopes write it.
    private static func appendUUID(_ id: UUID, to out: inout [UInt8]) {
        let hex: StaticString = "0123456789abcdef"
        withUnsafeBytes(of: id.uuid) { raw in
            for (index, byte) in raw.enumerated() {
                if index == 4 || index == 6 || index == 8 || index == 10 { out.append(45) }
                out.append(hex.utf8Start[Int(byte >> 4)])
                out.append(hex.utf8Start[Int(byte & 15)])
            }
        }
    }

    /// A chain hash as the log writes it: 64 lowercase hexadecimal digits.
    static func hash(_ text: String) throws(LineError.Reason) -> String {
        guard text.utf8.count == 64, text.utf8.allSatisfy({ (48...57).contains($0) || (97...102).contains($0) }) else {
            throw .init("hash: expected 64 lowercase hexadecimal digits, found \(JSONWriter.quoted(String(text.prefix(70))))")
        }
        return text
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
