import Foundation

/// A title is awarded: the official word, not a computation.
///
/// - `championship`, `season`, `class`: the title's season.
/// - `competitor`, `team`: who won it (at least one).
/// - `title`: the title's name as the source gives it ("Finnish champion, Supercar").
/// - `reason`: notes on the award ("awarded after the appeal").
public struct TitleAwarded: DomainEvent {
    public var championship: String
    public var season: Int
    public var className: String?
    public var competitor: String?
    public var team: String?
    public var title: String?
    public var reason: String?

    public init(
        championship: String, season: Int, className: String? = nil, competitor: String? = nil, team: String? = nil,
        title: String? = nil, reason: String? = nil
    ) {
        self.championship = championship
        self.season = season
        self.className = className
        self.competitor = competitor
        self.team = team
        self.title = title
        self.reason = reason
    }

    enum CodingKeys: String, CodingKey { case championship, season, className = "class", competitor, team, title, reason }

    public func validate(_ check: inout Validator) {
        check.seasonOf(championship, season)
        check.text(className, "class")
        check.require(competitor != nil || team != nil, "competitor", "a title goes to a competitor or a team")
        check.id(competitor, "competitor")
        check.id(team, "team")
        check.text(title, "title")
        check.text(reason, "reason")
    }
}

/// How a `PointsAdjusted` applies. JSON: `"total"` or `"delta"`.
public enum AdjustmentMode: String, CatalogueEnum {
    /// The official total published after `afterRound`, replacing what results gave until then.
    case total
    /// Points added (or, when negative, removed).
    case delta
}

/// Official points published without the results under them, or an adjustment of a total.
///
/// - `championship`, `season`, `class`: the table.
/// - `competitor`, `team`: whose points (at least one).
/// - `points`: the total or the delta.
/// - `mode`: `total` (replaces the results' sum up to `afterRound`) or `delta` (added).
/// - `afterRound`: the round after which the total stood, or the delta applies.
/// - `reason`: where the figure comes from or why it changed.
public struct PointsAdjusted: DomainEvent {
    public var championship: String
    public var season: Int
    public var className: String?
    public var competitor: String?
    public var team: String?
    public var points: Points
    public var mode: AdjustmentMode
    public var afterRound: Int?
    public var reason: String

    public init(
        championship: String, season: Int, className: String? = nil, competitor: String? = nil, team: String? = nil,
        points: Points, mode: AdjustmentMode, afterRound: Int? = nil, reason: String
    ) {
        self.championship = championship
        self.season = season
        self.className = className
        self.competitor = competitor
        self.team = team
        self.points = points
        self.mode = mode
        self.afterRound = afterRound
        self.reason = reason
    }

    enum CodingKeys: String, CodingKey { case championship, season, className = "class", competitor, team, points, mode, afterRound, reason }

    public func validate(_ check: inout Validator) {
        check.seasonOf(championship, season)
        check.text(className, "class")
        check.require(competitor != nil || team != nil, "competitor", "an adjustment names a competitor or a team")
        check.id(competitor, "competitor")
        check.id(team, "team")
        check.points(points, "points", allowNegative: true)
        check.round(afterRound, "afterRound")
        check.text(reason, "reason")
    }
}
