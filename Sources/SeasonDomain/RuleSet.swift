import Foundation

/// A championship's rules as data: what scores, how much, what counts, and how ties break.
/// Declared by `RulesDeclared` and changed from a round on by `RulesAmended`.
///
/// ```json
/// {"scoring":[{"kinds":["race"],"points":[25,18,15,12,10,8,6,4,2,1]}],
///  "bonuses":[{"kind":"fastestLap","points":1,"onlyIfClassifiedWithin":10}],
///  "counting":{"mode":"all"},"tieBreak":["countback"],
///  "teams":{"scoring":{"mode":"allCars"},"counting":{"mode":"all"}}}
/// ```
public struct RuleSet: Sendable, Hashable, Codable {
    /// Which sessions score, and the points per position.
    public var scoring: [SessionScoring]
    public var bonuses: [BonusRule]
    public var sharedDrives: SharedDrivePolicy
    public var multipliers: [MultiplierRule]
    public var counting: CountingRule
    /// Applied in order when points are equal; rows still tied share a position.
    public var tieBreak: [TieBreakRule]
    public var eligibility: Eligibility
    /// The teams' championship; nil when there is none.
    public var teams: TeamRules?

    public init(
        scoring: [SessionScoring], bonuses: [BonusRule] = [], sharedDrives: SharedDrivePolicy = .splitEqually,
        multipliers: [MultiplierRule] = [], counting: CountingRule = .all, tieBreak: [TieBreakRule] = [.countback],
        eligibility: Eligibility = Eligibility(), teams: TeamRules? = nil
    ) {
        self.scoring = scoring
        self.bonuses = bonuses
        self.sharedDrives = sharedDrives
        self.multipliers = multipliers
        self.counting = counting
        self.tieBreak = tieBreak
        self.eligibility = eligibility
        self.teams = teams
    }

    enum CodingKeys: String, CodingKey { case scoring, bonuses, sharedDrives, multipliers, counting, tieBreak, eligibility, teams }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        scoring = try c.decode([SessionScoring].self, forKey: .scoring)
        bonuses = try c.decodeIfPresent([BonusRule].self, forKey: .bonuses) ?? []
        sharedDrives = try c.decodeIfPresent(SharedDrivePolicy.self, forKey: .sharedDrives) ?? .splitEqually
        multipliers = try c.decodeIfPresent([MultiplierRule].self, forKey: .multipliers) ?? []
        counting = try c.decodeIfPresent(CountingRule.self, forKey: .counting) ?? .all
        tieBreak = try c.decodeIfPresent([TieBreakRule].self, forKey: .tieBreak) ?? [.countback]
        eligibility = try c.decodeIfPresent(Eligibility.self, forKey: .eligibility) ?? Eligibility()
        teams = try c.decodeIfPresent(TeamRules.self, forKey: .teams)
    }
}

/// Points per classified position for some session kinds.
public struct SessionScoring: Sendable, Hashable, Codable {
    public var kinds: [SessionKind]
    /// Index 0 is first place.
    public var points: [Points]
    /// Fraction of the scheduled distance a session must complete for anyone to score.
    public var minimumDistance: Points?

    public init(kinds: [SessionKind], points: [Points], minimumDistance: Points? = nil) {
        self.kinds = kinds
        self.points = points
        self.minimumDistance = minimumDistance
    }
}

public enum BonusKind: String, CatalogueEnum { case fastestLap, pole, other }

public enum BonusTie: String, CatalogueEnum {
    /// Split equally between the holders.
    case split
    /// Each holder gets the full bonus.
    case each
    /// Nobody gets it when several hold it.
    case none
}

/// Extra points with conditions (fastest lap only when classified in the top N, ...).
public struct BonusRule: Sendable, Hashable, Codable {
    public var kind: BonusKind
    public var points: Points
    public var sessions: [SessionKind]
    /// Only when the holder is classified at this position or better.
    public var onlyIfClassifiedWithin: Int?
    /// Only when the holder is classified (the 1950s fastest lap scored for a retirement too).
    public var requiresFinish: Bool
    public var tie: BonusTie

