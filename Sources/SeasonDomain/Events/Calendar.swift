import Foundation

/// A round is on the calendar. Dates are as precise as the source (`2021-06` when only the month is known).
///
/// - `championship`, `season`: the season.
/// - `round`: the round number, 1-based.
/// - `name`: the event's name ("World RX of Norway").
/// - `venue`, `country`: where.
/// - `startDate`: the first day (or the month, or the year).
/// - `endDate`: the last day, for multi-day events; not before `startDate`.
public struct RoundScheduled: DomainEvent {
    public var championship: String
    public var season: Int
    public var round: Int
    public var name: String?
    public var venue: String?
    public var country: String?
    public var startDate: PartialDate
    public var endDate: PartialDate?

    public init(
        championship: String, season: Int, round: Int, name: String? = nil, venue: String? = nil, country: String? = nil,
        startDate: PartialDate, endDate: PartialDate? = nil
    ) {
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
        check.roundOf(championship, season, round)
        check.dates(startDate, endDate)
        check.text(venue, "venue")
        check.text(country, "country")
        check.text(name, "name")
    }
}

/// A round moves to new dates (and possibly a new venue).
///
/// - `championship`, `season`, `round`: the round.
/// - `startDate`, `endDate`: the new dates.
/// - `venue`, `country`: the new place, when it changes.
/// - `reason`: why ("postponed because of the pandemic").
public struct RoundRescheduled: DomainEvent {
    public var championship: String
    public var season: Int
    public var round: Int
    public var startDate: PartialDate
    public var endDate: PartialDate?
    public var venue: String?
    public var country: String?
    public var reason: String?

    public init(
        championship: String, season: Int, round: Int, startDate: PartialDate, endDate: PartialDate? = nil,
        venue: String? = nil, country: String? = nil, reason: String? = nil
    ) {
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
        check.roundOf(championship, season, round)
        check.dates(startDate, endDate)
        check.text(venue, "venue")
        check.text(country, "country")
        check.text(reason, "reason")
    }
}

/// A round will not take place.
///
/// - `championship`, `season`, `round`: the round.
/// - `reason`: why.
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
        check.roundOf(championship, season, round)
        check.text(reason, "reason")
    }
}
