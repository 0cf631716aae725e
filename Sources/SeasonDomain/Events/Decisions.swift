import Foundation

/// What a penalty does. JSON: `"time"`, `"positions"`, `"points"`, `"disqualification"`, `"exclusion"`,
/// `"ineligible"`, `"pointsWithheld"`.
public enum PenaltyKind: String, CatalogueEnum {
    /// Seconds added to the time (a correction re-publishes the changed classification).
    case time
    /// Places lost in the classification (a grid penalty, or places after the finish).
    case positions
    /// Points deducted from the championship total.
    case points
    /// Disqualified from the session.
    case disqualification
    /// Excluded from the championship: results stay in history, points do not count.
    case exclusion
    /// The result stands in history but is not eligible for points, and the cars behind take its
    /// points ("passed down": e.g. a Formula 2 car in a Grand Prix).
    case ineligible
    /// The result scores nothing and nobody takes its points ("not passed down").
    case pointsWithheld
}

/// The table of a championship a penalty applies to. JSON: `"competitors"`, `"teams"`.
public enum ChampionshipTable: String, CatalogueEnum {
    /// The competitors' (drivers') table.
    case competitors
    /// The teams' (constructors') table.
    case teams
}

/// A stewards' decision against a competitor.
///
/// - `championship`, `season`, `round`, `class`: where.
/// - `session`: the session's id; required for a disqualification.
/// - `competitor`: who is penalised: the competitor whose result it is for the session kinds
///   (`disqualification`, `positions`, `time`, `ineligible`, `pointsWithheld`); the row of the table
///   it applies to for `exclusion` and `points`, so a team with `"table": "teams"`.
/// - `kind`: what the penalty does.
/// - `seconds`: for a time penalty, the seconds added.
/// - `positions`: for a positions penalty, the places lost.
/// - `points`: for a points penalty, the points deducted (positive).
/// - `reason`: the offence ("jump start", "technical infringement").
/// - `table`: the one table the penalty applies to, when it is not every table. Absent: session
///   penalties change the classification every table scores, and `exclusion` and `points` apply to
///   the competitors' table. `"teams"`: only the teams' table feels it (F1 2007: McLaren excluded from
///   the constructors' championship, drivers kept their points; 1995 Brazil: the cars' points withheld
///   from Benetton and Williams, not from their drivers). `"competitors"`: only the competitors' table.
public struct PenaltyApplied: DomainEvent {
    public var championship: String
    public var season: Int
    public var round: Int
    public var className: String?
    public var session: String?
    public var competitor: String
    public var kind: PenaltyKind
    public var seconds: Double?
    public var positions: Int?
    public var points: Points?
    public var reason: String
    public var table: ChampionshipTable?

    public init(
        championship: String, season: Int, round: Int, className: String? = nil, session: String? = nil,
        competitor: String, kind: PenaltyKind, seconds: Double? = nil, positions: Int? = nil, points: Points? = nil,
        reason: String, table: ChampionshipTable? = nil
    ) {
        self.championship = championship
        self.season = season
        self.round = round
        self.className = className
        self.session = session
        self.competitor = competitor
        self.kind = kind
        self.seconds = seconds
        self.positions = positions
        self.points = points
        self.reason = reason
        self.table = table
    }

    /// True when the penalty shapes the given table.
    public func applies(to table: ChampionshipTable) -> Bool { self.table == nil || self.table == table }

    enum CodingKeys: String, CodingKey {
        case championship, season, round, className = "class", session, competitor, kind, seconds, positions, points, reason, table
    }

    public func validate(_ check: inout Validator) {
        check.roundOf(championship, season, round)
        check.text(className, "class")
        check.id(session, "session")
        check.id(competitor, "competitor")
        switch kind {
        case .time: check.require((seconds ?? 0) > 0, "seconds", "a time penalty needs seconds greater than 0")
        case .positions: check.require((positions ?? 0) >= 1, "positions", "a positions penalty needs positions of 1 or more")
        case .points: check.require((points ?? .zero) > .zero, "points", "a points penalty needs points greater than 0")
        case .disqualification, .ineligible, .pointsWithheld:
            check.require(session != nil, "session", "a \(kind.rawValue) penalty names the session")
        case .exclusion: break
        }
        if let seconds {
            check.require(
                seconds.isFinite && seconds > 0 && seconds <= Limits.penaltySeconds, "seconds",
                "must be more than 0 and at most 86,400 seconds, found \(seconds)")
        }
        check.range(positions, Limits.penaltyPositions, "positions")
        check.points(points, "points")
        check.text(reason, "reason")
    }
}

/// A recorded decision to multiply a round's points (half points for a shortened race, ...).
///
/// - `championship`, `season`, `round`, `class`: the round.
/// - `factor`: the multiplier (`0.5`, `2`); greater than 0.
/// - `sessions`: the session kinds it applies to; absent: the whole round.
/// - `reason`: the decision and its grounds ("race stopped after 3 laps: half points").
public struct RoundMultiplierDecided: DomainEvent {
    public var championship: String
    public var season: Int
    public var round: Int
    public var className: String?
    public var factor: Points
    public var sessions: [SessionKind]?
    public var reason: String

    public init(
        championship: String, season: Int, round: Int, className: String? = nil, factor: Points,
        sessions: [SessionKind]? = nil, reason: String
    ) {
        self.championship = championship
        self.season = season
        self.round = round
        self.className = className
        self.factor = factor
        self.sessions = sessions
        self.reason = reason
    }

    enum CodingKeys: String, CodingKey { case championship, season, round, className = "class", factor, sessions, reason }

    public func validate(_ check: inout Validator) {
        check.roundOf(championship, season, round)
        check.text(className, "class")
        check.factor(factor, "factor")
        if let sessions { check.require(!sessions.isEmpty, "sessions", "must list at least one kind (leave it out for the whole round)") }
        check.text(reason, "reason")
    }
}