    public init(kind: BonusKind, points: Points, sessions: [SessionKind] = [.race], onlyIfClassifiedWithin: Int? = nil,
                requiresFinish: Bool = false, tie: BonusTie = .split) {
        self.kind = kind
        self.points = points
        self.sessions = sessions
        self.onlyIfClassifiedWithin = onlyIfClassifiedWithin
        self.requiresFinish = requiresFinish
        self.tie = tie
    }

    enum CodingKeys: String, CodingKey { case kind, points, sessions, onlyIfClassifiedWithin, requiresFinish, tie }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        kind = try c.decode(BonusKind.self, forKey: .kind)
        points = try c.decode(Points.self, forKey: .points)
        sessions = try c.decodeIfPresent([SessionKind].self, forKey: .sessions) ?? [.race]
        onlyIfClassifiedWithin = try c.decodeIfPresent(Int.self, forKey: .onlyIfClassifiedWithin)
        requiresFinish = try c.decodeIfPresent(Bool.self, forKey: .requiresFinish) ?? false
        tie = try c.decodeIfPresent(BonusTie.self, forKey: .tie) ?? .split
    }
}

/// What happens to the points of a car several drivers shared.
public enum SharedDrivePolicy: String, CatalogueEnum {
    /// A shared car scores nothing for anyone.
    case none
    /// The car's points are split equally among its drivers; a driver adds up shares of several cars.
    case splitEqually
    /// Split equally, but a driver scores only from his best-placed car of a session.
    case splitEquallyBestCarOnly
}

/// A points multiplier for some rounds: a given round, the last round, or a short race.
public struct MultiplierRule: Sendable, Hashable, Codable {
    public var round: Int?
    public var lastRound: Bool?
    /// Applies when the session completed less than this fraction of its distance.
    public var whenCompletedDistanceBelow: Points?
    public var factor: Points
    /// The session kinds it applies to (nil: all).
    public var sessions: [SessionKind]?

    public init(round: Int? = nil, lastRound: Bool? = nil, whenCompletedDistanceBelow: Points? = nil, factor: Points,
                sessions: [SessionKind]? = nil) {
        self.round = round
        self.lastRound = lastRound
        self.whenCompletedDistanceBelow = whenCompletedDistanceBelow
        self.factor = factor
        self.sessions = sessions
    }
}

/// Which results count towards the total.
///
/// JSON: `{"mode":"all"}`, `{"mode":"best","count":11}`,
/// `{"mode":"split","firstRounds":6,"bestOfFirst":5,"bestOfRest":4}`.
public enum CountingRule: Sendable, Hashable, Codable {
    case all
    /// The best `n` rounds.
    case best(Int)
    /// The best `bestOfFirst` of rounds 1...`firstRounds` plus the best `bestOfRest` of the others.
    case split(firstRounds: Int, bestOfFirst: Int, bestOfRest: Int)

    enum CodingKeys: String, CodingKey { case mode, count, firstRounds, bestOfFirst, bestOfRest }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        switch try c.decode(String.self, forKey: .mode) {
        case "all": self = .all
        case "best": self = .best(try c.decode(Int.self, forKey: .count))
        case "split":
            self = .split(firstRounds: try c.decode(Int.self, forKey: .firstRounds),
                          bestOfFirst: try c.decode(Int.self, forKey: .bestOfFirst),
                          bestOfRest: try c.decode(Int.self, forKey: .bestOfRest))
        case let other:
            throw DecodingError.dataCorruptedError(forKey: .mode, in: c, debugDescription: "\"\(other)\" is not one of all, best, split")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .all: try c.encode("all", forKey: .mode)
        case .best(let n):
            try c.encode("best", forKey: .mode)
            try c.encode(n, forKey: .count)
        case .split(let first, let a, let b):
            try c.encode("split", forKey: .mode)
            try c.encode(first, forKey: .firstRounds)
            try c.encode(a, forKey: .bestOfFirst)
            try c.encode(b, forKey: .bestOfRest)
        }
    }
}

