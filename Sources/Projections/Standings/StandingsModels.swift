import Foundation
import SeasonDomain

/// Whose table: competitors (drivers) or teams.
public enum StandingsKind: String, Sendable, Codable, CaseIterable {
    case competitors, teams
}

/// A championship season's table at a cut.
public struct StandingsTable: Sendable, Equatable, Codable {
    public var championship: String
    public var season: Int
    public var className: String?
    public var kind: StandingsKind
    public var cut: Cut
    /// Rounds whose results are in the table.
    public var rounds: [Int]
    /// Ranked rows; tied rows share a position.
    public var rows: [StandingRow]
    /// Competitors excluded from the championship: their results stay in history, their points do not count.
    public var excluded: [StandingRow]
    /// Why a table may be empty or partial (no rules declared, ...).
    public var notes: [String]
    /// The latest table a source published within the cut, shown beside the computed one.
    public var published: PublishedStandings?

    enum CodingKeys: String, CodingKey {
        case championship, season, className = "class", kind, cut, rounds, rows, excluded, notes, published
    }
}

/// A table (or part of one) as a source printed it, with the event that recorded it.
public struct PublishedStandings: Sendable, Equatable, Codable {
    public var eventId: UUID
    public var logPosition: Int64
    public var afterRound: Int?
    /// False when the source printed only part of the table: the rows not given are unknown.
    public var complete: Bool
    public var reason: String
    public var rows: [PublishedStandingRow]
}

/// One line of a table.
public struct StandingRow: Sendable, Equatable, Codable {
    public var position: Int?
    /// The competitor's (or team's) id.
    public var competitor: String
    /// Counted points: the championship total.
    public var points: Points
    /// Every point scored, counted or not.
    public var grossPoints: Points
    public var wins: Int
    public var podiums: Int
    /// Points behind the leader.
    public var gap: Points
    /// Each round's points, with whether they counted.
    public var roundScores: [RoundScore]
    /// How a tie was broken, if one was.
    public var tieBreak: String?
}

/// A competitor's points in one round.
public struct RoundScore: Sendable, Equatable, Codable {
    public var round: Int
    public var points: Points
    /// False when dropped by the counting rule (shown, not hidden) or replaced by a published total.
    public var counted: Bool
}

/// One competitor's points, line by line: every result that scored or could have.
public struct Explanation: Sendable, Equatable, Codable {
    public var championship: String
    public var season: Int
    public var className: String?
    public var competitor: String
    public var cut: Cut
    public var position: Int?
    public var lines: [ExplanationLine]
    /// The sum of the counted lines: always the standing's points.
    public var total: Points
    /// The competitor's row in the latest published table within the cut, when a source gave one.
    public var published: PublishedStandings?

    enum CodingKeys: String, CodingKey {
        case championship, season, className = "class", competitor, cut, position, lines, total, published
    }
}

/// One result, bonus, adjustment or penalty and the points it gave.
public struct ExplanationLine: Sendable, Equatable, Codable {
    public enum Kind: String, Sendable, Codable {
        case result, bonus, adjustment, penalty
    }

    public var kind: Kind
    /// Whose line it is (a competitor, or a team in a teams' table).
    public var competitor: String
    public var round: Int?
    public var session: String?
    public var sessionKind: SessionKind?
    /// The event that recorded the fact, and its position in the log.
    public var eventId: UUID
    public var logPosition: Int64
    public var classifiedPosition: Int?
    public var status: ResultStatus?
    /// Points before share and multiplier.
    public var basePoints: Points
    /// The fraction of a shared car's points (1 when not shared).
    public var share: Points
    public var multiplier: Points
    public var points: Points
    /// The rule that produced the points, in words.
    public var rule: String
    /// Penalties, corrections and other events that shaped this line.
    public var notes: [String]
    public var counted: Bool
}

extension ExplanationLine {
    /// How the rule of a result no rule set covers begins: its points are unknown, not zero.
    public static let noRulesDeclared = "no points rules declared"
}
