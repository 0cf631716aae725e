import Foundation

/// What a team change and a car change share: whose, in which season (or career-wide), from which
/// round or date. Code that routes or checks either (its stream, its validation) reads it through this.
///
/// ```swift
/// let change: any CompetitorChange = TeamChanged(competitor: "jesse-kallio", toTeam: "olsbergs-mse")
/// change.championship   // nil: a career-wide change, kept in the competitor's stream
/// ```
public protocol CompetitorChange: DomainEvent {
    /// With ``season``, the season it concerns; both nil for the competitor's career.
    var championship: String? { get }
    var season: Int? { get }
    /// Who changes.
    var competitor: String { get }
    /// The first round of the new team or car.
    var fromRound: Int? { get }
    /// When the change took effect, as precise as known.
    var effectiveDate: PartialDate? { get }
}

extension CompetitorChange {
    /// Checks the shared fields around `fromAndTo` (what the change leaves and takes up), in the order
    /// a payload's first error is reported.
    func validateChange(_ check: inout Validator, fromAndTo: (inout Validator) -> Void) {
        check.optionalSeason(championship, season)
        check.id(competitor, "competitor")
        fromAndTo(&check)
        check.round(fromRound, "fromRound")
    }
}

/// A competitor drives for another team, from a round or a date on.
///
/// - `championship`, `season`: the season it concerns (both or neither); absent: the competitor's career.
/// - `competitor`: who moves.
/// - `fromTeam`: the team left, when known.
/// - `toTeam`: the new team's id.
/// - `fromRound`: the first round with the new team.
/// - `effectiveDate`: when the change took effect, as precise as known.
public struct TeamChanged: CompetitorChange {
    public var championship: String?
    public var season: Int?
    public var competitor: String
    public var fromTeam: String?
    public var toTeam: String
    public var fromRound: Int?
    public var effectiveDate: PartialDate?

    public init(
        championship: String? = nil, season: Int? = nil, competitor: String, fromTeam: String? = nil, toTeam: String,
        fromRound: Int? = nil, effectiveDate: PartialDate? = nil
    ) {
        self.championship = championship
        self.season = season
        self.competitor = competitor
        self.fromTeam = fromTeam
        self.toTeam = toTeam
        self.fromRound = fromRound
        self.effectiveDate = effectiveDate
    }

    public func validate(_ check: inout Validator) {
        validateChange(&check) { check in
            check.id(fromTeam, "fromTeam")
            check.id(toTeam, "toTeam")
        }
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
public struct CarChanged: CompetitorChange {
    public var championship: String?
    public var season: Int?
    public var competitor: String
    public var fromCar: String?
    public var toCar: String
    public var fromRound: Int?
    public var effectiveDate: PartialDate?

    public init(
        championship: String? = nil, season: Int? = nil, competitor: String, fromCar: String? = nil, toCar: String,
        fromRound: Int? = nil, effectiveDate: PartialDate? = nil
    ) {
        self.championship = championship
        self.season = season
        self.competitor = competitor
        self.fromCar = fromCar
        self.toCar = toCar
        self.fromRound = fromRound
        self.effectiveDate = effectiveDate
    }

    public func validate(_ check: inout Validator) {
        validateChange(&check) { check in
            check.text(fromCar, "fromCar")
            check.text(toCar, "toCar")
        }
    }
}
