import Foundation

/// A session's classification: a heat, semi-final, final, race, sprint, rally stage or rally overall.
///
/// - `championship`, `season`, `round`, `class`: where it ran.
/// - `session`: the session's id, unique within the round ("heat-1", "semi-final-2", "final", "race", "ss7").
/// - `kind`: the kind of session, which decides how it scores.
/// - `number`: which heat, semi-final or stage (1-based).
/// - `completedDistance`: fraction of the scheduled distance completed (`0.5` for a race stopped at half
///   distance, `"2/3"`); absent: the full distance.
/// - `results`: one row per driver, in classification order, unclassified rows last.
public struct SessionClassified: DomainEvent {
    public var championship: String
    public var season: Int
    public var round: Int
    public var className: String?
    public var session: String
    public var kind: SessionKind
    public var number: Int?
    public var completedDistance: Points?
    public var results: [ClassifiedResult]

    public init(
        championship: String, season: Int, round: Int, className: String? = nil, session: String, kind: SessionKind,
        number: Int? = nil, completedDistance: Points? = nil, results: [ClassifiedResult]
    ) {
        self.championship = championship
        self.season = season
        self.round = round
        self.className = className
        self.session = session
        self.kind = kind
        self.number = number
        self.completedDistance = completedDistance
        self.results = results
    }

    enum CodingKeys: String, CodingKey {
        case championship, season, round, className = "class", session, kind, number, completedDistance, results
    }

    public func validate(_ check: inout Validator) {
        check.roundOf(championship, season, round)
        check.text(className, "class")
        check.id(session, "session")
        check.range(number, Limits.sessionNumber, "number")
        Self.validateDistance(completedDistance, &check)
        ClassifiedResult.validate(results, "results", &check)
    }

    static func validateDistance(_ distance: Points?, _ check: inout Validator) {
        check.fraction(distance, "completedDistance")
    }
}

/// A retirement recorded live, before the classification is published.
///
/// - `championship`, `season`, `round`, `class`: where.
/// - `session`: the session's id, when known.
/// - `competitor`: who retired.
/// - `reason`: why the car stopped ("engine", "puncture", "technical failure").
/// - `lap`: the lap it happened on.
public struct RetirementRecorded: DomainEvent {
    public var championship: String
    public var season: Int
    public var round: Int
    public var className: String?
    public var session: String?
    public var competitor: String
    public var reason: String
    public var lap: Int?

    public init(
        championship: String, season: Int, round: Int, className: String? = nil, session: String? = nil,
        competitor: String, reason: String, lap: Int? = nil
    ) {
        self.championship = championship
        self.season = season
        self.round = round
        self.className = className
        self.session = session
        self.competitor = competitor
        self.reason = reason
        self.lap = lap
    }

    enum CodingKeys: String, CodingKey { case championship, season, round, className = "class", session, competitor, reason, lap }

    public func validate(_ check: inout Validator) {
        check.roundOf(championship, season, round)
        check.text(className, "class")
        check.id(session, "session")
        check.id(competitor, "competitor")
        check.text(reason, "reason")
        check.range(lap, Limits.laps, "lap")
    }
}
