import SeasonDomain

/// Places per competitor: how many 1sts, 2nds, ... in the main session kind.
struct Places {
    /// Every classified finish.
    var all: [String: [Int: Int]] = [:]
    /// Finishes that scored points.
    var scoring: [String: [Int: Int]] = [:]

    mutating func add(_ competitor: String, _ position: Int, scored: Bool) {
        all[competitor, default: [:]][position, default: 0] += 1
        if scored { scoring[competitor, default: [:]][position, default: 0] += 1 }
    }
}

/// Orders rows by points, breaks ties by the declared rules, and gives tied rows the same position.
enum Ranking {
    static func rank(
        _ rows: [StandingRow], tieBreaks: [TieBreakRule], places: Places, previousOrder: () -> [String: Int]
    ) -> [StandingRow] {
        let maxPlace = places.all.values.flatMap(\.keys).max() ?? 0
        func vector(_ table: [String: [Int: Int]], _ id: String) -> [Int] { (1...max(1, maxPlace)).map { table[id]?[$0] ?? 0 } }
        var previous: [String: Int]?
        /// Negative when a ranks ahead of b, 0 when still tied.
        func compare(_ a: StandingRow, _ b: StandingRow) -> (Int, String?) {
            if a.points != b.points { return (a.points > b.points ? -1 : 1, nil) }
            for rule in tieBreaks {
                switch rule {
                case .countback, .countbackScoringFinishes:
                    let table = rule == .countback ? places.all : places.scoring
                    let va = vector(table, a.competitor), vb = vector(table, b.competitor)
                    if let i = va.indices.first(where: { va[$0] != vb[$0] }) {
                        return (va[i] > vb[i] ? -1 : 1, "countback: more \(SessionScorer.ordinal(i + 1)) places")
                    }
                case .firstToReach:
                    if previous == nil { previous = previousOrder() }
                    let pa = previous?[a.competitor] ?? Int.max, pb = previous?[b.competitor] ?? Int.max
                    if pa != pb { return (pa < pb ? -1 : 1, "reached the total first (ahead after the previous round)") }
                case .lastRoundResult:
                    let la = a.roundScores.last?.points ?? .zero, lb = b.roundScores.last?.points ?? .zero
                    if la != lb { return (la > lb ? -1 : 1, "better result in the latest round") }
                case .shareTie:
                    return (0, nil)
                }
            }
            return (0, nil)
        }
        var sorted = rows.sorted { a, b in
            let (order, _) = compare(a, b)
            return order != 0 ? order < 0 : a.competitor < b.competitor
        }
        let leader = sorted.first?.points ?? .zero
        for i in sorted.indices {
            sorted[i].gap = leader - sorted[i].points
            guard i > 0 else {
                sorted[i].position = 1
                continue
            }
            let (order, why) = compare(sorted[i - 1], sorted[i])
            if order == 0 {
                sorted[i].position = sorted[i - 1].position
            } else {
                sorted[i].position = i + 1
                if sorted[i - 1].points == sorted[i].points, let why {
                    sorted[i - 1].tieBreak = sorted[i - 1].tieBreak ?? why
                    sorted[i].tieBreak = why
                }
            }
        }
        return sorted
    }
}
