import Foundation

/// The season domain's language: decoding, validating and encoding event payloads by type name.
///
/// ```swift
/// let event = try EventCatalogue.decodeStrict(type: "RoundCancelled", schemaVersion: 1,
///     payload: Data(#"{"championship":"euro-rx","season":2020,"round":3}"#.utf8))
/// let (type, version, json) = EventCatalogue.encode(event)
/// ```
public enum EventCatalogue {
    /// Every known type name, sorted.
    public static let eventTypes: [String] = registry.keys.sorted()

    /// The current schema version of a type, or nil for an unknown type.
    public static func currentSchemaVersion(of type: String) -> Int? { registry[type]?.schemaVersion }

    /// Decodes and validates a stored payload (fast path for replays: no unknown-field check).
    public static func decode(type: String, schemaVersion: Int, payload: Data) throws(EventPayloadError) -> SeasonEvent {
        let eventType = try lookup(type, schemaVersion)
        return try decodeAndValidate(eventType, payload)
    }

    /// Decodes and validates user input: also rejects fields the type does not define.
    public static func decodeStrict(type: String, schemaVersion: Int, payload: Data) throws(EventPayloadError) -> SeasonEvent {
        let eventType = try lookup(type, schemaVersion)
        let event = try decodeAndValidate(eventType, payload)
        if let unknown = UnknownFields.first(in: payload, comparedWith: canonicalData(event)) {
            throw EventPayloadError(path: "payload." + unknown, message: "unknown field (a typo?)")
        }
        return event
    }

    /// The canonical envelope parts of an event: its type, schema version and payload JSON
    /// (sorted keys, absent optionals omitted).
    public static func encode(_ event: SeasonEvent) -> (type: String, schemaVersion: Int, payload: String) {
        (event.eventType, event.schemaVersion, String(decoding: canonicalData(event), as: UTF8.self))
    }

    /// The canonical payload JSON of one typed event.
    public static func payloadJSON<E: DomainEvent>(_ event: E) -> String { encode(SeasonEvent(event)).payload }

    // MARK: - Internals

    private static func lookup(_ type: String, _ schemaVersion: Int) throws(EventPayloadError) -> any DomainEvent.Type {
        guard let eventType = registry[type] else {
            throw EventPayloadError(path: "type", message: "unknown event type '\(type)'; known types: \(eventTypes.joined(separator: ", "))")
        }
        guard schemaVersion >= 1, schemaVersion <= eventType.schemaVersion else {
            throw EventPayloadError(path: "schemaVersion",
                                    message: "\(type) has schema versions 1 to \(eventType.schemaVersion), not \(schemaVersion)")
        }
        return eventType
    }

    private static func decodeAndValidate(_ eventType: any DomainEvent.Type, _ payload: Data) throws(EventPayloadError) -> SeasonEvent {
        let event: any DomainEvent
        do {
            event = try JSONDecoder().decode(eventType, from: payload)
        } catch let error as DecodingError {
            throw EventPayloadError(error)
        } catch {
            throw EventPayloadError(path: "payload", message: "is not valid JSON")
        }
        var check = Validator()
        event.validate(&check)
        if let failure = check.failure { throw EventPayloadError(path: "payload." + failure.path, message: failure.message) }
        return SeasonEvent(event)
    }

    static func canonicalData(_ event: SeasonEvent) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Encoding plain value types cannot fail.
        return (try? encoder.encode(AnyDomainEvent(event.event))) ?? Data("{}".utf8)
    }
}

private struct AnyDomainEvent: Encodable {
    let event: any DomainEvent
    init(_ event: any DomainEvent) { self.event = event }
    func encode(to encoder: any Encoder) throws { try event.encode(to: encoder) }
}

/// A payload that does not fit its type, with the path of the field that is wrong.
public struct EventPayloadError: Error, Sendable, Equatable, CustomStringConvertible {
    /// e.g. `payload.results[2].status`.
    public var path: String
    public var message: String

    public init(path: String, message: String) {
        self.path = path
        self.message = message
    }

    init(_ error: DecodingError) {
        func render(_ path: [any CodingKey]) -> String {
            var text = "payload"
            for key in path {
                if let index = key.intValue { text += "[\(index)]" } else { text += "." + key.stringValue }
            }
            return text
        }
        switch error {
        case .keyNotFound(let key, let context):
            self.init(path: render(context.codingPath + [key]), message: "missing")
        case .valueNotFound(_, let context):
            self.init(path: render(context.codingPath), message: "missing (null)")
        case .typeMismatch(let type, let context):
            let expected: String
            switch type {
            case is Int.Type, is Int64.Type: expected = "an integer"
            case is String.Type: expected = "a string"
            case is Bool.Type: expected = "true or false"
            case is Double.Type, is Decimal.Type: expected = "a number"
            default: expected = String(describing: type).hasPrefix("Array") ? "a list" : "an object"
            }
            self.init(path: render(context.codingPath), message: "expected \(expected)")
        case .dataCorrupted(let context):
            let message = context.codingPath.isEmpty && context.underlyingError != nil ? "is not valid JSON" : context.debugDescription
            self.init(path: render(context.codingPath), message: message)
        @unknown default:
            self.init(path: "payload", message: "\(error)")
        }
    }

    public var description: String { "\(path): \(message)" }
}
