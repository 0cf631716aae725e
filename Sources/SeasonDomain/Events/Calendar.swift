import Foundation

/// A round is on the calendar. Dates are as precise as the source (`2021-06` when only the month is known).
public struct RoundScheduled: DomainEvent {
    public var championship: String
    public var season: Int
    public var round: Int
    /// The event's name ("World RX of Norway").
    public var name: String?
    public var venue: String?
    public var country: String?
    public var startDate: PartialDate
    public var endDate: PartialDate?

    public init(championship: String, season: Int, round: Int, name: String? = nil, venue: String? = nil, country: String? = nil,
                startDate: PartialDate, endDate: PartialDate? = nil) {
        self.championship = championship
        self.season = season
        self.round = round
        self.name = name
        self.venue = venue
        self.country = country
        self.startDate = startDate
        self.endDate = endDate
    }

    public func validate(_ check: inout Validator) {
        check.id(championship, "championship")
        check.season(season)
        check.round(round)
        if let endDate { check.require(endDate >= startDate, "endDate", "must not be before startDate (\(startDate))") }
    }
}

/// A round moves to new dates (and possibly a new venue).
public struct RoundRescheduled: DomainEvent {
    public var championship: String
    public var season: Int
    public var round: Int
    public var startDate: PartialDate
    public var endDate: PartialDate?
    public var venue: String?
    public var country: String?
    public var reason: String?

    public init(championship: String, season: Int, round: Int, startDate: PartialDate, endDate: PartialDate? = nil,
                venue: String? = nil, country: String? = nil, reason: String? = nil) {
        self.championship = championship
        self.season = season
        self.round = round
        self.startDate = startDate
        self.endDate = endDate
        self.venue = venue
        self.country = country
        self.reason = reason
    }

    public func validate(_ check: inout Validator) {
        check.id(championship, "championship")
        check.season(season)
        check.round(round)
        if let endDate { check.require(endDate >= startDate, "endDate", "must not be before startDate (\(startDate))") }
    }
}

/// A round will not take place.
public struct RoundCancelled: DomainEvent {
    public var championship: String
    public var season: Int
    public var round: Int
    public var reason: String?

    public init(championship: String, season: Int, round: Int, reason: String? = nil) {
        self.championship = championship
        self.season = season
        self.round = round
        self.reason = reason
    }

    public func validate(_ check: inout Validator) {
        check.id(championship, "championship")
        check.season(season)
        check.round(round)
    }
}
