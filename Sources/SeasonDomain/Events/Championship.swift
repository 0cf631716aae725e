import Foundation

/// A championship exists: a series and, when it has classes, one class of it (`euro-rx-super1600`).
/// Stream: `championship:<championship>`.
public struct ChampionshipRegistered: DomainEvent {
    /// The championship's id.
    public var championship: String
    public var name: String
    /// The series it belongs to ("FIA European Rallycross Championship").
    public var series: String?
    public var discipline: Discipline
    /// Classes within it, when standings are kept per class.
    public var classes: [String]?
    public var country: String?
    public var organiser: String?

    public init(championship: String, name: String, series: String? = nil, discipline: Discipline, classes: [String]? = nil,
                country: String? = nil, organiser: String? = nil) {
        self.championship = championship
        self.name = name
        self.series = series
        self.discipline = discipline
        self.classes = classes
        self.country = country
        self.organiser = organiser
    }

    public func validate(_ check: inout Validator) {
        check.id(championship, "championship")
        check.text(name, "name")
    }
}

/// A championship's season opens. Stream: `season:<championship>:<season>`.
public struct SeasonOpened: DomainEvent {
    public var championship: String
    public var season: Int
    public var name: String?
    public var classes: [String]?

    public init(championship: String, season: Int, name: String? = nil, classes: [String]? = nil) {
        self.championship = championship
        self.season = season
        self.name = name
        self.classes = classes
    }

    public func validate(_ check: inout Validator) {
        check.id(championship, "championship")
        check.season(season)
    }
}

/// The season's rules, in force from round 1 (for one class, or for all when `class` is absent).
public struct RulesDeclared: DomainEvent {
    public var championship: String
    public var season: Int
    public var className: String?
    public var rules: RuleSet
    /// Where the rules come from, or why they are as they are.
    public var note: String?

    public init(championship: String, season: Int, className: String? = nil, rules: RuleSet, note: String? = nil) {
        self.championship = championship
        self.season = season
        self.className = className
        self.rules = rules
        self.note = note
    }

    enum CodingKeys: String, CodingKey { case championship, season, className = "class", rules, note }

    public func validate(_ check: inout Validator) {
        check.id(championship, "championship")
        check.season(season)
        RuleSet.validate(rules, "rules", &check)
    }
}

/// New rules in force from a round on: they replace the earlier rule set from that round.
public struct RulesAmended: DomainEvent {
    public var championship: String
    public var season: Int
    public var className: String?
    public var fromRound: Int
    public var rules: RuleSet
    public var reason: String?

    public init(championship: String, season: Int, className: String? = nil, fromRound: Int, rules: RuleSet, reason: String? = nil) {
        self.championship = championship
        self.season = season
        self.className = className
        self.fromRound = fromRound
        self.rules = rules
        self.reason = reason
    }

    enum CodingKeys: String, CodingKey { case championship, season, className = "class", fromRound, rules, reason }

    public func validate(_ check: inout Validator) {
        check.id(championship, "championship")
        check.season(season)
        check.round(fromRound, "fromRound")
        RuleSet.validate(rules, "rules", &check)
    }
}

extension RuleSet {
    static func validate(_ rules: RuleSet, _ path: String, _ check: inout Validator) {
        check.require(!rules.scoring.isEmpty, "\(path).scoring", "must declare at least one scoring scale")
        for (i, scale) in rules.scoring.enumerated() {
            check.require(!scale.kinds.isEmpty, "\(path).scoring[\(i)].kinds", "must name at least one session kind")
            check.require(scale.points.allSatisfy { $0 >= .zero }, "\(path).scoring[\(i)].points", "points must not be negative")
        }
        for (i, m) in rules.multipliers.enumerated() {
            check.require(m.factor > .zero, "\(path).multipliers[\(i)].factor", "must be greater than 0")
        }
        func counting(_ rule: CountingRule, _ p: String) {
            switch rule {
            case .all: break
            case .best(let n): check.require(n > 0, "\(p).count", "must be 1 or more")
            case .split(let f, let a, let b):
                check.require(f > 0 && a > 0 && b > 0, p, "firstRounds, bestOfFirst and bestOfRest must be 1 or more")
            }
        }
        counting(rules.counting, "\(path).counting")
        if let teams = rules.teams { counting(teams.counting, "\(path).teams.counting") }
    }
}
