import Foundation
import SeasonDomain

/// Two tables of one season side by side: each competitor's position and points in both, the
/// change, and the events that caused it, read from the two tables' explanations.
///
/// The sides differ by their cut ("before the stewards' penalty was recorded" against everything
/// recorded) or by their rules (the season under another rule set: a hypothetical, never written
/// to the log), or both. A row's points change is always the sum of its causes' points.
///
/// ```swift
/// let before = StandingsCalculator(ledger: ledger.restricted(to: cut), className: nil, cut: cut).competitors()
/// let after = StandingsCalculator(ledger: ledger, className: nil, cut: .everything).competitors()
/// let comparison = Comparison(from: .init(result: before, ledger: ledger, rules: .own),
///                             to: .init(result: after, ledger: ledger, rules: .own))
/// comparison.changes.first?.causes.first?.eventId   // the penalty
/// ```
public struct Comparison: Sendable, Equatable, Codable {
    /// Which rules a side was computed under.
    public struct RulesUsed: Sendable, Equatable, Codable {
        /// True when the rules are not the season's own: the table is a hypothesis.
        public var hypothetical: Bool
        /// Where the rules come from: "the season's own rules", "the rules of f1 2010", a file name.
        public var source: String

        public static let own = RulesUsed(hypothetical: false, source: "the season's own rules")

        public init(hypothetical: Bool, source: String) {
            self.hypothetical = hypothetical
            self.source = source
        }
    }

    /// One side's cut and rules.
    public struct Side: Sendable, Equatable, Codable {
        public var cut: Cut
        public var rules: RulesUsed
    }

    /// A competitor's place in one table.
    public struct Standing: Sendable, Equatable, Codable {
        /// Nil when not ranked: excluded, or a season without rules.
        public var position: Int?
        /// The total of the counted explanation lines.
        public var points: Points
        /// Excluded from the championship: listed apart, not ranked.
        public var excluded: Bool
    }

    /// An event whose lines count differently in the two tables, or that excludes a competitor.
    public struct Cause: Sendable, Equatable, Codable {
        public enum Kind: String, Sendable, Codable { case result, bonus, adjustment, penalty, exclusion }

        public var kind: Kind
        public var eventId: UUID
        public var logPosition: Int64
        public var round: Int?
        public var session: String?
        /// The rule of the `to` side's line (else the `from` side's), or the exclusion's reason.
        public var rule: String
        /// Counted points in `to` minus counted points in `from` of this event's lines.
        public var points: Points
        /// True when only the `to` table holds the event: recorded (or occurred) between the cuts.
        public var new: Bool
    }

    /// A competitor in both tables (or in one: the other side is nil).
    public struct Row: Sendable, Equatable, Codable {
        public var competitor: String
        public var from: Standing?
        public var to: Standing?
        /// `to` points minus `from` points (a side without the competitor counts 0).
        public var points: Points
        /// Places gained: `from` position minus `to` position, when both are ranked.
        public var positions: Int?
        public var causes: [Cause]

        /// Whether anything differs between the two sides.
        public var changed: Bool { !points.isZero || from != to || !causes.isEmpty }
    }

    public var championship: String
    public var season: Int
    public var className: String?
    public var kind: StandingsKind
    public var from: Side
    public var to: Side
    /// Every competitor of either table: by `to` position, then `from` position, then id.
    public var rows: [Row]

    /// The rows that differ. A comparison of a cut with itself under the same rules has none.
    public var changes: [Row] { rows.filter(\.changed) }

    enum CodingKeys: String, CodingKey { case championship, season, className = "class", kind, from, to, rows }

    /// One table with what the comparison needs beside it: the ledger it came from (for the
    /// exclusions' events) and the rules it was computed under.
    public struct Input: Sendable {
        public var result: StandingsCalculator.Result
        public var ledger: SeasonLedger
        public var rules: RulesUsed

        public init(result: StandingsCalculator.Result, ledger: SeasonLedger, rules: RulesUsed) {
            self.result = result
            self.ledger = ledger
            self.rules = rules
        }
    }

