import Foundation

/// The kind of a classified session.
public enum SessionKind: String, CatalogueEnum {
    /// A rallycross heat (qualifying race); `number` says which.
    case heat
    /// Rallycross intermediate classification after the heats.
    case intermediate
    case semiFinal
    case final
    /// A circuit race (a Grand Prix).
    case race
    case sprint
    case qualifying
    /// One special stage of a rally.
    case rallyStage
    /// A rally's power stage (its own points).
    case powerStage
    /// A rally's overall classification.
    case overall
}

/// How a car's session ended.
public enum ResultStatus: String, CatalogueEnum {
    case classified
    /// Did not finish.
    case dnf = "DNF"
    /// Did not start.
    case dns = "DNS"
    /// Disqualified from the session.
    case dsq = "DSQ"
    /// Running at the end but not classified.
    case nc = "NC"
    /// Excluded.
    case ex = "EX"
}

public enum Discipline: String, CatalogueEnum {
    case rallycross, rally, circuit, iceRacing, karting, esports, other
}

public enum CompetitorRole: String, CatalogueEnum {
    case driver, coDriver
}

/// Where a fact comes from: the article and the sentence it rests on.
public struct SourceCitation: Sendable, Hashable, Codable {
    public var title: String
    public var url: String?
    /// The sentence the fact rests on, in the source's language.
    public var quote: String?
    /// BCP 47 language tag of the quote (`fi`, `fr`, `en`).
    public var language: String?

    public init(title: String, url: String? = nil, quote: String? = nil, language: String? = nil) {
        self.title = title
        self.url = url
        self.quote = quote
        self.language = language
    }
}

/// An ISO-8601 calendar date as precise as its source: `2021`, `2021-06` or `2021-06-12`.
///
/// ```swift
/// let vague = try PartialDate("2019-06")
/// vague.precision       // .month
/// vague.contains(try PartialDate("2019-06-15"))  // true
/// ```
public struct PartialDate: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public enum Precision: String, Sendable, Codable { case year, month, day }

    public let rawValue: String
    public let year: Int
    public let month: Int?
    public let day: Int?

    public struct FormatError: Error, CustomStringConvertible {
        public let text: String
        public var description: String { "'\(text)' is not a date: use 2021-06-12, 2021-06 or 2021" }
    }

    public init(_ text: String) throws(FormatError) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard (1...3).contains(parts.count), parts[0].count == 4, let year = Int(parts[0]), year >= 1000 else {
            throw FormatError(text: text)
        }
        var month: Int?, day: Int?
        if parts.count >= 2 {
            guard parts[1].count == 2, let m = Int(parts[1]), (1...12).contains(m) else { throw FormatError(text: text) }
            month = m
        }
        if parts.count == 3, let month {
            guard parts[2].count == 2, let d = Int(parts[2]), d >= 1, d <= Self.days(year, month) else { throw FormatError(text: text) }
            day = d
        }
        self.rawValue = text
        self.year = year
        self.month = month
        self.day = day
    }

    public var precision: Precision { day != nil ? .day : month != nil ? .month : .year }
    public var description: String { rawValue }

    /// Whether a more precise date falls inside this period.
    public func contains(_ other: PartialDate) -> Bool {
        other.year == year && (month == nil || other.month == month) && (day == nil || other.day == day)
    }

    /// Ordered by the start of the period, then by precision (the year before its months).
    public static func < (a: PartialDate, b: PartialDate) -> Bool {
        (a.year, a.month ?? 0, a.day ?? 0) < (b.year, b.month ?? 0, b.day ?? 0)
    }

    static func days(_ year: Int, _ month: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

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

/// One car's result in a session's classification: one row per driver. A shared car (several
/// drivers in one car, as in the 1950s) is one row per driver with the same position, each row
/// listing the car's other drivers in `sharedWith`.
public struct ClassifiedResult: Sendable, Hashable, Codable {
    /// Finishing position; nil when not classified.
    public var position: Int?
    /// The driver's competitor id.
    public var competitor: String
    /// The other drivers of the same car (a shared drive).
    public var sharedWith: [String]?
    /// Rally co-driver.
    public var coDriver: String?
    public var team: String?
    public var car: String?
    /// Race number, as written.
    public var number: String?
    public var status: ResultStatus
    /// Why the car stopped or was excluded ("engine", "puncture").
    public var reason: String?
    public var laps: Int?
    /// Time as given ("3:42.118", "1:32:45.2").
    public var time: String?
    /// Gap as given ("+1.2", "+1 lap").
    public var gap: String?
    /// This driver set the session's fastest lap (several rows when the time was shared).
    public var fastestLap: Bool?

    public init(
        position: Int?, competitor: String, sharedWith: [String]? = nil, coDriver: String? = nil, team: String? = nil,
        car: String? = nil, number: String? = nil, status: ResultStatus = .classified, reason: String? = nil,
        laps: Int? = nil, time: String? = nil, gap: String? = nil, fastestLap: Bool? = nil
    ) {
        self.position = position
        self.competitor = competitor
        self.sharedWith = sharedWith
        self.coDriver = coDriver
        self.team = team
        self.car = car
        self.number = number
        self.status = status
        self.reason = reason
        self.laps = laps
        self.time = time
        self.gap = gap
        self.fastestLap = fastestLap
    }

    enum CodingKeys: String, CodingKey {
        case position, competitor, sharedWith, coDriver, team, car, number, status, reason, laps, time, gap, fastestLap
    }

    /// `status` may be left out for a classified row (one with a position).
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        position = try c.decodeIfPresent(Int.self, forKey: .position)
        competitor = try c.decode(String.self, forKey: .competitor)
        sharedWith = try c.decodeIfPresent([String].self, forKey: .sharedWith)
        coDriver = try c.decodeIfPresent(String.self, forKey: .coDriver)
        team = try c.decodeIfPresent(String.self, forKey: .team)
        car = try c.decodeIfPresent(String.self, forKey: .car)
        number = try c.decodeIfPresent(String.self, forKey: .number)
        if let status = try c.decodeIfPresent(ResultStatus.self, forKey: .status) {
            self.status = status
        } else if position != nil {
            status = .classified
        } else {
            throw DecodingError.keyNotFound(CodingKeys.status, .init(codingPath: c.codingPath, debugDescription: "a row without a position needs a status"))
        }
        reason = try c.decodeIfPresent(String.self, forKey: .reason)
        laps = try c.decodeIfPresent(Int.self, forKey: .laps)
        time = try c.decodeIfPresent(String.self, forKey: .time)
        gap = try c.decodeIfPresent(String.self, forKey: .gap)
        fastestLap = try c.decodeIfPresent(Bool.self, forKey: .fastestLap)
    }

    /// The drivers of this car: the row's own first.
    public var drivers: [String] { [competitor] + (sharedWith ?? []) }
}
