import ArgumentParser
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
    let service = ProjectionService(store: try options.openStore())
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
    @Flag(help: "JSON output.") var json = false

    func run() async throws {
        let projections = try await loadProjections(options)
        let result = try await projections.standings(SeasonKey(championship, season), className: className,
                                                     kind: teams ? .teams : .competitors, cut: cutOptions.cut)
        let index = await projections.index
        let showTeams = teams
        let names: (String) -> String = { showTeams ? index.name(ofTeam: $0) : index.name(ofCompetitor: $0) }
        let document = Documents.standings(result.table, names: names)
        if json { print(try Documents.json(document)); return }
        print("\(index.championships[championship]?.name ?? championship) \(season)\(className.map { " (\($0))" } ?? "") — \(teams ? "teams" : "competitors"), \(result.table.cut)")
        let rounds = result.table.rounds
        let header = ["POS", teams ? "TEAM" : "COMPETITOR", "POINTS", "WINS", "PODIUMS", "GAP"] + rounds.map { "R\($0)" }
        let rows = document.rows.map { row in
            [row.position.map(String.init) ?? "-", row.name, Self.format(row.points), String(row.wins), String(row.podiums),
             row.gap == 0 ? "" : "-" + Self.format(row.gap)]
                + rounds.map { r in
                    guard let score = row.rounds.first(where: { $0.round == r }) else { return "" }
                    return score.counted ? Self.format(score.points) : "(\(Self.format(score.points)))"
                }
        }
        for line in TextTable.render(header: header, rows: rows) { print(line) }
        for row in document.excluded { print("excluded from the championship: \(row.name) (\(Self.format(row.points)) points not counted)") }
        for note in document.notes { print("note: \(note)") }
        if rounds.contains(where: { r in document.rows.contains { $0.rounds.contains { $0.round == r && !$0.counted } } }) {
            print("(points in brackets are dropped by the counting rules)")
        }
    }

    static func format(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(format: "%.2f", value)
    }
}

struct Explain: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Every result that scored or could have, and the rule behind each point.")
    @OptionGroup var options: DatabaseOptions
    @Argument var championship: String
    @Argument var season: Int
    @Argument(help: "Competitor id.") var competitor: String
    @Option(name: .customLong("class"), help: "Class within the championship.") var className: String?
    @OptionGroup var cutOptions: CutOptions
    @Flag(help: "JSON output.") var json = false

    func run() async throws {
        let projections = try await loadProjections(options)
        let explanation = try await projections.explanation(SeasonKey(championship, season), className: className,
                                                            competitor: competitor, cut: cutOptions.cut)
        let name = await projections.index.name(ofCompetitor: competitor)
        let document = Documents.explanation(explanation, name: name)
        if json { print(try Documents.json(document)); return }
        print("\(name) — \(championship) \(season), \(explanation.cut): position \(explanation.position.map(String.init) ?? "-"), \(Standings.format(document.total)) points")
        let rows = document.lines.map { l in
            [l.round.map { "R\($0)" } ?? "", l.session ?? l.kind, l.classifiedPosition.map(String.init) ?? (l.status ?? ""),
             Standings.format(l.points), l.counted ? "" : "dropped", "#\(l.logPosition)",
             ([l.rule] + l.notes).joined(separator: "; ")]
        }
        for line in TextTable.render(header: ["ROUND", "SESSION", "POS", "POINTS", "", "EVENT", "RULE"], rows: rows) { print(line) }
        print("total: \(Standings.format(document.total)) (the counted lines add up to it)")
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
            let position: String = s.position.map { String($0) } ?? ""
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
        let service = ProjectionService(store: try options.openStore())
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
