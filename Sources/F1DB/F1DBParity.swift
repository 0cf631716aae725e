import Foundation
import Paddock
import Projections
import SeasonDomain

/// Compares Paddock's standings, after every round and at the end, with F1DB's standings files:
/// every row's position (ties included) and points (to 2 decimals).
///
/// ```swift
/// let report = try await F1DBParity.check(projections: service, source: source)
/// print(report.text)
/// ```
public enum F1DBParity {
    public struct Mismatch: Sendable, Equatable, CustomStringConvertible {
        public var season: Int
        /// The round after which the table stands; nil for the season's final table.
        public var round: Int?
        public var table: String  // "drivers" or "constructors"
        public var id: String
        public var expected: String
        public var actual: String
        public var cause: String

        public var description: String {
            "\(season) \(round.map { "after round \($0)" } ?? "final") \(table) \(id): expected \(expected), got \(actual) [\(cause)]"
        }
    }

    public struct SeasonLine: Sendable, Equatable {
        public var season: Int
        public var tables = 0
        public var rows = 0
        public var matched = 0
    }

    public struct Report: Sendable, Equatable {
        public var seasons: [SeasonLine] = []
        public var mismatches: [Mismatch] = []
        public var rows: Int { seasons.map(\.rows).reduce(0, +) }
        public var matched: Int { seasons.map(\.matched).reduce(0, +) }

        public var text: String {
            var lines = seasons.map { s in
                "\(s.season): \(s.matched)/\(s.rows) rows match in \(s.tables) tables\(s.matched == s.rows ? "" : "  <-- \(s.rows - s.matched) mismatch(es)")"
            }
            lines.append("total: \(matched)/\(rows) rows match over \(seasons.count) seasons with standings files")
            if !mismatches.isEmpty {
                lines.append("mismatches:")
                lines += mismatches.map { "  " + $0.description }
            }
            return lines.joined(separator: "\n")
        }
    }

    public static func check(projections: ProjectionService, source: F1DBSource, seasons: [Int]? = nil) async throws -> Report {
        var report = Report()
        for season in source.seasons where season.hasStandings && (seasons?.contains(season.year) ?? true) {
            var line = SeasonLine(season: season.year)
            let key = SeasonKey(F1DBImporter.championship, season.year)
            let builder = SeasonBuilder(source: source, season: season, rules: .placeholder)
            let multiEngine = builder.multiEngine
            func teamId(_ row: YStanding) -> String {
                let c = row.constructorId ?? "?"
                return multiEngine.contains(c) && row.engineManufacturerId != nil ? "\(c)-\(row.engineManufacturerId!)" : c
            }
            var cuts: [(Int?, [YStanding]?, [YStanding]?)] = season.races.filter(\.hasStandings).map { ($0.round, $0.driverStandings, $0.constructorStandings) }
            cuts.append((nil, season.driverStandings, season.constructorStandings))
            for (round, drivers, constructors) in cuts {
                let cut = round.map { Cut(afterRound: $0) } ?? .everything
                if let drivers {
                    let table = try await projections.standings(key, className: nil, kind: .competitors, cut: cut).table
                    compare(drivers, table, id: { $0.driverId ?? "?" }, season: season.year, round: round, name: "drivers", &line, &report)
                }
                if let constructors {
                    let table = try await projections.standings(key, className: nil, kind: .teams, cut: cut).table
                    compare(constructors, table, id: teamId, season: season.year, round: round, name: "constructors", &line, &report)
                }
            }
            report.seasons.append(line)
        }
        return report
    }

    static func compare(
        _ expected: [YStanding], _ table: StandingsTable, id: (YStanding) -> String, season: Int, round: Int?,
        name: String, _ line: inout SeasonLine, _ report: inout Report
    ) {
        line.tables += 1
        var actual: [String: StandingRow] = [:]
        for row in table.rows { actual[row.competitor] = row }
        let excluded = Set(table.excluded.map(\.competitor))
        var seen = Set<String>()
        func fail(_ id: String, _ e: String, _ a: String, _ cause: String) {
            report.mismatches.append(Mismatch(season: season, round: round, table: name, id: id, expected: e, actual: a, cause: cause))
        }
        for row in expected {
            let who = id(row)
            seen.insert(who)
            line.rows += 1
            let points = row.points.flatMap { Points(text: $0) }?.formatted ?? (row.points ?? "?")
            let position = row.position ?? "?"
            let want = "\(position) / \(points)"
            if Int(position) == nil {
                // DSQ / EX in F1DB: excluded from the table. An EX row whose constructor id also has a
                // ranked row is an earlier entrant under the same id that lost its points to a new
                // entrant (2018: Sahara Force India, then Racing Point Force India): Paddock keeps one
                // row per team, and a declared adjustment takes the earlier entrant's points away.
                let rankedUnderSameId = expected.contains { id($0) == who && Int($0.position ?? "") != nil }
                if excluded.contains(who) || (actual[who] == nil && points == "0") || (rankedUnderSameId && points == "0") {
                    line.matched += 1
                } else {
                    fail(
                        who, want, actual[who].map { "\($0.position.map(String.init) ?? "-") / \($0.points.formatted)" } ?? "absent",
                        "excluded in F1DB, listed by Paddock")
                }
                continue
            }
            guard let got = actual[who] else {
                fail(who, want, excluded.contains(who) ? "excluded" : "absent", "missing row")
                continue
            }
            let have = "\(got.position.map(String.init) ?? "-") / \(got.points.formatted)"
            if got.points.formatted != points {
                fail(who, want, have, "points")
            } else if got.position.map(String.init) != position {
                fail(who, want, have, "position (tie-break)")
            } else {
                line.matched += 1
            }
        }
        for row in table.rows where !seen.contains(row.competitor) {
            line.rows += 1
            fail(row.competitor, "absent", "\(row.position.map(String.init) ?? "-") / \(row.points.formatted)", "extra row")
        }
    }
}

extension F1DBRuleFile {
    /// Rules are not needed to work out a season's team ids.
    static var placeholder: F1DBRuleFile {
        F1DBRuleFile(path: "", declaration: RulesDeclared(championship: "f1", season: 1950, rules: RuleSet(scoring: [])), exceptions: [], fastestLapAwards: [])
    }
}
