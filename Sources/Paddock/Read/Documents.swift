import Foundation
import Projections
import SeasonDomain

/// JSON documents for readers (CLI `--json` and HTTP): points as JSON numbers rounded to 2
/// decimals, with the exact value beside them when rounding hides a fraction (e.g. 1/7).
public enum Documents {
    public static func number(_ points: Points) -> Double { (points.doubleValue * 100).rounded() / 100 }

    /// The exact value, when 2 decimals do not show it (1/7, 34/3).
    static func exact(_ points: Points) -> String? {
        (points * 100).denominator == 1 ? nil : points.exactText
    }

    public struct Standings: Codable, Sendable, Equatable {
        public struct Row: Codable, Sendable, Equatable {
            public var position: Int?
            public var competitor: String
            public var name: String
            public var points: Double
            public var pointsExact: String?
            public var grossPoints: Double
            public var wins: Int
            public var podiums: Int
            public var gap: Double
            public var rounds: [Round]
            public var tieBreak: String?
        }

        public struct Round: Codable, Sendable, Equatable {
            public var round: Int
            public var points: Double
            public var counted: Bool
        }

        public var championship: String
        public var season: Int
        public var `class`: String?
        public var kind: String
        public var cut: Cut
        public var rounds: [Int]
        public var rows: [Row]
        public var excluded: [Row]
        public var notes: [String]
        public var published: Published?
        /// Set when the table is computed under rules other than the season's own: where they come from.
        public var hypotheticalRules: String?
    }

    /// A table as a source printed it (see `StandingsPublished`).
    public struct Published: Codable, Sendable, Equatable {
        public struct Row: Codable, Sendable, Equatable {
            public var position: Int?
            public var competitor: String?
            public var team: String?
            public var name: String
            public var points: Double?
        }

        /// The event's id, lower-case as in envelopes.
        public var eventId: String
        public var logPosition: Int64
        public var afterRound: Int?
        public var complete: Bool
        public var reason: String
        public var rows: [Row]
    }

    static func published(_ p: PublishedStandings?, names: (String) -> String) -> Published? {
        guard let p else { return nil }
        return Published(
            eventId: p.eventId.uuidString.lowercased(), logPosition: p.logPosition, afterRound: p.afterRound, complete: p.complete, reason: p.reason,
            rows: p.rows.map {
                .init(
                    position: $0.position, competitor: $0.competitor, team: $0.team,
                    name: names($0.competitor ?? $0.team ?? ""), points: $0.points.map(number))
            })
    }

    public static func standings(_ table: StandingsTable, names: (String) -> String, hypotheticalRules: String? = nil) -> Standings {
        func row(_ r: StandingRow) -> Standings.Row {
            Standings.Row(
                position: r.position, competitor: r.competitor, name: names(r.competitor), points: number(r.points),
                pointsExact: exact(r.points), grossPoints: number(r.grossPoints), wins: r.wins, podiums: r.podiums,
                gap: number(r.gap), rounds: r.roundScores.map { .init(round: $0.round, points: number($0.points), counted: $0.counted) },
                tieBreak: r.tieBreak)
        }
        return Standings(
            championship: table.championship, season: table.season, class: table.className, kind: table.kind.rawValue,
            cut: table.cut, rounds: table.rounds, rows: table.rows.map(row), excluded: table.excluded.map(row), notes: table.notes,
            published: published(table.published, names: names), hypotheticalRules: hypotheticalRules)
    }

    public struct ExplanationDocument: Codable, Sendable, Equatable {
        public struct Line: Codable, Sendable, Equatable {
            public var kind: String
            public var round: Int?
            public var session: String?
            public var sessionKind: String?
            /// The event's id, lower-case as in envelopes.
            public var eventId: String
            public var logPosition: Int64
            public var classifiedPosition: Int?
            public var status: String?
            public var basePoints: Double
            public var share: String
            public var multiplier: String
            public var points: Double
            public var pointsExact: String?
            public var rule: String
            public var notes: [String]
            public var counted: Bool
        }

