import Chronology
import EventStore
import Foundation
import Paddock
import SeasonDomain

/// The two NDJSON line parsers: `InputLine.parse` (append) and `EnvelopeLine.decode` (import).
enum LineTargets {
    static let lineNumber = 7

    /// Accepted: valid JSON, the payload stored canonical, the occurredAt valid, and the line written
    /// back canonically parses to an equal value. Refused: a `LineError` naming the line.
    static func checkInputLine(_ input: [UInt8]) throws(FuzzFinding) -> FuzzOutcome {
        func finding(_ problem: String) -> FuzzFinding { FuzzFinding(.line, input, problem) }
        let text = String(decoding: input, as: UTF8.self)
        let parsed: InputLine
        do {
            parsed = try InputLine.parse(text, line: lineNumber)
        } catch {
            guard error.line == lineNumber, !error.reason.isEmpty else { throw finding("an error that names no line or reason: \(error)") }
            return .refused
        }
        guard isJSONObject(text) else { throw finding("accepted a line that is not valid JSON") }
        let event = parsed.event
        let canonical = EventCatalogue.encode(parsed.domainEvent)
        guard canonical.payload == event.payload, canonical.type == event.type, canonical.schemaVersion == event.schemaVersion else {
            throw finding("the stored payload is not the canonical form of the decoded event: \(event.payload)")
        }
        guard OccurredAt.isValid(event.occurredAt) else { throw finding("accepted occurredAt '\(event.occurredAt)'") }
        let written = canonicalLine(parsed)
        let again: InputLine
        do { again = try InputLine.parse(written, line: lineNumber) } catch {
            throw finding("the line written back is refused: \(error)\n  written: \(written)")
        }
        guard again == parsed else { throw finding("the line written back parses differently\n  written: \(written)") }
        return .accepted
    }

    /// An accepted line, written with every field it carries (the generated event id included).
    static func canonicalLine(_ line: InputLine) -> String {
        let e = line.event
        var out = "{\"stream\":\(quoted(line.stream)),\"type\":\(quoted(e.type)),\"occurredAt\":\(quoted(e.occurredAt))"
        out += ",\"eventId\":\(quoted(e.eventId.uuidString)),\"schemaVersion\":\(e.schemaVersion)"
        switch line.expected {
        case nil: break
        case .any?: out += ",\"expectedVersion\":\"any\""
        case .noStream?: out += ",\"expectedVersion\":0"
        case .exactly(let version)?: out += ",\"expectedVersion\":\(version)"
        }
        for (key, value) in [("actor", e.actor), ("correlationId", e.correlationId), ("causationId", e.causationId)] {
            if let value { out += ",\"\(key)\":\(quoted(value))" }
        }
        return out + ",\"payload\":\(e.payload)}"
    }

    /// Accepted: valid JSON (a payload that is not is refused by the check `import events` runs on it); written back by `EnvelopeLine.encode`, it decodes equal, and that line is a fixed point.
    /// Refused: a reason.
    static func checkEnvelope(_ input: [UInt8]) throws(FuzzFinding) -> FuzzOutcome {
        func finding(_ problem: String) -> FuzzFinding { FuzzFinding(.envelope, input, problem) }
        let text = String(decoding: input, as: UTF8.self)
        let decoded: RecordedEvent
        do { decoded = try EnvelopeLine.decode(text) } catch {
            guard !error.text.isEmpty else { throw finding("an error without a reason") }
            return .refused
        }
        // The payload is kept verbatim (its bytes are hashed); `import events` holds it to what append checks.
        if !isJSONObject(decoded.payload) {
            if let accepted = try? EventCatalogue.decodeStrict(
                type: decoded.type, schemaVersion: decoded.schemaVersion,
                payload: Data(decoded.payload.utf8))
            {
                throw finding("a payload that is not valid JSON passes import's check: \(accepted)")
            }
        } else if !isJSONObject(text) {
            throw finding("accepted a line that is not valid JSON")
        }
        let written = EnvelopeLine.encode(decoded)
        let again: RecordedEvent
        do { again = try EnvelopeLine.decode(written) } catch {
            throw finding("the line written back is refused: \(error.text)\n  written: \(written)")
        }
        guard again == decoded else { throw finding("the line written back decodes differently\n  written: \(written)") }
        guard EnvelopeLine.encode(again) == written else { throw finding("the written line is not a fixed point: \(written)") }
        return .accepted
    }

    static func quoted(_ text: String) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .withoutEscapingSlashes
        return (try? String(decoding: encoder.encode(text), as: UTF8.self)) ?? "\"\""
    }

    /// Whether Foundation reads the text as one JSON object.
    static func isJSONObject(_ text: String) -> Bool {
        (try? JSONSerialization.jsonObject(with: Data(text.utf8))) is [String: Any]
    }
}
