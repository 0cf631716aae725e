import ArgumentParser
import Foundation
import Paddock
import Projections
import SeasonDomain

struct ExplainCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "explain", abstract: "Every result that scored or could have, and the rule behind each point.")
    @OptionGroup var options: DatabaseOptions
    @Argument var championship: String
    @Argument var season: Int
    @Argument(help: "Competitor id.") var competitor: String
    @Option(name: .customLong("class"), help: "Class within the championship.") var className: String?
    @OptionGroup var cutOptions: CutOptions
    @Flag(help: "JSON output.") var json = false

    func run() async throws {
        let projections = try await loadProjections(options)
        let explanation = try await projections.explanation(
            SeasonKey(championship, season), className: className,
            competitor: competitor, cut: cutOptions.cut)
        let name = await projections.index.name(ofCompetitor: competitor)
        let document = Documents.explanation(explanation, name: name)
        if json { print(try Documents.json(document)); return }
        Self.render(document)
    }

    static func render(_ document: Documents.ExplanationDocument) {
        let unscored = !document.lines.isEmpty && document.lines.allSatisfy { $0.rule.hasPrefix(ExplanationLine.noRulesDeclared) }
        let points = unscored ? "points not known (no rules declared)" : "\(StandingsCommand.format(document.total)) points"
        print(
            "\(document.name) — \(document.championship) \(document.season), \(document.cut): position \(document.position.map(String.init) ?? "-"), \(points)")
        let rows = document.lines.map { l in
            [
                l.round.map { "R\($0)" } ?? "", l.session ?? l.kind, l.classifiedPosition.map(String.init) ?? (l.status ?? ""),
                unscored ? "-" : StandingsCommand.format(l.points), l.counted ? "" : "dropped", "#\(l.logPosition)",
                ([l.rule] + l.notes).joined(separator: "; ")
            ]
        }
        for line in TextTable.render(header: ["ROUND", "SESSION", "POS", "POINTS", "", "EVENT", "RULE"], rows: rows) { print(line) }
        print(
            unscored
                ? "total: not known (no points rules declared for this season)"
                : "total: \(StandingsCommand.format(document.total)) (the counted lines add up to it)")
        if let published = document.published, let row = published.rows.first {
            let place = row.position.map { "position \($0)" } ?? "position not given"
            let points = row.points.map { "\(StandingsCommand.format($0)) points" } ?? "points not given"
            print("published\(published.afterRound.map { " after round \($0)" } ?? ""): \(place), \(points) (#\(published.logPosition): \(published.reason))")
        }
    }
}
