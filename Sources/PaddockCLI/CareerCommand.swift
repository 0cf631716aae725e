import ArgumentParser
import Chronology
import EventStore
import Foundation
import Paddock
import Projections
import SeasonDomain

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
            let points: String = s.points.map { StandingsCommand.format(Documents.number($0)) } ?? ""
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
            for (s, r) in retirements {
                print("  \(s.season) \(s.championship) round \(r.round)\(r.session.map { " \($0)" } ?? ""): \(r.reason ?? "reason not recorded")")
            }
        }
        for title in career.titles {
            print("title: \(title.season) \(title.championship)\(title.className.map { " \($0)" } ?? "")\(title.title.map { " — \($0)" } ?? "")")
        }
    }
}
