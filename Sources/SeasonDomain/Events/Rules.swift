import Foundation

/// The season's rules, in force from round 1, for one class or (without `class`) for all.
///
/// - `championship`, `season`: the season.
/// - `class` (`className` in Swift): the class the rules are for; absent: every class.
/// - `rules`: the rule set (see `RuleSet`).
/// - `note`: where the rules come from, or why they are as they are.
public struct RulesDeclared: DomainEvent {
    public var championship: String
    public var season: Int
    public var className: String?
    public var rules: RuleSet
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
        check.seasonOf(championship, season)
        check.text(className, "class")
        check.text(note, "note")
        RuleSet.validate(rules, "rules", &check)
    }
}

/// New rules from a round on: they replace the earlier rule set from `fromRound` (earlier rounds keep theirs).
///
/// - `championship`, `season`, `class`: as in `RulesDeclared`.
/// - `fromRound`: the first round the new rules apply to.
/// - `rules`: the complete new rule set.
/// - `reason`: why the rules changed.
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
        check.seasonOf(championship, season)
        check.text(className, "class")
        check.round(fromRound, "fromRound")
        check.text(reason, "reason")
        RuleSet.validate(rules, "rules", &check)
    }
}
