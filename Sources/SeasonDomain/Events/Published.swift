import Foundation

/// A standings table, or part of one, as a source printed it: positions, and points where given.
///
/// It records what was published, not how it was reached: it never changes computed points (a
/// `PointsAdjusted` of mode `total` does that). Tables show it beside what the rules compute, so a
/// season without declared rules still shows where the source placed each competitor, and a season
/// with rules shows whether the computation agrees with the official table.
///
/// - `championship`, `season`, `class`: the table.
/// - `table`: `competitors` (default) or `teams`.
/// - `afterRound`: the round after which the table stood; absent: the table as it stood when published.
/// - `rows`: what the source printed, in its order; each row names a competitor (or a team) and gives a
///   `position`, `points` or both.
/// - `complete`: false (default) when the source printed only part of the table (a top five, one
///   driver's place): the rows not given are unknown, not absent.
/// - `reason`: who published it and where.
///
/// ```json
/// {"championship": "euro-rx-super1600", "season": 2018, "afterRound": 6,
///  "rows": [{"competitor": "jesse-kallio", "position": 6}], "reason": "sixth in the points (article 002)"}
/// ```
public struct StandingsPublished: DomainEvent {
    public var championship: String
    public var season: Int
    public var className: String?
    public var table: PublishedTableKind?
    public var afterRound: Int?
    public var rows: [PublishedStandingRow]
    public var complete: Bool?
    public var reason: String

    public init(
        championship: String, season: Int, className: String? = nil, table: PublishedTableKind? = nil,
        afterRound: Int? = nil, rows: [PublishedStandingRow], complete: Bool? = nil, reason: String
    ) {
        self.championship = championship
        self.season = season
        self.className = className
        self.table = table
        self.afterRound = afterRound
        self.rows = rows
        self.complete = complete
        self.reason = reason
    }

    enum CodingKeys: String, CodingKey { case championship, season, className = "class", table, afterRound, rows, complete, reason }

    /// Which table the rows belong to (competitors when absent).
    public var tableKind: PublishedTableKind { table ?? .competitors }

    public func validate(_ check: inout Validator) {
        check.seasonOf(championship, season)
        check.text(className, "class")
        check.round(afterRound, "afterRound")
        check.require(!rows.isEmpty, "rows", "must list at least one row")
        check.count(rows.count, Limits.rows, "rows", "rows")
        var seen = Set<String>()
        for (i, row) in rows.enumerated() {
            let who = tableKind == .teams ? row.team : row.competitor
            check.require(
                who != nil, "rows[\(i)].\(tableKind == .teams ? "team" : "competitor")",
                "a row of the \(tableKind.rawValue)' table names its \(tableKind == .teams ? "team" : "competitor")")
            check.id(row.competitor, "rows[\(i)].competitor")
            check.id(row.team, "rows[\(i)].team")
            check.require(row.position != nil || row.points != nil, "rows[\(i)]", "gives a position, points or both")
            check.range(row.position, Limits.position, "rows[\(i)].position")
            check.points(row.points, "rows[\(i)].points", allowNegative: true)
            if let who { check.require(seen.insert(who).inserted, "rows[\(i)]", "\(who) is listed twice") }
        }
        check.text(reason, "reason")
    }
}

/// Competitors' or teams' table. JSON: `"competitors"` or `"teams"`.
public enum PublishedTableKind: String, CatalogueEnum {
    case competitors
    case teams
}

/// One printed row: who, and the place and points the source gave.
public struct PublishedStandingRow: Codable, Sendable, Hashable {
    public var position: Int?
    public var competitor: String?
    public var team: String?
    public var points: Points?

    public init(position: Int? = nil, competitor: String? = nil, team: String? = nil, points: Points? = nil) {
        self.position = position
        self.competitor = competitor
        self.team = team
        self.points = points
    }
}