    public init(from: Input, to: Input) {
        let a = from.result.table, b = to.result.table
        championship = b.championship
        season = b.season
        className = b.className
        kind = b.kind
        self.from = Side(cut: a.cut, rules: from.rules)
        self.to = Side(cut: b.cut, rules: to.rules)
        let fromStandings = Self.standings(from.result), toStandings = Self.standings(to.result)
        let everyone = Set(fromStandings.keys).union(toStandings.keys)
        rows = everyone.map { competitor in
            let was = fromStandings[competitor], now = toStandings[competitor]
            var causes = Self.lineCauses(from.result.explanations[competitor]?.lines ?? [], to.result.explanations[competitor]?.lines ?? [])
            if was?.excluded != now?.excluded, let exclusion = Self.exclusion(of: competitor, kind: b.kind, in: now?.excluded == true ? to.ledger : from.ledger)
            {
                causes.append(
                    Cause(
                        kind: .exclusion, eventId: exclusion.meta.eventId, logPosition: exclusion.meta.position, round: exclusion.fact.round,
                        session: nil, rule: (now?.excluded == true ? "excluded from the championship: " : "no longer excluded: ") + exclusion.fact.reason,
                        points: .zero, new: now?.excluded == true))
            }
            let positions = was?.position.flatMap { p in now?.position.map { p - $0 } }
            return Row(
                competitor: competitor, from: was, to: now, points: (now?.points ?? .zero) - (was?.points ?? .zero),
                positions: positions, causes: causes.sorted { ($0.logPosition, $0.kind.rawValue) < ($1.logPosition, $1.kind.rawValue) })
        }.sorted { l, r in
            (l.to?.position ?? .max, l.from?.position ?? .max, l.competitor) < (r.to?.position ?? .max, r.from?.position ?? .max, r.competitor)
        }
    }

    // MARK: - Building

    static func standings(_ result: StandingsCalculator.Result) -> [String: Standing] {
        var out: [String: Standing] = [:]
        for row in result.table.rows { out[row.competitor] = Standing(position: row.position, points: row.points, excluded: false) }
        for row in result.table.excluded { out[row.competitor] = Standing(position: nil, points: row.points, excluded: true) }
        return out
    }

    /// Per event, the counted points of its lines in `to` minus those in `from`. An event whose
    /// lines differ in anything else (a classified position, a status: a correction in a season
    /// without points rules) is a cause worth 0 points; one whose lines are the same is none.
    static func lineCauses(_ from: [ExplanationLine], _ to: [ExplanationLine]) -> [Cause] {
        struct Tally {
            var from = Points.zero, to = Points.zero
            var fromLines: [ExplanationLine] = [], toLines: [ExplanationLine] = []
        }
        var tallies: [UUID: Tally] = [:]
        for line in from {
            tallies[line.eventId, default: Tally()].fromLines.append(line)
            if line.counted { tallies[line.eventId, default: Tally()].from += line.points }
        }
        for line in to {
            tallies[line.eventId, default: Tally()].toLines.append(line)
            if line.counted { tallies[line.eventId, default: Tally()].to += line.points }
        }
        return tallies.compactMap { id, tally in
            let change = tally.to - tally.from
            guard !change.isZero || !LineShape.same(tally.fromLines, tally.toLines) else { return nil }
            guard let line = tally.toLines.first ?? tally.fromLines.first else { return nil }
            let kind: Cause.Kind =
                switch line.kind {
                case .result: .result
                case .bonus: .bonus
                case .adjustment: .adjustment
                case .penalty: .penalty
                }
            let rule = tally.toLines.isEmpty ? "no longer in the table (superseded, retracted or outside the cut): \(line.rule)" : line.rule
            return Cause(
                kind: kind, eventId: id, logPosition: line.logPosition, round: line.round, session: line.session,
                rule: rule, points: change, new: tally.fromLines.isEmpty)
        }
    }

    /// What a reader sees of an explanation line. Whether a line of no points counts makes no
    /// difference: only what it shows does.
    struct LineShape: Equatable {
        var kind: ExplanationLine.Kind
        var classifiedPosition: Int?
        var status: ResultStatus?
        var points: Points
        var countsPoints: Bool

        init(_ line: ExplanationLine) {
            kind = line.kind
            classifiedPosition = line.classifiedPosition
            status = line.status
            points = line.points
            countsPoints = line.counted && !line.points.isZero
        }

        /// Whether two events' lines show the same, in any order (an event has a line or two).
        static func same(_ a: [ExplanationLine], _ b: [ExplanationLine]) -> Bool {
            guard a.count == b.count else { return false }
            let left = a.map(LineShape.init), right = b.map(LineShape.init)
            return left.allSatisfy { shape in left.count { $0 == shape } == right.count { $0 == shape } }
        }
    }

    /// The exclusion in force for a row of a table, as the ledger (restricted to its cut) holds it.
    static func exclusion(of competitor: String, kind: StandingsKind, in ledger: SeasonLedger) -> Recorded<PenaltyApplied>? {
        let table: ChampionshipTable = kind == .teams ? .teams : .competitors
        return ledger.penalties.last { p in
            !ledger.isRetracted(p.meta) && p.fact.kind == .exclusion && p.fact.competitor == competitor && (p.fact.table ?? .competitors) == table
        }
    }
}
