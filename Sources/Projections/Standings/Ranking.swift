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
    /// Compares two tallies of finishes from 1st place down: the first place whose counts differ
    /// decides (negative: `a` ahead). Only the places someone holds are visited, never a dense range
    /// up to the worst position.
    static func countback(_ a: [Int: Int]?, _ b: [Int: Int]?) -> (order: Int, place: Int)? {
        let a = a ?? [:], b = b ?? [:]
        for place in Set(a.keys).union(b.keys).sorted() {
            let ca = a[place] ?? 0, cb = b[place] ?? 0
            if ca != cb { return (ca > cb ? -1 : 1, place) }
        }
        return nil
    }

    static func rank(
        _ rows: [StandingRow], tieBreaks: [TieBreakRule], places: Places, previousOrder: () -> [String: Int]
    ) -> [StandingRow] {
        var previous: [String: Int]?
        /// Negative when a ranks ahead of b, 0 when still tied.
        func compare(_ a: StandingRow, _ b: StandingRow) -> (Int, String?) {
            if a.points != b.points { return (a.points > b.points ? -1 : 1, nil) }
            for rule in tieBreaks {
                switch rule {
                case .countback, .countbackScoringFinishes:
                    let table = rule == .countback ? places.all : places.scoring
                    if let (order, place) = Self.countback(table[a.competitor], table[b.competitor]) {
                        return (order, "countback: more \(SessionScorer.ordinal(place)) places")
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
