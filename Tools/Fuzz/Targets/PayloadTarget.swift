import Foundation
@_spi(DecodingPaths) import SeasonDomain

/// Every payload decoder, differentially: the hand-written reader (when the type has one) against
/// JSONDecoder, `decode` against the same without the fast path, `decodeStrict` against `decode`,
/// `seasonFacts` against the decoded event; and what is accepted re-encodes canonically and reads
/// back equal (and passes the strict check).
enum PayloadTarget {
    static func check(_ input: [UInt8]) throws(FuzzFinding) -> FuzzOutcome {
        guard let (type, payload) = splitFirstLine(input) else { return .refused }
        return try check(type: type, payload: payload, input: input)
    }

    static func check(type: String, payload bytes: [UInt8], input: [UInt8]) throws(FuzzFinding) -> FuzzOutcome {
        func finding(_ problem: String) -> FuzzFinding { FuzzFinding(.payload, input, "\(type): \(problem)") }
        let payload = Data(bytes)

        // The hand-written reader alone against JSONDecoder alone, before validation.
        if let fast = EventCatalogue.fastRead(type: type, payload: payload) {
            let reference: SeasonEvent
            do { reference = try EventCatalogue.jsonDecoderRead(type: type, payload: payload) } catch {
                throw finding("the fast reader accepts what JSONDecoder refuses (\(error))\n  fast: \(fast)")
            }
            guard reference == fast else { throw finding("the fast reader and JSONDecoder disagree\n  fast: \(fast)\n  JSONDecoder: \(reference)") }
        }

        // The catalogue's paths: with and without the fast reader, lenient and strict.
        let version = EventCatalogue.currentSchemaVersion(of: type) ?? 1
        let lenient = Result { () throws(EventPayloadError) in try EventCatalogue.decode(type: type, schemaVersion: version, payload: payload) }
        let reference = Result { () throws(EventPayloadError) in
            try EventCatalogue.decodeWithoutFastPath(type: type, schemaVersion: version, payload: payload)
        }
        let strict = Result { () throws(EventPayloadError) in try EventCatalogue.decodeStrict(type: type, schemaVersion: version, payload: payload) }
        switch (lenient, reference) {
        case (.success(let a), .success(let b)) where a != b:
            throw finding("decode and decode without the fast path disagree\n  decode: \(a)\n  reference: \(b)")
        case (.failure(let a), .failure(let b)) where a.description != b.description:
            throw finding("decode and decode without the fast path refuse differently\n  decode: \(a)\n  reference: \(b)")
        case (.success(let a), .failure(let b)): throw finding("decode accepts what the reference refuses (\(b))\n  decode: \(a)")
        case (.failure(let a), .success(let b)): throw finding("decode refuses what the reference accepts (\(a))\n  reference: \(b)")
        default: break
        }
        if case .success(let s) = strict, (try? lenient.get()) != s {
            throw finding("decodeStrict accepts what decode refuses or reads differently\n  strict: \(s)")
        }
        for case .failure(let error) in [lenient, strict] where error.description.isEmpty {
            throw finding("an error without a message")
        }
        guard case .success(let event) = lenient else { return .refused }

        try checkCanonical(event, type: type, version: version, finding)
        // The index's shortcut must agree with the decoded event whenever it answers.
        if let text = String(validating: bytes, as: UTF8.self) {
            try checkFacts(event, type: type, version: version, payload: text, finding)
        }
        return .accepted
    }

    /// Accepted: the canonical form reads back equal (strictly: it has no unknown field), and is a fixed point.
    private static func checkCanonical(
        _ event: SeasonEvent, type: String, version: Int,
        _ finding: (String) -> FuzzFinding
    ) throws(FuzzFinding) {
        let canonical = EventCatalogue.encode(event)
        guard canonical.type == type, canonical.schemaVersion == version else {
            throw finding("encodes as \(canonical.type) v\(canonical.schemaVersion)")
        }
        let again: SeasonEvent
        do {
            again = try EventCatalogue.decodeStrict(type: type, schemaVersion: version, payload: Data(canonical.payload.utf8))
        } catch {
            throw finding("the canonical form is refused: \(error)\n  canonical: \(canonical.payload)\n  value: \(event)")
        }
        guard again == event else {
            throw finding("the canonical form reads back different\n  canonical: \(canonical.payload)\n  value: \(event)\n  read back: \(again)")
        }
        let twice = EventCatalogue.encode(again).payload
        guard twice == canonical.payload else { throw finding("canonical form is not a fixed point\n  once: \(canonical.payload)\n  twice: \(twice)") }
        try checkFacts(event, type: type, version: version, payload: canonical.payload, finding)
    }

    private static func checkFacts(
        _ event: SeasonEvent, type: String, version: Int, payload: String,
        _ finding: (String) -> FuzzFinding
    ) throws(FuzzFinding) {
        guard let facts = EventCatalogue.seasonFacts(type: type, schemaVersion: version, payload: payload) else { return }
        var competitors: [String] = []
        event.forEachCompetitor { competitors.append($0) }
        let decoded = SeasonFacts(championship: event.championship, season: event.season, competitors: competitors)
        guard facts == decoded else {
            throw finding("seasonFacts disagree with the decoded event\n  facts: \(facts)\n  decoded: \(decoded)\n  payload: \(payload)")
        }
    }
}
