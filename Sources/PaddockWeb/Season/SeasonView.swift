import Paddock
import Projections

/// Everything a season page shows, gathered by the server from the projections.
public struct SeasonView: Sendable {
    /// A round as the replay control names it.
    public struct RoundLabel: Sendable, Equatable {
        public var round: Int
        public var name: String?

        public init(round: Int, name: String?) {
            self.round = round
            self.name = name
        }
    }

    /// A recording a reader may want to see the table before: a stewards' decision, a correction, a retraction.
    public struct Recording: Sendable, Equatable {
        public var position: Int64
        public var label: String

        public init(position: Int64, label: String) {
            self.position = position
            self.label = label
        }
    }

    public var championship: String
    public var championshipName: String
    public var discipline: String?
    public var season: Int
    public var selection: SeasonSelection
    /// The classes the season's results are recorded in (empty: none).
    public var classes: [String]
    /// Whether some results carry no class (then the table without a class is offered).
    public var hasUnclassedResults: Bool
    /// Every round of the calendar, for the replay control.
    public var rounds: [RoundLabel]
    public var standings: Documents.Standings
    public var progression: Progression
    public var title: TitleOutlook?
    public var calendar: SeasonCalendar
    public var recordings: [Recording]
    /// Display names of the competitors and teams the page mentions.
    public var names: [String: String]
    /// The log position the projections had reached.
    public var position: Int64

    public init(championship: String, championshipName: String, discipline: String?, season: Int, selection: SeasonSelection,
                classes: [String], hasUnclassedResults: Bool, rounds: [RoundLabel], standings: Documents.Standings,
                progression: Progression, title: TitleOutlook?, calendar: SeasonCalendar, recordings: [Recording],
                names: [String: String], position: Int64) {
        self.championship = championship
        self.championshipName = championshipName
        self.discipline = discipline
        self.season = season
        self.selection = selection
        self.classes = classes
        self.hasUnclassedResults = hasUnclassedResults
        self.rounds = rounds
        self.standings = standings
        self.progression = progression
        self.title = title
        self.calendar = calendar
        self.recordings = recordings
        self.names = names
        self.position = position
    }

    func name(_ id: String) -> String { names[id] ?? id }

    /// A table that ranks nobody (no points rules declared): its zeros are unknowns, not points,
    /// so the page shows no totals, no chart and no title maths.
    var isUnranked: Bool { !standings.rows.isEmpty && standings.rows.allSatisfy { $0.position == nil } }

    /// "Formula One World Championship 2021", with the class when one is chosen.
    var heading: String {
        "\(championshipName) \(season)" + (selection.className.map { " · \($0)" } ?? "")
    }
}

/// Each competitor's (or team's) total after each round: the table of each round's cut.
public struct Progression: Sendable, Equatable {
    public struct Series: Sendable, Equatable {
        public var id: String
        public var name: String
        /// Points after each of ``Progression/rounds`` (nil before the competitor's first result).
        public var points: [Double?]

        public init(id: String, name: String, points: [Double?]) {
            self.id = id
            self.name = name
            self.points = points
        }
    }

    public var rounds: [Int]
    /// In the order of the current table (leaders first).
    public var series: [Series]

    public init(rounds: [Int], series: [Series]) {
        self.rounds = rounds
        self.series = series
    }

    public static let empty = Progression(rounds: [], series: [])
}