public enum TieBreakRule: String, CatalogueEnum {
    /// Most wins, then most second places, and so on.
    case countback
    /// Who reached the total first.
    case firstToReach
    /// The better result in the latest round.
    case lastRoundResult
    /// Leave the tie: rows share the position.
    case shareTie
}

/// Who may score.
public struct Eligibility: Sendable, Hashable, Codable {
    /// Only competitors with a confirmed entry for the round score.
    public var registeredEntriesOnly: Bool
    /// Statuses that can score (default: classified only; NC, DNF, DSQ score nothing).
    public var scoringStatuses: [ResultStatus]

    public init(registeredEntriesOnly: Bool = false, scoringStatuses: [ResultStatus] = [.classified]) {
        self.registeredEntriesOnly = registeredEntriesOnly
        self.scoringStatuses = scoringStatuses
    }

    enum CodingKeys: String, CodingKey { case registeredEntriesOnly, scoringStatuses }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        registeredEntriesOnly = try c.decodeIfPresent(Bool.self, forKey: .registeredEntriesOnly) ?? false
        scoringStatuses = try c.decodeIfPresent([ResultStatus].self, forKey: .scoringStatuses) ?? [.classified]
    }
}

/// Which of a team's cars score in a session. JSON: `{"mode":"allCars"}`, `{"mode":"bestCarOnly"}`,
/// `{"mode":"bestCars","count":2}`.
public enum TeamScoring: Sendable, Hashable, Codable {
    case allCars
    case bestCarOnly
    case bestCars(Int)

    enum CodingKeys: String, CodingKey { case mode, count }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        switch try c.decode(String.self, forKey: .mode) {
        case "allCars": self = .allCars
        case "bestCarOnly": self = .bestCarOnly
        case "bestCars": self = .bestCars(try c.decode(Int.self, forKey: .count))
        case let other:
            throw DecodingError.dataCorruptedError(forKey: .mode, in: c, debugDescription: "\"\(other)\" is not one of allCars, bestCarOnly, bestCars")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .allCars: try c.encode("allCars", forKey: .mode)
        case .bestCarOnly: try c.encode("bestCarOnly", forKey: .mode)
        case .bestCars(let n):
            try c.encode("bestCars", forKey: .mode)
            try c.encode(n, forKey: .count)
        }
    }
}

/// The teams' championship rules.
public struct TeamRules: Sendable, Hashable, Codable {
    public var scoring: TeamScoring
    public var counting: CountingRule
    /// Whether bonus points (fastest lap) count for the team.
    public var bonusesCount: Bool
    /// Shared cars for the team, when different from the drivers' rule.
    public var sharedDrives: SharedDrivePolicy?

    public init(scoring: TeamScoring = .allCars, counting: CountingRule = .all, bonusesCount: Bool = true,
                sharedDrives: SharedDrivePolicy? = nil) {
        self.scoring = scoring
        self.counting = counting
        self.bonusesCount = bonusesCount
        self.sharedDrives = sharedDrives
    }

    enum CodingKeys: String, CodingKey { case scoring, counting, bonusesCount, sharedDrives }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        scoring = try c.decodeIfPresent(TeamScoring.self, forKey: .scoring) ?? .allCars
        counting = try c.decodeIfPresent(CountingRule.self, forKey: .counting) ?? .all
        bonusesCount = try c.decodeIfPresent(Bool.self, forKey: .bonusesCount) ?? true
        sharedDrives = try c.decodeIfPresent(SharedDrivePolicy.self, forKey: .sharedDrives)
    }
}
