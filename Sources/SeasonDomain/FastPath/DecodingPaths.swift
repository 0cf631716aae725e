import Foundation

// Each way of decoding a payload on its own, for the tests and fuzzers that hold the hand-written
// readers to JSONDecoder: both accept and agree, or the hand-written reader gives up. Production code
// calls `decode` or `decodeStrict`, which pick the path.
extension EventCatalogue {
    /// Whether `type` has a hand-written reader.
    @_spi(DecodingPaths) public static func hasFastReader(_ type: String) -> Bool { registry[type]?.fast != nil }

    /// The hand-written reader alone, before validation: nil when the type has none or the reader gives up.
    ///
    /// ```swift
    /// let fast = EventCatalogue.fastRead(type: "Note", payload: Data(#"{"text":"a"}"#.utf8))
    /// ```
    @_spi(DecodingPaths) public static func fastRead(type: String, payload: Data) -> SeasonEvent? {
        registry[type]?.fast?(payload)
    }

    /// JSONDecoder alone, before validation (what the hand-written reader must agree with).
    @_spi(DecodingPaths) public static func jsonDecoderRead(type: String, payload: Data) throws -> SeasonEvent {
        guard let entry = registry[type] else { throw EventPayloadError(kind: .unknownType, path: "type", message: "unknown event type '\(type)'") }
        return try entry.decode(JSONDecoder(), payload)
    }

    /// `decode` without the hand-written reader: JSONDecoder, then validation. `decode` must give
    /// the same value or the same error.
    @_spi(DecodingPaths) public static func decodeWithoutFastPath(type: String, schemaVersion: Int, payload: Data) throws(EventPayloadError) -> SeasonEvent {
        try decodeAndValidate(try lookup(type, schemaVersion), payload)
    }
}
