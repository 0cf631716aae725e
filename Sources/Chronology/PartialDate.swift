/// An ISO-8601 calendar date as precise as its source: `2021`, `2021-06` or `2021-06-12`.
/// Articles often give only a month or a year; the value keeps exactly what was given.
///
/// The one reading of calendar dates in Paddock: an `occurredAt` starts with one, a cut's `asOf`
/// is one, and every period a date names (its first day, the day after it) comes from here, with
/// one days-in-month and one leap-year rule (``daysIn(year:month:)``).
///
/// JSON: the string itself. Ordered by the start of the period, then the coarser first
/// (`2021` < `2021-01` < `2021-01-01`).
///
/// ```swift
/// let vague = try PartialDate("2019-06")
/// vague.precision                                  // .month
/// vague.contains(try PartialDate("2019-06-15"))   // true
/// vague.days                                       // the 30 days of June 2019, as days since 1970
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

    /// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD` with a year of 1000 or later; rejects anything else
    /// (`2021-13`, `21-06-12`, `2021-02-30`, `0999`).
    public init(_ text: String) throws(FormatError) {
        guard let date = PartialDate(anyYear: text), date.year >= 1000 else { throw FormatError(text: text) }
        self = date
    }

    /// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD` for any four-digit year (`0000`...`9999`), as the date
    /// part of an `occurredAt` may be; nil for anything else.
    package init?(anyYear text: some StringProtocol) {
        let bytes = Array(text.utf8)
        guard let fields = Self.fields(bytes, length: bytes.count) else { return nil }
        self.rawValue = String(text)
        self.year = fields.year
        self.month = fields.month
        self.day = fields.day
    }

    /// Year, month and day of `bytes[0..<length]` when it is `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (any
    /// four-digit year), else nil. Bytes beyond `length` are not looked at: an `occurredAt` reads its
    /// date part here and its time part itself.
    package static func fields(_ bytes: [UInt8], length: Int) -> (year: Int, month: Int?, day: Int?)? {
        guard length == 4 || length == 7 || length == 10, length <= bytes.count else { return nil }
        func digits(_ from: Int, _ count: Int) -> Int? { decimal(bytes, from: from, count: count) }
        let hyphen: UInt8 = 45
        guard let year = digits(0, 4) else { return nil }
        if length == 4 { return (year, nil, nil) }
        guard bytes[4] == hyphen, let month = digits(5, 2), (1...12).contains(month) else { return nil }
        if length == 7 { return (year, month, nil) }
        guard bytes[7] == hyphen, let day = digits(8, 2), day >= 1, day <= daysIn(year: year, month: month) else { return nil }
        return (year, month, day)
    }

    /// The number `count` ASCII digits at `from` write; nil when one is not a digit or the text ends first.
    package static func decimal(_ bytes: [UInt8], from: Int, count: Int) -> Int? {
        guard from + count <= bytes.count else { return nil }
        var value = 0
        for i in from..<(from + count) {
            let digit = Int(bytes[i]) - 48
            guard digit >= 0 && digit <= 9 else { return nil }
            value = value * 10 + digit
        }
        return value
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

    // MARK: Periods

    /// The days of the period, as days since 1970-01-01 (proleptic Gregorian): its first day up to,
    /// not including, the first day after it.
    ///
    /// ```swift
    /// try PartialDate("2021-02").days.count   // 28
    /// ```
    public var days: Range<Int> {
        let first = CivilCalendar.daysFromCivil(year: year, month: month ?? 1, day: day ?? 1)
        let after: Int
        switch (month, day) {
        case (_, .some): after = first + 1
        case (.some(let month), nil):
            after =
                month == 12
                ? CivilCalendar.daysFromCivil(year: year + 1, month: 1, day: 1)
                : CivilCalendar.daysFromCivil(year: year, month: month + 1, day: 1)
        case (nil, nil): after = CivilCalendar.daysFromCivil(year: year + 1, month: 1, day: 1)
        }
        return first..<after
    }

    /// `YYYY-MM-DD` of a day counted from 1970-01-01 (``days``' unit); years outside 0...9999 are
    /// written with as many digits as they take.
    ///
    /// ```swift
    /// PartialDate.text(ofDay: try PartialDate("2021-02-28").days.upperBound)   // "2021-03-01"
    /// ```
    public static func text(ofDay day: Int) -> String {
        let (year, month, dayOfMonth) = CivilCalendar.civilFromDays(day)
        func padded(_ value: Int, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return "\(padded(year, 4))-\(padded(month, 2))-\(padded(dayOfMonth, 2))"
    }

    /// Days in a month of the Gregorian calendar (leap years: every fourth, but not every hundredth
    /// unless every four-hundredth).
    public static func daysIn(year: Int, month: Int) -> Int {
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
