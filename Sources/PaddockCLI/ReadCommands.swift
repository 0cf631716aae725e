import ArgumentParser
import Chronology
import EventStore
import Foundation
import Paddock
import Projections
import SeasonDomain

/// The cuts every standings, explanation and calendar query takes.
struct CutOptions: ParsableArguments {
    @Option(help: "Only results of rounds up to this one.") var afterRound: Int?
    @Option(help: "What had happened by this date or time (ISO-8601: 2018-08-21, 2018-08-21T18:00:00+02:00).") var asOf: String?
    @Option(help: "What the log knew at this time (recorded at or before; a date means the end of that day, UTC).") var knownAt: String?
    @Option(help: "What the log held at this position.") var atPosition: Int64?

    func validate() throws {
        if let afterRound, afterRound < 1 { throw UserError("--after-round must be 1 or more") }
        if let asOf, !OccurredAt.isValid(asOf) { throw UserError("--as-of: '\(asOf)' is not an ISO-8601 date or time with offset") }
        if let knownAt, Timestamp.storeTime(knownAt) == nil {
            throw UserError("--known-at: '\(knownAt)' is not an ISO-8601 date or time with offset")
        }
        if let atPosition, atPosition < 0 { throw UserError("--at-position must be 0 or more") }
    }

    var cut: Cut { Cut(afterRound: afterRound, asOf: asOf, knownAt: knownAt.flatMap(Timestamp.storeTime), atPosition: atPosition) }
}

/// Opens the log and brings the projections up to date.
func loadProjections(_ options: DatabaseOptions) async throws -> ProjectionService {
    let service = ProjectionService(store: try await options.openStore())
    try await service.catchUp()
    try? await service.persist()
    return service
}

struct Standings: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "A championship season's table, at any cut.")
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
        let showTeams = teams
        let names: (String) -> String = { showTeams ? index.name(ofTeam: $0) : index.name(ofCompetitor: $0) }
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
                let explanation = kind == .competitors ? standings.explanations[explain]
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
            if let explanation = document.explanation { print(""); Explain.render(explanation) }
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
            [row.position.map(String.init) ?? "-", row.name, unranked ? "-" : Self.format(row.points), String(row.wins), String(row.podiums),
             row.gap == 0 ? "" : "-" + Self.format(row.gap)]
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
            print("published table (\(when), \(published.complete ? "complete" : "partial: rows not printed are unknown"), #\(published.logPosition)): \(published.reason)")
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

struct CareerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "career", abstract: "A competitor's career across every championship.")
    @OptionGroup var options: DatabaseOptions
    @Argument(help: "Competitor id.") var competitor: String
    @Flag(help: "JSON output.") var json = false

    func run() async throws {
        let career = try await loadProjections(options).career(competitor)
        if json { print(try Documents.json(career)); return }
        var header = career.name
        if let nationality = career.nationality { header += " (\(nationality))" }
        if let born = career.birthDate { header += ", born \(born.rawValue)" }
        print(header)
        print("starts \(career.starts), wins \(career.wins), podiums \(career.podiums), retirements \(career.dnfs), titles \(career.titles.count)")
        let rows: [[String]] = career.seasons.map { s in
            let teams: String = s.teams.map { (t: CareerSeason.Spell) -> String in
                guard let from = t.fromRound else { return t.name }
                return "\(t.name) (R\(from)–\(t.toRound.map(String.init) ?? ""))"
            }.joined(separator: ", ")
            let position: String = s.position.map { String($0) } ?? s.publishedPosition.map { "\($0) (published)" } ?? ""
            let points: String = s.points.map { Standings.format(Documents.number($0)) } ?? ""
            var row: [String] = [String(s.season), s.championshipName ?? s.championship, s.classes.joined(separator: ","), teams]
            row += [s.cars.map(\.name).joined(separator: ", "), String(s.starts), String(s.wins), String(s.podiums)]
            row += [position, points, s.titles.joined(separator: ", ")]
            return row
        }
        let header2 = ["SEASON", "CHAMPIONSHIP", "CLASS", "TEAMS", "CARS", "STARTS", "WINS", "PODIUMS", "POS", "POINTS", "TITLES"]
        for line in TextTable.render(header: header2, rows: rows) { print(line) }
        let retirements = career.seasons.flatMap { s in s.retirements.map { (s, $0) } }
        if !retirements.isEmpty {
            print("retirements:")
            for (s, r) in retirements { print("  \(s.season) \(s.championship) round \(r.round)\(r.session.map { " \($0)" } ?? ""): \(r.reason ?? "reason not recorded")") }
        }
        for title in career.titles {
            print("title: \(title.season) \(title.championship)\(title.className.map { " \($0)" } ?? "")\(title.title.map { " — \($0)" } ?? "")")
        }
    }
}

struct CalendarCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "calendar", abstract: "A championship season's rounds, or an iCalendar file.")
    @OptionGroup var options: DatabaseOptions
    @Argument var championship: String
    @Argument var season: Int
    @OptionGroup var cutOptions: CutOptions
    @Flag(help: "iCalendar (RFC 5545) output.") var ics = false
    @Flag(help: "JSON output.") var json = false

    func run() async throws {
        let projections = try await loadProjections(options)
        let calendar = try await projections.calendar(SeasonKey(championship, season), cut: cutOptions.cut)
        let index = await projections.index
        if ics {
            let stamp = Timestamp.format(Date()).prefix(19).replacingOccurrences(of: "-", with: "").replacingOccurrences(of: ":", with: "") + "Z"
            FileHandle.standardOutput.write(Data(ICalendar.render(calendar, championshipName: index.championships[championship]?.name, stamp: stamp).utf8))
            return
        }
        if json { print(try Documents.json(calendar)); return }
        print("\(index.championships[championship]?.name ?? championship) \(season) calendar")
        let rows = calendar.rounds.map { r in
            [String(r.round), r.startDate.map { d in r.endDate.map { "\(d.rawValue) – \($0.rawValue)" } ?? d.rawValue } ?? "?",
             r.name ?? "", r.venue ?? "", r.country ?? "", r.status.rawValue,
             r.winners.map { index.name(ofCompetitor: $0.competitor) }.joined(separator: ", "),
             r.dateHistory.count > 1 ? "was " + r.dateHistory.dropLast().map(\.startDate.rawValue).joined(separator: ", ") : ""]
        }
        for line in TextTable.render(header: ["ROUND", "DATES", "NAME", "VENUE", "COUNTRY", "STATUS", "WINNER", "HISTORY"], rows: rows) { print(line) }
    }
}

struct Replay: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Rebuild every projection from the whole log and persist it; prints events/s.")
    @OptionGroup var options: DatabaseOptions

    func run() async throws {
        // Rebuild from the log's first event: the persisted state is neither loaded nor trusted, then replaced.
        let service = ProjectionService(store: try await options.openStore())
        let clock = ContinuousClock()
        let start = clock.now
        let count = try await service.rebuild()
        let elapsed = clock.now - start
        try await service.persist()
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let seasons = await service.index.seasons.count
        var line = "replayed \(count) events into \(seasons) season(s) in \(String(format: "%.3f", seconds)) s: \(Int(Double(count) / max(seconds, 1e-9))) events/s"
        if let peak = peakMemoryMiB() { line += "; peak memory \(peak) MiB" }
        print(line)
    }
}

/// Peak resident memory of this process (Linux `VmHWM`), in MiB, when the system tells.
func peakMemoryMiB() -> Int? {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
          let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
          let kib = Int(line.split(separator: " ").dropFirst().first ?? "") else { return nil }
    return kib / 1024
}
