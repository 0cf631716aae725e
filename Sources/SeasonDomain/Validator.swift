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
    public mutating func require(
        _ condition: @autoclosure () -> Bool, _ path: @autoclosure () -> String,
        _ message: @autoclosure () -> String
    ) {
        guard failure == nil, !condition() else { return }
        failure = EventValidationError(path: path(), message: message())
    }

    /// An id: 1 to 100 of `a-z`, `0-9`, `-`, `_`, `.`, starting with a letter or a digit
    /// (`jesse-kallio`, `euro-rx-super1600`, `ss7`). One spelling per id: no capitals, no accents, no
    /// spaces or control characters, so two spellings of one season can never become two streams.
    public mutating func id(_ value: String?, _ path: @autoclosure () -> String) {
        guard failure == nil, let value else { return }
        guard !Self.isID(value) else { return }
        let shown = Self.quoted(value)
        let message: String
        if value.isEmpty {
            message = "must not be empty"
        } else if let suggestion = Self.suggestedID(for: value), suggestion != value {
            message = "\(shown) is not an id: use 1 to 100 of a-z, 0-9, '-', '_', '.', starting with a letter or digit (did you mean \"\(suggestion)\"?)"
        } else {
            message = "\(shown) is not an id: use 1 to 100 of a-z, 0-9, '-', '_', '.', starting with a letter or digit (e.g. jesse-kallio)"
        }
        require(false, path(), message)
    }

    /// The id grammar: `[a-z0-9][a-z0-9._-]{0,99}`, checked on bytes.
    public static func isID(_ value: String) -> Bool {
        let utf8 = value.utf8
        guard Limits.idLength.contains(utf8.count), let first = utf8.first, isLowerAlphanumeric(first) else { return false }
        for byte in utf8 where !(isLowerAlphanumeric(byte) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ".")) {
            return false
        }
        return true
    }

    private static func isLowerAlphanumeric(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }

    /// The id a careless spelling most likely meant: lower case, accents folded, spaces as `-`
    /// ("Kimi Räikkönen" -> "kimi-raikkonen"); nil when nothing usable is left.
    public static func suggestedID(for value: String) -> String? {
        let folded = value.prefix(200).decomposedStringWithCanonicalMapping.unicodeScalars
            .filter { $0.properties.generalCategory != .nonspacingMark }
        var out = ""
        for scalar in folded {
            let lower = Character(scalar).lowercased()
            if lower.utf8.count == 1, let byte = lower.utf8.first, isLowerAlphanumeric(byte) || "-_.".utf8.contains(byte) {
                out.append(lower)
            } else if scalar.properties.isWhitespace || scalar == ":" || scalar == "/" {
                if !out.hasSuffix("-") { out.append("-") }
            }
        }
        while let first = out.utf8.first, !isLowerAlphanumeric(first) { out.removeFirst() }
        let trimmed = String(out.prefix(Limits.idLength.upperBound))
        return isID(trimmed) ? trimmed : nil
    }

    /// A value shown in a message: quoted, cut at 60 characters, control characters escaped.
    static func quoted(_ value: String) -> String {
        var out = "\""
        for scalar in value.unicodeScalars.prefix(60) {
            if scalar.value < 0x20 || scalar.value == 0x7F || scalar == "\"" || scalar == "\\" {
                out += scalar.escaped(asASCII: true)
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out + (value.unicodeScalars.count > 60 ? "…\"" : "\"")
    }

    /// A season year, ``Limits/season``.
    public mutating func season(_ value: Int?, _ path: String = "season") {
        guard let value else { return }
        require(Limits.season.contains(value), path, "must be a year between 1900 and 2100, found \(value)")
    }

    /// The season a fact belongs to: its championship's id, then its year (``season(_:_:)``).
    public mutating func seasonOf(_ championship: String?, _ season: Int?) {
        id(championship, "championship")
        self.season(season)
    }

    /// The round a fact belongs to: its season (``seasonOf(_:_:)``), then the round (``round(_:_:)``).
    public mutating func roundOf(_ championship: String?, _ season: Int?, _ round: Int?) {
        seasonOf(championship, season)
        self.round(round)
    }

    /// A season that may be absent (a career-wide fact): championship and season both or neither.
    public mutating func optionalSeason(_ championship: String?, _ season: Int?) {
        id(championship, "championship")
        self.season(season)
        require(
            (championship == nil) == (season == nil), championship == nil ? "championship" : "season",
            "championship and season go together")
    }

    /// A 1-based round number, ``Limits/round``.
    public mutating func round(_ value: Int?, _ path: @autoclosure () -> String = "round") {
        range(value, Limits.round, path())
    }

    /// Text that must not be blank when present: at most ``Limits/textBytes`` UTF-8 bytes, no
    /// control characters but tab and line breaks.
    public mutating func text(_ value: String?, _ path: @autoclosure () -> String) {
        guard failure == nil, let value else { return }
        require(value.utf8.contains { $0 > 0x20 } && value.unicodeScalars.contains { !$0.properties.isWhitespace }, path(), "must not be empty")
        require(value.utf8.count <= Limits.textBytes, path(), "must be at most \(Limits.textBytes.formatted(grouped: true)) bytes, found \(value.utf8.count)")
        if failure == nil, let bad = value.unicodeScalars.first(where: Self.isForbiddenControl) {
            require(false, path(), "must not hold control characters, found U+\(String(bad.value, radix: 16, uppercase: true))")
        }
    }

    /// C0 and C1 controls and Unicode's line and paragraph separators; tab, CR and LF are text.
    static func isForbiddenControl(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x0A, 0x0D: false
        case 0x00...0x1F, 0x7F...0x9F, 0x2028, 0x2029: true
        default: false
        }
    }

    /// An end date not before the start (a vaguer end that contains the start is fine).
    public mutating func dates(_ start: PartialDate, _ end: PartialDate?, _ path: String = "endDate") {
        guard let end else { return }
        require(end >= start || end.contains(start), path, "must not be before startDate (\(start))")
    }
}
