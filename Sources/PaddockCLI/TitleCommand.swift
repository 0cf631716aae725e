import ArgumentParser
import Foundation
import Paddock
import Projections

struct TitleCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "title",
        abstract: "Title maths after every round (or one): who is champion already, who can still win, what each needs.")
    @OptionGroup var options: DatabaseOptions
    @Argument var championship: String
    @Argument var season: Int
    @Option(name: .customLong("class"), help: "Class within the championship.") var className: String?
    @Option(help: "Only after this round (default: after every round with results).") var afterRound: Int?
    @Flag(help: "JSON output.") var json = false

    func run() async throws {
        let projections = try await loadProjections(options)
        let key = SeasonKey(championship, season)
        let outlooks = try await projections.titleOutlooks(key, className: className, afterRound: afterRound)
        if json { print(try Documents.json(outlooks)); return }
        let index = await projections.index
        for outlook in outlooks {
            let left =
                outlook.roundsLeft.isEmpty
                ? "no rounds left"
                : "rounds left: \(outlook.roundsLeft.map(String.init).joined(separator: ", ")) (at most \(outlook.maximumPerRound.formatted) a round)"
            print("after round \(outlook.afterRound): \(left)")
            if let champion = outlook.champion { print("  champion: \(index.name(ofCompetitor: champion))") }
            for c in outlook.contenders where c.competitor != outlook.champion {
                let needs = c.needsToPassLeader.isZero ? "leads" : "needs \(c.needsToPassLeader.formatted) more than the leader"
                print("  \(index.name(ofCompetitor: c.competitor)): \(c.points.formatted) points, can reach \(c.maximumPossible.formatted); \(needs)")
            }
        }
    }
}
