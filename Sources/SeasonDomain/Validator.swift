/// A payload that decodes but breaks a rule (a round 0, an end before the start).
///
/// - `path`: the field, relative to the payload, in dotted/indexed form (`results[2].position`).
/// - `message`: what is wrong.
public struct EventValidationError: Error, Sendable, Hashable, CustomStringConvertible {
    public var path: String
    public var message: String

    public init(path: String, message: String) {
        self.path = path
        self.message = message
    }

    public var description: String { "\(path): \(message)" }
}

/// Collects the first validation problem with the field path it concerns. Later checks are skipped
/// once one failed, so messages are only built for the failure.
public struct Validator: Sendable {
    /// The first problem found, if any.
    public private(set) var failure: EventValidationError?

    public init() {}

    /// Records a problem at `path` (relative to the payload) unless `condition` holds.
    public mutating func require(_ condition: @autoclosure () -> Bool, _ path: @autoclosure () -> String,
                                 _ message: @autoclosure () -> String) {
        guard failure == nil, !condition() else { return }
        failure = EventValidationError(path: path(), message: message())
    }

    /// An id: 1 to 100 characters, no whitespace, no `:` (`jesse-kallio`, `euro-rx-super1600`).
    public mutating func id(_ value: String?, _ path: @autoclosure () -> String) {
        guard failure == nil, let value else { return }
        require(Self.isID(value), path(),
                value.isEmpty ? "must not be empty" : "\"\(value)\" is not an id: use 1 to 100 characters without spaces or ':' (e.g. jesse-kallio)")
    }

    /// 1 to 100 UTF-8 bytes, no whitespace, no `:`. Scans bytes (ASCII) or scalars, never Characters.
    static func isID(_ value: String) -> Bool {
        let utf8 = value.utf8
        guard !utf8.isEmpty, utf8.count <= 100 else { return false }
        var ascii = true
        for byte in utf8 {
            if byte >= 0x80 { ascii = false; break }
            if byte == UInt8(ascii: ":") || byte == 0x20 || (0x09...0x0D).contains(byte) { return false }
        }
        return ascii || !value.unicodeScalars.contains { $0 == ":" || $0.properties.isWhitespace }
    }

    /// A season year, 1900...2100.
    public mutating func season(_ value: Int?, _ path: String = "season") {
        guard let value else { return }
        require((1900...2100).contains(value), path, "must be a year between 1900 and 2100, found \(value)")
    }

    /// A season that may be absent (a career-wide fact): championship and season both or neither.
    public mutating func optionalSeason(_ championship: String?, _ season: Int?) {
        id(championship, "championship")
        self.season(season)
        require((championship == nil) == (season == nil), championship == nil ? "championship" : "season",
                "championship and season go together")
    }

    /// A 1-based round number.
    public mutating func round(_ value: Int?, _ path: @autoclosure () -> String = "round") {
        guard let value else { return }
        require(value >= 1, path(), "must be 1 or more, found \(value)")
    }

    /// Text that must not be blank when present.
    public mutating func text(_ value: String?, _ path: @autoclosure () -> String) {
        guard failure == nil, let value else { return }
        require(value.utf8.contains { $0 > 0x20 } && value.unicodeScalars.contains { !$0.properties.isWhitespace }, path(), "must not be empty")
    }

    /// An end date not before the start (a vaguer end that contains the start is fine).
    public mutating func dates(_ start: PartialDate, _ end: PartialDate?, _ path: String = "endDate") {
        guard let end else { return }
        require(end >= start || end.contains(start), path, "must not be before startDate (\(start))")
    }
}
