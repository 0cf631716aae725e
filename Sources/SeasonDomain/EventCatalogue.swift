import Foundation

/// The season domain's language: decoding, validating and encoding event payloads by type name.
///
/// - `decode` is the fast path for replaying stored (already validated) events: decode and validate.
/// - `decodeStrict` is for user input (append, import): it also refuses fields the type does not define.
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
    public static func currentSchemaVersion(of type: String) -> Int? { registry[type]?.type.schemaVersion }

    // MARK: Decoding

    /// Decodes and validates a stored payload: the fast path for replays (no unknown-field check).
    public static func decode(type: String, schemaVersion: Int, payload: Data) throws(EventPayloadError) -> SeasonEvent {
        // Every schema starts at 1, so version 1 of a type with a hand-written reader needs no table:
        // no hashing of the type's name, and no closure shared by every core to retain and release.
        if schemaVersion == 1, let event = fastRead(type, payload) {
            do { try event.validate() } catch { throw EventPayloadError(error) }
            return event
        }
        let entry = try lookup(type, schemaVersion)
        return try decodeFastOrFull(entry, payload)
    }

    /// The hand-written readers by type name (as registered in ``registry``); nil for another type
    /// or when the reader gives up.
    static func fastRead(_ type: String, _ payload: Data) -> SeasonEvent? {
        switch type {
        case "SessionClassified": SessionClassified(fast: payload).map(SeasonEvent.sessionClassified)
        case "RetirementRecorded": RetirementRecorded(fast: payload).map(SeasonEvent.retirementRecorded)
        case "EntryConfirmed": EntryConfirmed(fast: payload).map(SeasonEvent.entryConfirmed)
        case "RoundScheduled": RoundScheduled(fast: payload).map(SeasonEvent.roundScheduled)
        case "ResultCorrected": ResultCorrected(fast: payload).map(SeasonEvent.resultCorrected)
        case "Note": Note(fast: payload).map(SeasonEvent.note)
        case "StartingGridRecorded": StartingGridRecorded(fast: payload).map(SeasonEvent.startingGridRecorded)
        case "FastestLapsRecorded": FastestLapsRecorded(fast: payload).map(SeasonEvent.fastestLapsRecorded)
        case "QualifyingRecorded": QualifyingRecorded(fast: payload).map(SeasonEvent.qualifyingRecorded)
        case "PitStopsRecorded": PitStopsRecorded(fast: payload).map(SeasonEvent.pitStopsRecorded)
        default: nil
        }
    }

    /// Decodes and validates user input, and refuses fields the type does not define (typo protection:
    /// `payload.resluts: unknown field`). What it accepts is what will be stored: the canonical form
    /// decodes again to an equal value, or the input is refused.
    public static func decodeStrict(type: String, schemaVersion: Int, payload: Data) throws(EventPayloadError) -> SeasonEvent {
        try decodeStrictCanonical(type: type, schemaVersion: schemaVersion, payload: payload).event
    }

    /// ``decodeStrict(type:schemaVersion:payload:)`` that also returns the canonical payload it
    /// checked (what `encode` gives), so that a caller storing it does not encode it again.
    public static func decodeStrictCanonical(type: String, schemaVersion: Int, payload: Data)
        throws(EventPayloadError) -> (event: SeasonEvent, canonical: Data)
    {
        let entry = try lookup(type, schemaVersion)
        if let number = ExactNumbers.firstInexact(in: payload) {
            throw EventPayloadError(
                kind: .invalidValue, path: "payload",
                message:
                    "number \(number) cannot be stored exactly (JSON readers take it as a nearby value); write it with fewer digits, or points as a fraction string (\"1/7\")"
            )
        }
        let event = try decodeFastOrFull(entry, payload)
        let canonical = canonicalData(event)
        switch UnknownFields.find(in: payload, comparedWith: canonical) {
        case .none: break
        case .unknown(let path):
            throw EventPayloadError(
                kind: .unknownField, path: EventPayloadError.payloadPath(path),
                message: "unknown field (not defined by \(type))")
        case .unreadable:
            throw EventPayloadError(
                kind: .invalidJSON, path: "payload",
                message: "is not valid JSON as Foundation reads it (a number out of range, such as 1e400?)")
        }
        let reread = try? decodeFastOrFull(entry, canonical)
        guard reread == event else {
            throw EventPayloadError(
                kind: .invalidValue, path: "payload",
                message: "cannot be stored exactly: its stored form would read back as another value (a number JSON cannot carry exactly?)")
        }
        return (event, canonical)
    }

    // MARK: Encoding

    /// The canonical envelope parts of an event: its type, schema version and payload JSON
    /// (sorted keys, unescaped slashes, absent optionals omitted). `decode(encode(x)) == x`.
    public static func encode(_ event: SeasonEvent) -> (type: String, schemaVersion: Int, payload: String) {
        (event.eventType, event.schemaVersion, String(decoding: canonicalData(event), as: UTF8.self))
    }

    // MARK: Internals

    static func lookup(_ type: String, _ schemaVersion: Int) throws(EventPayloadError) -> CatalogueEntry {
        guard let entry = registry[type] else {
            throw EventPayloadError(
                kind: .unknownType, path: "type",
                message: "unknown event type '\(type)'; known types: \(eventTypes.joined(separator: ", "))")
        }
        let current = entry.type.schemaVersion
        guard schemaVersion >= 1, schemaVersion <= current else {
            let message =
                schemaVersion > current
                ? "\(type) schema version \(schemaVersion) is newer than this build supports (\(current)); upgrade Paddock"
                : "\(type) schema versions start at 1, found \(schemaVersion)"
            throw EventPayloadError(kind: .unsupportedSchemaVersion, path: "schemaVersion", message: message)
        }
        return entry
    }

    /// The hand-written reader when the type has one and it is sure; else JSONDecoder. Then validation.
    private static func decodeFastOrFull(_ entry: CatalogueEntry, _ payload: Data) throws(EventPayloadError) -> SeasonEvent {
        if let fast = entry.fast, let event = fast(payload) {
            do { try event.validate() } catch { throw EventPayloadError(error) }
            return event
        }
        return try decodeAndValidate(entry, payload)
    }

    static func decodeAndValidate(_ entry: CatalogueEntry, _ payload: Data) throws(EventPayloadError) -> SeasonEvent {
        let event: SeasonEvent
        do {
            event = try entry.decode(JSONDecoder(), payload)
        } catch let error as DecodingError {
            throw EventPayloadError(error, payload: payload) { data in
                do { _ = try entry.decode(JSONDecoder(), data); return nil } catch { return error }
            }
        } catch {
            throw EventPayloadError(kind: .invalidJSON, path: "payload", message: "is not valid JSON")
        }
        do {
            try event.validate()
        } catch {
            throw EventPayloadError(error)
        }
        return event
    }

    /// The canonical payload: the hand-written writer for the common types (``CanonicalJSON``), else
    /// JSONEncoder (the reference, ``referenceData(_:)``).
    static func canonicalData(_ event: SeasonEvent) -> Data {
        if let bytes = CanonicalJSON.payload(event) { return Data(bytes) }
        return canonicalData(event.event)
    }

    /// The canonical payload as JSONEncoder writes it: what ``CanonicalJSON`` is tested against.
    static func referenceData(_ event: SeasonEvent) -> Data { canonicalData(event.event) }

    static func canonicalData(_ event: any DomainEvent) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        do {
            return try encoder.encode(event)
        } catch {
            // Plain value types with finite numbers cannot fail to encode.
            preconditionFailure("encoding \(Swift.type(of: event).eventType) failed: \(error)")
        }
    }
}
