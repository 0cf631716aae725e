/// An ISO-8601 calendar date as precise as its source: `2021`, `2021-06` or `2021-06-12`.
/// Articles often give only a month or a year; the value keeps exactly what was given.
///
/// JSON: the string itself. Ordered by the start of the period, then the coarser first
/// (`2021` < `2021-01` < `2021-01-01`).
///
/// ```swift
/// let vague = try PartialDate("2019-06")
/// vague.precision                                  // .month
/// vague.contains(try PartialDate("2019-06-15"))   // true
/// ```
public struct PartialDate: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// How much of the date is known.
    public enum Precision: String, Sendable, Hashable, Codable { case year, month, day }

    /// The text as given (`2021-06`).
    public let rawValue: String
    public let year: Int
    /// 1...12, when known.
    public let month: Int?
    /// 1...31 (valid for the month), when known.
    public let day: Int?

    /// Why a text is not a partial date.
    public struct FormatError: Error, Sendable, Equatable, CustomStringConvertible {
        /// The rejected text.
        public let text: String
        public var description: String { "\"\(text)\" is not a date: use 2021-06-12, 2021-06 or 2021" }
    }

    /// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD`; rejects anything else (`2021-13`, `21-06-12`, `2021-02-30`).
    public init(_ text: String) throws(FormatError) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        func number(_ part: Substring, digits: Int) -> Int? {
            guard part.count == digits, part.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
            return Int(part)
        }
        guard (1...3).contains(parts.count), let year = number(parts[0], digits: 4), year >= 1000 else {
            throw FormatError(text: text)
        }
        var month: Int?, day: Int?
        if parts.count >= 2 {
            guard let m = number(parts[1], digits: 2), (1...12).contains(m) else { throw FormatError(text: text) }
            month = m
            if parts.count == 3 {
                guard let d = number(parts[2], digits: 2), d >= 1, d <= Self.days(year, m) else { throw FormatError(text: text) }
                day = d
            }
        }
        self.rawValue = text
        self.year = year
        self.month = month
        self.day = day
    }

    public var precision: Precision { day != nil ? .day : month != nil ? .month : .year }
    public var description: String { rawValue }

    /// Whether `other` falls inside this period (a date contains itself; `2021-06` contains `2021-06-12`).
    public func contains(_ other: PartialDate) -> Bool {
        guard other.year == year else { return false }
        if let month, other.month != month { return false }
        if let day, other.day != day { return false }
        return true
    }

    public static func < (a: PartialDate, b: PartialDate) -> Bool {
        (a.year, a.month ?? 0, a.day ?? 0) < (b.year, b.month ?? 0, b.day ?? 0)
    }

    /// Days in a month of the Gregorian calendar.
    static func days(_ year: Int, _ month: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    // MARK: Codable

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        do { try self.init(text) } catch {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: error.description)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}
