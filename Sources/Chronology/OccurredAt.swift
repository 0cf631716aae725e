import Foundation

/// The `occurredAt` of an event: ISO-8601 as given, with the offset of the track's clock.
///
/// Accepted forms: a date-time with an offset (`2018-06-10T15:30:00+02:00`, `...Z`, optional
/// fractional seconds), a calendar date (`2018-06-10`), or a date of reduced precision
/// (`2018-06`, `2018`) for facts whose sources are vague. The text is stored exactly as given;
/// for range queries the log also keeps the UTC instant of the start of the period.
///
/// ```swift
/// let start = try OccurredAt.utcMilliseconds("2018-06-10T15:30:00+02:00")
/// ```
public enum OccurredAt {
    /// Why a text is not an acceptable `occurredAt`.
    public struct FormatError: Error, Sendable, Equatable, CustomStringConvertible {
        public let text: String
        public init(text: String) { self.text = text }
        public var description: String {
            "occurredAt '\(text)' is not ISO-8601: use 2018-06-10T15:30:00+02:00 (with an offset), 2018-06-10, 2018-06 or 2018"
        }
    }

    /// Milliseconds since 1970 (UTC) of the start of the instant or period the text names.
    public static func utcMilliseconds(_ text: String) throws(FormatError) -> Int64 {
        guard let value = parse(Array(text.utf8)) else { throw FormatError(text: text) }
        return value
    }

    /// Whether `text` is an acceptable `occurredAt`.
    public static func isValid(_ text: String) -> Bool { parse(Array(text.utf8)) != nil }

    private static func parse(_ b: [UInt8]) -> Int64? {
        func digits(_ from: Int, _ count: Int) -> Int? { PartialDate.decimal(b, from: from, count: count) }
        func expect(_ at: Int, _ char: Character) -> Bool { at < b.count && b[at] == char.asciiValue! }

        // The date part, read as a partial date of any four-digit year.
        guard let date = PartialDate.fields(b, length: min(b.count, 10)) else { return nil }
        let (year, month, day) = (date.year, date.month ?? 1, date.day ?? 1)
        if b.count <= 10 { return millis(year, month, day, 0, 0, 0, 0, 0) }
        guard expect(10, "T") || expect(10, "t") || expect(10, " "),
            let hour = digits(11, 2), hour < 24, expect(13, ":"),
            let minute = digits(14, 2), minute < 60
        else { return nil }
        var i = 16
        var second = 0, fractionMillis = 0
        if expect(i, ":") {
            guard let s = digits(i + 1, 2), s < 61 else { return nil }
            second = s
            i += 3
            if expect(i, ".") || expect(i, ",") {
                i += 1
                var scale = 100, any = false
                while i < b.count, b[i] >= 48, b[i] <= 57 {
                    fractionMillis += Int(b[i] - 48) * scale
                    scale /= 10
                    i += 1
                    any = true
                }
                guard any else { return nil }
            }
        }
        var offsetMinutes = 0
        if expect(i, "Z") || expect(i, "z") {
            i += 1
        } else if expect(i, "+") || expect(i, "-") {
            let sign = b[i] == 43 ? 1 : -1
            guard let oh = digits(i + 1, 2), oh < 24 else { return nil }
            i += 3
            var om = 0
            if expect(i, ":") { i += 1; guard i < b.count else { return nil } }  // "+02:" lacks its minutes
            if i < b.count {
                guard let parsed = digits(i, 2), parsed < 60 else { return nil }
                om = parsed
                i += 2
            }
            offsetMinutes = sign * (oh * 60 + om)
        } else {
            return nil  // a time without an offset is ambiguous
        }
        guard i == b.count else { return nil }
        return millis(year, month, day, hour, minute, second, fractionMillis, offsetMinutes)
    }

    private static func millis(
        _ y: Int, _ m: Int, _ d: Int, _ h: Int, _ min: Int, _ s: Int, _ ms: Int, _ offset: Int
    ) -> Int64 {
        let days = CivilCalendar.daysFromCivil(year: y, month: m, day: d)
        let seconds = Int64(days) * 86_400 + Int64(h * 3600 + min * 60 + s) - Int64(offset * 60)
        return seconds * 1000 + Int64(ms)
    }
}
