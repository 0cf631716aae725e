import ArgumentParser
import Foundation
import Paddock
import Projections
import SeasonDomain

/// `--rules FILE` or `--rules-of CHAMPIONSHIP:SEASON`: a season replayed under other rules.
struct HypotheticalRulesOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "Replay under these rules (RulesDeclared format: a payload or the rule set alone); nothing is recorded.",
            valueName: "file"))
    var rules: String?
    @Option(help: ArgumentHelp("Replay under another season's declared rules (e.g. f1:2010); nothing is recorded.", valueName: "championship:season"))
    var rulesOf: String?

    func validate() throws {
        if rules != nil && rulesOf != nil { throw UserError("give --rules or --rules-of, not both") }
        if let rulesOf, SeasonKey(reference: rulesOf) == nil { throw UserError("--rules-of: '\(rulesOf)' is not CHAMPIONSHIP:SEASON (e.g. f1:2010)") }
    }

    func load(_ projections: ProjectionService) async throws -> HypotheticalRules? {
        if let rulesOf, let key = SeasonKey(reference: rulesOf) { return try await projections.rules(of: key) }
        guard let rules else { return nil }
        let data = Data(try readInput(rules).utf8)
        do {
            return try HypotheticalRules.parse(data, source: "the rules in \(URL(fileURLWithPath: rules).lastPathComponent)")
        } catch {
            throw UserError("--rules \(rules): \(error.description)")
        }
    }
}

/// `paddock compare`: two tables of a season side by side, and the events that made the difference.
struct CompareCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Compare two tables of a season: what a penalty changed, or the season under other rules.",
        discussion: """
            A cut is after-round:N, as-of:DATE, known-at:TIME or position:P (several joined by commas); an absent \
            --to is everything recorded. With --rules or --rules-of the --to table is replayed under those rules \
            (a hypothesis: nothing is recorded) and --from defaults to everything. Each change lists the events \
            that caused it, from the two tables' explanations; a row's change is the sum of its causes.
            """)
    @OptionGroup var options: DatabaseOptions
    @Argument(help: "Championship id (e.g. f1).") var championship: String
    @Argument(help: "Season (year).") var season: Int
    @Option(help: ArgumentHelp("The first table's cut.", valueName: "cut")) var from: String?
    @Option(help: ArgumentHelp("The second table's cut (default: everything recorded).", valueName: "cut")) var to: String?
    @Option(name: .customLong("class"), help: "Class within the championship.") var className: String?
    @Flag(help: "The teams' tables.") var teams = false
    @OptionGroup var hypothesis: HypotheticalRulesOptions
    @Flag(help: "JSON output.") var json = false

    func validate() throws {
        if from == nil && hypothesis.rules == nil && hypothesis.rulesOf == nil {
            throw UserError("--from is needed (a cut such as after-round:8 or known-at:2007-09-13), unless --rules or --rules-of is given")
        }
        for (name, text) in [("--from", from), ("--to", to)] {
            if let text { do { _ = try CutText.parse(text) } catch { throw UserError("\(name): \(error.description)") } }
        }
    }

    func run() async throws {
        let projections = try await loadProjections(options)
        let key = SeasonKey(championship, season)
        let rules = try await hypothesis.load(projections)
        let kind: StandingsKind = teams ? .teams : .competitors
        let comparison = try await projections.comparison(
            key, className: className, kind: kind, from: try CutText.parse(from ?? ""),
            to: try CutText.parse(to ?? ""), rules: rules)
        let index = await projections.index
        let names = index.names(ofTeams: teams)
        let document = Documents.comparison(comparison, names: names)
        if json { print(try Documents.json(document)); return }
        render(document, championshipName: index.championships[championship]?.name)
    }

    func render(_ d: Documents.ComparisonDocument, championshipName: String?) {
        func side(_ s: Documents.ComparisonDocument.Side) -> String { "\(s.cut)" + (s.hypothetical ? " under \(s.rules) (hypothetical)" : "") }
        print(
            "\(championshipName ?? championship) \(season)\(className.map { " (\($0))" } ?? "") — \(teams ? "teams" : "competitors"): \(side(d.from)) → \(side(d.to))"
        )
        if d.hypothetical { print("HYPOTHETICAL: not the official table; nothing was recorded") }
        func pos(_ s: Documents.ComparisonDocument.Standing?) -> String { s.map { $0.excluded ? "EX" : $0.position.map(String.init) ?? "-" } ?? "" }
        func pts(_ s: Documents.ComparisonDocument.Standing?) -> String { s.map { StandingsCommand.format($0.points) } ?? "" }
        let rows = d.rows.map { r in
            [
                pos(r.from), pts(r.from), pos(r.to), pts(r.to), r.name,
                r.points == 0 ? "" : (r.points > 0 ? "+" : "") + StandingsCommand.format(r.points),
                r.positions.map { $0 == 0 ? "" : ($0 > 0 ? "▲\($0)" : "▼\(-$0)") } ?? ""
            ]
        }
        for line in TextTable.render(header: ["FROM", "POINTS", "TO", "POINTS", teams ? "TEAM" : "COMPETITOR", "CHANGE", "PLACES"], rows: rows) {
            print(line)
        }
        guard d.changes > 0 else { print("no change: the two tables are the same"); return }
        print("why:")
        for row in d.rows where !row.causes.isEmpty {
            print("  \(row.name):")
            for c in row.causes {
                let place = [c.round.map { "round \($0)" }, c.session].compactMap { $0 }.joined(separator: " ")
                let amount = c.points == 0 ? "" : (c.points > 0 ? "+" : "") + StandingsCommand.format(c.points) + " "
                print("    \(amount)#\(c.logPosition) \(c.kind)\(place.isEmpty ? "" : " " + place)\(c.new ? " (new)" : ""): \(c.rule)")
            }
        }
    }
}