        public var championship: String
        public var season: Int
        public var `class`: String?
        public var competitor: String
        public var name: String
        public var cut: Cut
        public var position: Int?
        public var total: Double
        public var totalExact: String?
        public var lines: [Line]
        public var published: Published?
    }

    public static func explanation(_ e: Explanation, name: String) -> ExplanationDocument {
        ExplanationDocument(
            championship: e.championship, season: e.season, class: e.className, competitor: e.competitor, name: name, cut: e.cut,
            position: e.position, total: number(e.total), totalExact: exact(e.total),
            lines: e.lines.map { l in
                .init(
                    kind: l.kind.rawValue, round: l.round, session: l.session, sessionKind: l.sessionKind?.rawValue,
                    eventId: l.eventId.uuidString.lowercased(), logPosition: l.logPosition, classifiedPosition: l.classifiedPosition,
                    status: l.status?.rawValue, basePoints: number(l.basePoints), share: l.share.exactText,
                    multiplier: l.multiplier.exactText, points: number(l.points), pointsExact: exact(l.points),
                    rule: l.rule, notes: l.notes, counted: l.counted)
            },
            published: published(e.published, names: { _ in name }))
    }

    /// Pretty, stable JSON for people and tests.
    public static func json<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}

// MARK: - Comparisons

extension Documents {
    /// Two tables side by side, with names, and points as numbers (exact beside them when needed).
    public struct ComparisonDocument: Codable, Sendable, Equatable {
        public struct Side: Codable, Sendable, Equatable {
            public var cut: Cut
            public var hypothetical: Bool
            public var rules: String
        }

        public struct Standing: Codable, Sendable, Equatable {
            public var position: Int?
            public var points: Double
            public var pointsExact: String?
            public var excluded: Bool
        }

        public struct Cause: Codable, Sendable, Equatable {
            public var kind: String
            /// The event's id, lower-case as in envelopes.
            public var eventId: String
            public var logPosition: Int64
            public var round: Int?
            public var session: String?
            public var rule: String
            public var points: Double
            public var pointsExact: String?
            public var new: Bool
        }

        public struct Row: Codable, Sendable, Equatable {
            public var competitor: String
            public var name: String
            public var from: Standing?
            public var to: Standing?
            public var points: Double
            public var pointsExact: String?
            public var positions: Int?
            public var changed: Bool
            public var causes: [Cause]
        }

        public var championship: String
        public var season: Int
        public var `class`: String?
        public var kind: String
        /// True when either side is computed under rules other than the season's own.
        public var hypothetical: Bool
        public var from: Side
        public var to: Side
        public var changes: Int
        public var rows: [Row]
    }

    public static func comparison(_ c: Comparison, names: (String) -> String) -> ComparisonDocument {
        func standing(_ s: Comparison.Standing?) -> ComparisonDocument.Standing? {
            s.map { .init(position: $0.position, points: number($0.points), pointsExact: exact($0.points), excluded: $0.excluded) }
        }
        func side(_ s: Comparison.Side) -> ComparisonDocument.Side {
            .init(cut: s.cut, hypothetical: s.rules.hypothetical, rules: s.rules.source)
        }
        return ComparisonDocument(
            championship: c.championship, season: c.season, class: c.className, kind: c.kind.rawValue,
            hypothetical: c.from.rules.hypothetical || c.to.rules.hypothetical, from: side(c.from), to: side(c.to),
            changes: c.changes.count,
            rows: c.rows.map { row in
                .init(
                    competitor: row.competitor, name: names(row.competitor), from: standing(row.from), to: standing(row.to),
                    points: number(row.points), pointsExact: exact(row.points), positions: row.positions, changed: row.changed,
                    causes: row.causes.map { cause in
                        .init(
                            kind: cause.kind.rawValue, eventId: cause.eventId.uuidString.lowercased(), logPosition: cause.logPosition,
                            round: cause.round, session: cause.session, rule: cause.rule, points: number(cause.points),
                            pointsExact: exact(cause.points), new: cause.new)
                    })
            })
    }
}
