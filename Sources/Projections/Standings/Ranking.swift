import SeasonDomain

/// Orders rows by points, breaks ties by the declared rules, and gives tied rows the same position.
enum Ranking {
    static func rank(_ rows: [StandingRow], tieBreaks: [TieBreakRule], countback: [String: [Int: Int]]) -> [StandingRow] {
        let maxPlace = countback.values.flatMap(\.keys).max() ?? 0
        func countbackVector(_ id: String) -> [Int] { (1...max(1, maxPlace)).map { countback[id]?[$0] ?? 0 } }
        /// Negative when a ranks ahead of b, 0 when still tied.
        func compare(_ a: StandingRow, _ b: StandingRow) -> (Int, String?) {
            if a.points != b.points { return (a.points > b.points ? -1 : 1, nil) }
            for rule in tieBreaks {
                switch rule {
                case .countback:
                    let va = countbackVector(a.competitor), vb = countbackVector(b.competitor)
                    if let i = va.indices.first(where: { va[$0] != vb[$0] }) {
                        return (va[i] > vb[i] ? -1 : 1, "countback: more \(SessionScorer.ordinal(i + 1)) places")
                    }
                case .lastRoundResult:
                    let la = a.roundScores.last?.points ?? .zero, lb = b.roundScores.last?.points ?? .zero
                    if la != lb { return (la > lb ? -1 : 1, "better result in the latest round") }
                case .firstToReach, .shareTie:
                    continue
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
            if i > 0 {
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
            } else {
                sorted[i].position = 1
            }
        }
        return sorted
    }
}
