/// A championship's rules as data: what scores, how much, what counts, and how ties break.
/// Declared by `RulesDeclared` and replaced from a round on by `RulesAmended`.
///
/// - `scoring`: which session kinds score and the points per position (required).
/// - `bonuses`: extra points (fastest lap, pole); default none.
/// - `sharedDrives`: what a car shared by several drivers scores; default `splitEqually`.
/// - `multipliers`: points factors for some rounds (double points, half points for a short race); default none.
/// - `counting`: which rounds count towards the total; default `{"mode":"all"}`.
/// - `tieBreak`: applied in order when totals are equal; default `["countback"]`.
/// - `eligibility`: who may score; default: everyone classified.
/// - `teams`: the teams' championship; absent when there is none.
/// - `listing`: who the table lists: `participants` (default: everyone with a result), `scorers`
///   (only those with points) or `classifiedFinishers` (points, or at least one classified finish in
///   the main session kind, the first scale's).
///
/// ```json
/// {"scoring":[{"kinds":["race"],"points":[25,18,15,12,10,8,6,4,2,1]}],
///  "bonuses":[{"kind":"fastestLap","points":1,"onlyIfClassifiedWithin":10}]}
/// ```
public struct RuleSet: Sendable, Hashable, Codable {
    public var scoring: [SessionScoring]
    public var bonuses: [BonusRule]
    public var sharedDrives: SharedDrivePolicy
    public var multipliers: [MultiplierRule]
    public var counting: CountingRule
    public var tieBreak: [TieBreakRule]
    public var eligibility: Eligibility
    public var teams: TeamRules?
    public var listing: StandingsListing

    public init(
        scoring: [SessionScoring], bonuses: [BonusRule] = [], sharedDrives: SharedDrivePolicy = .splitEqually,
        multipliers: [MultiplierRule] = [], counting: CountingRule = .all, tieBreak: [TieBreakRule] = [.countback],
        eligibility: Eligibility = Eligibility(), teams: TeamRules? = nil, listing: StandingsListing = .participants
    ) {
        self.listing = listing
        self.scoring = scoring
        self.bonuses = bonuses
        self.sharedDrives = sharedDrives
        self.multipliers = multipliers
        self.counting = counting
        self.tieBreak = tieBreak
        self.eligibility = eligibility
        self.teams = teams
    }

    /// The scoring scale for a session kind (the first that lists it), if that kind scores.
    public func scoring(for kind: SessionKind) -> SessionScoring? { scoring.first { $0.kinds.contains(kind) } }

    // MARK: Codable

    enum CodingKeys: String, CodingKey {
        case scoring, bonuses, sharedDrives, multipliers, counting, tieBreak, eligibility, teams, listing
    }

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
        listing = try c.decodeIfPresent(StandingsListing.self, forKey: .listing) ?? .participants
    }
}

// MARK: - Validation

extension RuleSet {
    static func validate(_ rules: RuleSet, _ path: String, _ check: inout Validator) {
        check.require(!rules.scoring.isEmpty, "\(path).scoring", "must declare at least one scoring scale")
        check.count(rules.scoring.count, 0...100, "\(path).scoring", "scales")
        for (i, scale) in rules.scoring.enumerated() {
            SessionScoring.validate(scale, "\(path).scoring[\(i)]", &check)
        }
        check.count(rules.bonuses.count, 0...100, "\(path).bonuses", "bonuses")
        for (i, bonus) in rules.bonuses.enumerated() {
            check.require(!bonus.sessions.isEmpty, "\(path).bonuses[\(i)].sessions", "must name at least one session kind")
            check.points(bonus.points, "\(path).bonuses[\(i)].points")
            check.range(bonus.onlyIfClassifiedWithin, Limits.position, "\(path).bonuses[\(i)].onlyIfClassifiedWithin")
        }
        check.count(rules.multipliers.count, 0...1_000, "\(path).multipliers", "multipliers")
        for (i, m) in rules.multipliers.enumerated() {
            check.factor(m.factor, "\(path).multipliers[\(i)].factor")
            check.fraction(m.whenCompletedDistanceBelow, "\(path).multipliers[\(i)].whenCompletedDistanceBelow", lowerExclusive: true)
            check.round(m.round, "\(path).multipliers[\(i)].round")
            check.require(
                m.round != nil || m.lastRound == true || m.whenCompletedDistanceBelow != nil, "\(path).multipliers[\(i)]",
                "must say when it applies: round, lastRound or whenCompletedDistanceBelow")
        }
        check.require(!rules.eligibility.scoringStatuses.isEmpty, "\(path).eligibility.scoringStatuses", "must list at least one status")
        rules.counting.validate("\(path).counting", &check)
        if let teams = rules.teams {
            teams.counting.validate("\(path).teams.counting", &check)
            if case .bestCars(let n) = teams.scoring { check.range(n, Limits.bestCars, "\(path).teams.scoring.count") }
            check.count(teams.excludedRounds?.count ?? 0, 0...Limits.round.upperBound, "\(path).teams.excludedRounds", "rounds")
            for (i, round) in (teams.excludedRounds ?? []).enumerated() { check.round(round, "\(path).teams.excludedRounds[\(i)]") }
            check.count(teams.pointsScales?.count ?? 0, 0...100, "\(path).teams.pointsScales", "scales")
            for (i, scale) in (teams.pointsScales ?? []).enumerated() {
                SessionScoring.validate(scale, "\(path).teams.pointsScales[\(i)]", &check)
            }
        }
    }
}

/// Who a table lists.
public enum StandingsListing: String, CatalogueEnum {
    /// Everyone with a result in the season.
    case participants
    /// Only competitors with points.
    case scorers
    /// Competitors with points or at least one classified finish so far in the main session kind, the
    /// first scale's (F1 from 2000: a sprint finish alone does not list a driver).
    case classifiedFinishers
}
