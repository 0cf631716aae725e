import Foundation

/// A session's classification: heats, semi-finals, finals, races, sprints, rally stages, overall.
public struct SessionClassified: DomainEvent {
    public var championship: String
    public var season: Int
    public var round: Int
    public var className: String?
    /// The session's id within the round ("heat-1", "semi-final-2", "final", "race", "ss7").
    public var session: String
    public var kind: SessionKind
    /// Which heat, semi-final or stage (1-based).
    public var number: Int?
    /// Fraction of the scheduled distance completed (e.g. 1/2 for a race stopped at half distance).
    public var completedDistance: Points?
    /// One row per driver, in classification order; unclassified rows last.
    public var results: [ClassifiedResult]

    public init(championship: String, season: Int, round: Int, className: String? = nil, session: String, kind: SessionKind,
                number: Int? = nil, completedDistance: Points? = nil, results: [ClassifiedResult]) {
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
        check.id(championship, "championship")
        check.season(season)
        check.round(round)
        check.text(session, "session")
        ClassifiedResult.validate(results, &check)
        if let completedDistance { check.require(completedDistance >= .zero, "completedDistance", "must not be negative") }
    }
}

extension ClassifiedResult {
    static func validate(_ results: [ClassifiedResult], _ check: inout Validator) {
        check.require(!results.isEmpty, "results", "must list at least one result")
        var last = 0
        for (i, r) in results.enumerated() {
            check.id(r.competitor, "results[\(i)].competitor")
            if r.status == .classified {
                check.require(r.position != nil, "results[\(i)].position", "a classified result needs a position")
            }
            if let p = r.position {
                check.require(p >= 1, "results[\(i)].position", "must be 1 or more, found \(p)")
                check.require(p >= last, "results[\(i)].position", "positions must not go down (\(p) after \(last))")
                last = max(last, p)
            }
            check.require(!(r.sharedWith ?? []).contains(r.competitor), "results[\(i)].sharedWith", "must not list the row's own driver")
        }
    }
}

/// A retirement recorded live, before the classification is published.
public struct RetirementRecorded: DomainEvent {
    public var championship: String
    public var season: Int
    public var round: Int
    public var className: String?
    public var session: String?
    public var competitor: String
    /// Why the car stopped ("engine", "puncture", "technical failure").
    public var reason: String
    public var lap: Int?

    public init(championship: String, season: Int, round: Int, className: String? = nil, session: String? = nil,
                competitor: String, reason: String, lap: Int? = nil) {
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
        check.id(championship, "championship")
        check.season(season)
        check.round(round)
        check.id(competitor, "competitor")
        check.text(reason, "reason")
    }
}

public enum PenaltyKind: String, CatalogueEnum {
    /// Seconds added to the time (noted; a correction re-publishes a changed classification).
    case time
    /// Places lost in the classification.
    case positions
    /// Points deducted from the championship total.
    case points
    /// Disqualified from the session.
    case disqualification
    /// Excluded from the championship: results stay in history, points do not count.
    case exclusion
}

/// A stewards' decision against a competitor.
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

    public init(championship: String, season: Int, round: Int, className: String? = nil, session: String? = nil,
                competitor: String, kind: PenaltyKind, seconds: Double? = nil, positions: Int? = nil, points: Points? = nil,
                reason: String) {
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
    }

    enum CodingKeys: String, CodingKey {
        case championship, season, round, className = "class", session, competitor, kind, seconds, positions, points, reason
    }

    public func validate(_ check: inout Validator) {
        check.id(championship, "championship")
        check.season(season)
        check.round(round)
        check.id(competitor, "competitor")
        check.text(reason, "reason")
        switch kind {
        case .time: check.require((seconds ?? 0) > 0, "seconds", "a time penalty needs seconds greater than 0")
        case .positions: check.require((positions ?? 0) > 0, "positions", "a positions penalty needs positions of 1 or more")
        case .points: check.require((points ?? .zero) > .zero, "points", "a points penalty needs points greater than 0")
        case .disqualification: check.require(session != nil, "session", "a disqualification names the session")
        case .exclusion: break
        }
    }
}

/// A corrected classification that supersedes earlier ones (nothing is rewritten).
public struct ResultCorrected: DomainEvent {
    public var championship: String
    public var season: Int
    public var round: Int
    public var className: String?
    public var session: String
    /// Event ids of the classifications (or earlier corrections) this one supersedes.
    public var corrects: [UUID]
    public var kind: SessionKind
    public var number: Int?
    public var completedDistance: Points?
    public var results: [ClassifiedResult]
    public var reason: String

    public init(championship: String, season: Int, round: Int, className: String? = nil, session: String, corrects: [UUID],
                kind: SessionKind, number: Int? = nil, completedDistance: Points? = nil, results: [ClassifiedResult], reason: String) {
        self.championship = championship
        self.season = season
        self.round = round
        self.className = className
        self.session = session
        self.corrects = corrects
        self.kind = kind
        self.number = number
        self.completedDistance = completedDistance
        self.results = results
        self.reason = reason
    }

    enum CodingKeys: String, CodingKey {
        case championship, season, round, className = "class", session, corrects, kind, number, completedDistance, results, reason
    }

    public func validate(_ check: inout Validator) {
        check.id(championship, "championship")
        check.season(season)
        check.round(round)
        check.text(session, "session")
        check.require(!corrects.isEmpty, "corrects", "must name the event(s) it corrects")
        check.text(reason, "reason")
        ClassifiedResult.validate(results, &check)
    }
}

/// Voids a mistaken event. Appended to the stream of the event it retracts.
public struct EventRetracted: DomainEvent {
    public var retracts: UUID
    public var reason: String

    public init(retracts: UUID, reason: String) {
        self.retracts = retracts
        self.reason = reason
    }

    public func validate(_ check: inout Validator) { check.text(reason, "reason") }
}

/// A recorded decision to multiply a round's points (half points for a shortened race, ...).
public struct RoundMultiplierDecided: DomainEvent {
    public var championship: String
    public var season: Int
    public var round: Int
    public var className: String?
    public var factor: Points
    /// The session kinds it applies to (absent: all of the round).
    public var sessions: [SessionKind]?
    public var reason: String

    public init(championship: String, season: Int, round: Int, className: String? = nil, factor: Points,
                sessions: [SessionKind]? = nil, reason: String) {
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
        check.id(championship, "championship")
        check.season(season)
        check.round(round)
        check.require(factor > .zero, "factor", "must be greater than 0")
        check.text(reason, "reason")
    }
}
