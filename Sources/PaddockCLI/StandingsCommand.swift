import ArgumentParser
import Chronology
import EventStore
import Foundation
import Paddock
import Projections
import SeasonDomain

struct StandingsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "standings", abstract: "A championship season's table, at any cut.")
    @OptionGroup var options: DatabaseOptions
    @Argument(help: "Championship id (e.g. f1, euro-rx-super1600).") var championship: String
    @Argument(help: "Season (year).") var season: Int
    @Option(name: .customLong("class"), help: "Class within the championship.") var className: String?
    @Flag(help: "The teams' table.") var teams = false
    @OptionGroup var cutOptions: CutOptions
    @Flag(help: "The table after each round with results, up to the cut: the season replayed round by round.") var eachRound = false
    @Option(help: "Also explain this competitor's points under each table shown.") var explain: String?
    @Flag(help: "JSON output (with --each-round, an array; with --explain, each table beside the explanation).") var json = false
    @OptionGroup var hypothesis: HypotheticalRulesOptions

    /// A table with the explanation asked beside it (`--explain`).
    struct Explained: Encodable {
        var standings: Documents.Standings
        var explanation: Documents.ExplanationDocument?
    }

    func run() async throws {
        let projections = try await loadProjections(options)
        let key = SeasonKey(championship, season), kind: StandingsKind = teams ? .teams : .competitors
        let rules = try await hypothesis.load(projections)
        let result = try await projections.standings(key, className: className, kind: kind, cut: cutOptions.cut, rules: rules)
        let hypothetical = rules.map { "hypothetical: " + $0.used.source }
        let index = await projections.index
        let names = index.names(ofTeams: teams)
        var cuts = [cutOptions.cut]
        if eachRound {
            cuts = result.table.rounds.map { round in
                var cut = cutOptions.cut
                cut.afterRound = round
                return cut
            }
        }
        var documents: [Explained] = []
        for cut in cuts {
            let standings = cut == cutOptions.cut ? result : try await projections.standings(key, className: className, kind: kind, cut: cut, rules: rules)
            var explained = Explained(standings: Documents.standings(standings.table, names: names, hypotheticalRules: hypothetical))
            if let explain {
                // The competitors' table carries its explanations; the teams' table needs the competitors' one.
                // Not scored yet at this cut is an empty explanation, not an error, when replaying round by round.
                let explanation =
                    kind == .competitors
                    ? standings.explanations[explain]
                    : try? await projections.explanation(key, className: className, competitor: explain, cut: cut)
                if explanation == nil && !eachRound { throw PaddockError.unknownCompetitor(explain, in: key) }
                explained.explanation = explanation.map { Documents.explanation($0, name: index.name(ofCompetitor: explain)) }
            }
            documents.append(explained)
        }
        if json {
            switch (eachRound, explain != nil) {
            case (false, false): print(try Documents.json(documents[0].standings))
            case (false, true): print(try Documents.json(documents[0]))
            case (true, false): print(try Documents.json(documents.map(\.standings)))
            case (true, true): print(try Documents.json(documents))
            }
            return
        }
        for (i, document) in documents.enumerated() {
            if i > 0 { print("") }
            render(document.standings, championshipName: index.championships[championship]?.name)
            if let explanation = document.explanation { print(""); ExplainCommand.render(explanation) }
        }
    }

    func render(_ document: Documents.Standings, championshipName: String?) {
        print("\(championshipName ?? championship) \(season)\(className.map { " (\($0))" } ?? "") — \(teams ? "teams" : "competitors"), \(document.cut)")
        if let rules = document.hypotheticalRules { print("HYPOTHETICAL (\(rules)): not the official table; nothing was recorded") }
        let rounds = document.rounds
        let header = ["POS", teams ? "TEAM" : "COMPETITOR", "POINTS", "WINS", "PODIUMS", "GAP"] + rounds.map { "R\($0)" }
        // A table nobody is ranked in has no rules behind it: its zeros are unknowns, shown as such.
        let unranked = document.rows.allSatisfy { $0.position == nil }
        let rows = document.rows.map { row in
            [
                row.position.map(String.init) ?? "-", row.name, unranked ? "-" : Self.format(row.points), String(row.wins), String(row.podiums),
                row.gap == 0 ? "" : "-" + Self.format(row.gap)
            ]
                + rounds.map { r in
                    guard let score = row.rounds.first(where: { $0.round == r }) else { return "" }
                    if unranked { return "-" }
                    return score.counted ? Self.format(score.points) : "(\(Self.format(score.points)))"
                }
        }
        for line in TextTable.render(header: header, rows: rows) { print(line) }
        for row in document.excluded { print("excluded from the championship: \(row.name) (\(Self.format(row.points)) points not counted)") }
        for note in document.notes { print("note: \(note)") }
        if let published = document.published {
            let when = published.afterRound.map { "after round \($0)" } ?? "undated"
            print(
                "published table (\(when), \(published.complete ? "complete" : "partial: rows not printed are unknown"), #\(published.logPosition)): \(published.reason)"
            )
            let rows = published.rows.map { [$0.position.map(String.init) ?? "-", $0.name, $0.points.map(Self.format) ?? "not given"] }
            for line in TextTable.render(header: ["POS", teams ? "TEAM" : "COMPETITOR", "POINTS"], rows: rows) { print("  " + line) }
        }
        if rounds.contains(where: { r in document.rows.contains { $0.rounds.contains { $0.round == r && !$0.counted } } }) {
            print("(points in brackets are dropped by the counting rules)")
        }
    }

    static func format(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(format: "%.2f", value)
    }
}
