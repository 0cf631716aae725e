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
    /// The other table, when the selection compares with one.
    public var comparison: SeasonComparison?
    /// The seasons of this championship whose rules the page can replay this one under.
    public var ruleSeasons: [Int]

    public init(
        championship: String, championshipName: String, discipline: String?, season: Int, selection: SeasonSelection,
        classes: [String], hasUnclassedResults: Bool, rounds: [RoundLabel], standings: Documents.Standings,
        progression: Progression, title: TitleOutlook?, calendar: SeasonCalendar, recordings: [Recording],
        names: [String: String], position: Int64, comparison: SeasonComparison? = nil, ruleSeasons: [Int] = []
    ) {
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
        self.comparison = comparison
        self.ruleSeasons = ruleSeasons
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

    /// The same series over `rounds` (a superset of ``rounds``): nil where a round is not this one's.
    func aligned(to rounds: [Int]) -> Progression {
        guard rounds != self.rounds else { return self }
        let index = Dictionary(uniqueKeysWithValues: self.rounds.enumerated().map { ($1, $0) })
        return Progression(
            rounds: rounds,
            series: series.map { series in
                Series(id: series.id, name: series.name, points: rounds.map { round in index[round].flatMap { series.points[$0] } })
            })
    }
}

/// The table a season page is compared with: what changed, row by row with its causes, and the
/// other table's progression, which the chart draws dashed beside the page's own.
public struct SeasonComparison: Sendable, Equatable {
    /// What the other table is, as a phrase: "after round 8", "under the rules of f1 2010".
    public var label: String
    /// `from` is the other table and `to` the page's for a cut; for rules, `from` is the page's
    /// table under its own rules and `to` the same cut under the other rules.
    public var document: Documents.ComparisonDocument
    public var progression: Progression

    public init(label: String, document: Documents.ComparisonDocument, progression: Progression) {
        self.label = label
        self.document = document
        self.progression = progression
    }

    /// Whether the other table is the hypothesis (rules) rather than an earlier or later cut.
    public var isRules: Bool { document.hypothetical }
}
