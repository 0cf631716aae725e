import ArgumentParser
import Chronology
import EventStore
import Foundation
import Paddock
import Projections
import SeasonDomain

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
            let name = index.championships[championship]?.name
            FileHandle.standardOutput.write(Data(ICalendar.render(calendar, championshipName: name, stampedAt: Date()).utf8))
            return
        }
        if json { print(try Documents.json(calendar)); return }
        print("\(index.championships[championship]?.name ?? championship) \(season) calendar")
        let rows = calendar.rounds.map { r in
            [
                String(r.round), r.startDate.map { d in r.endDate.map { "\(d.rawValue) – \($0.rawValue)" } ?? d.rawValue } ?? "?",
                r.name ?? "", r.venue ?? "", r.country ?? "", r.status.rawValue,
                r.winners.map { index.name(ofCompetitor: $0.competitor) }.joined(separator: ", "),
                r.dateHistory.count > 1 ? "was " + r.dateHistory.dropLast().map(\.startDate.rawValue).joined(separator: ", ") : ""
            ]
        }
        for line in TextTable.render(header: ["ROUND", "DATES", "NAME", "VENUE", "COUNTRY", "STATUS", "WINNER", "HISTORY"], rows: rows) { print(line) }
    }
}
