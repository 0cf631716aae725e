import Foundation

/// A competitor drives for another team, from a round or a date on.
///
/// - `championship`, `season`: the season it concerns (both or neither); absent: the competitor's career.
/// - `competitor`: who moves.
/// - `fromTeam`: the team left, when known.
/// - `toTeam`: the new team's id.
/// - `fromRound`: the first round with the new team.
/// - `effectiveDate`: when the change took effect, as precise as known.
public struct TeamChanged: DomainEvent {
    public var championship: String?
    public var season: Int?
    public var competitor: String
    public var fromTeam: String?
    public var toTeam: String
    public var fromRound: Int?
    public var effectiveDate: PartialDate?

    public init(championship: String? = nil, season: Int? = nil, competitor: String, fromTeam: String? = nil, toTeam: String,
                fromRound: Int? = nil, effectiveDate: PartialDate? = nil) {
        self.championship = championship
        self.season = season
        self.competitor = competitor
        self.fromTeam = fromTeam
        self.toTeam = toTeam
        self.fromRound = fromRound
        self.effectiveDate = effectiveDate
    }

    public func validate(_ check: inout Validator) {
        check.optionalSeason(championship, season)
        check.id(competitor, "competitor")
        check.id(fromTeam, "fromTeam")
        check.id(toTeam, "toTeam")
        check.round(fromRound, "fromRound")
    }
}

/// A competitor drives another car, from a round or a date on.
///
/// - `championship`, `season`: the season it concerns (both or neither); absent: the competitor's career.
/// - `competitor`: who changes car.
/// - `fromCar`: the car before, as given, when known.
/// - `toCar`: the new car, as given ("Ford Fiesta Mk8").
/// - `fromRound`: the first round in the new car.
/// - `effectiveDate`: when the change took effect, as precise as known.
public struct CarChanged: DomainEvent {
    public var championship: String?
    public var season: Int?
    public var competitor: String
    public var fromCar: String?
    public var toCar: String
    public var fromRound: Int?
    public var effectiveDate: PartialDate?

    public init(championship: String? = nil, season: Int? = nil, competitor: String, fromCar: String? = nil, toCar: String,
                fromRound: Int? = nil, effectiveDate: PartialDate? = nil) {
        self.championship = championship
        self.season = season
        self.competitor = competitor
        self.fromCar = fromCar
        self.toCar = toCar
        self.fromRound = fromRound
        self.effectiveDate = effectiveDate
    }

    public func validate(_ check: inout Validator) {
        check.optionalSeason(championship, season)
        check.id(competitor, "competitor")
        check.text(fromCar, "fromCar")
        check.text(toCar, "toCar")
        check.round(fromRound, "fromRound")
    }
}
