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
    /// A competitor's finishes as (place, count) pairs, best place first: what countback compares.
    typealias Tally = [(place: Int, count: Int)]

    static func tally(_ finishes: [Int: Int]?) -> Tally {
        (finishes ?? [:]).map { (place: $0.key, count: $0.value) }.sorted { $0.place < $1.place }
    }

    /// Compares two tallies of finishes from 1st place down: the first place whose counts differ
    /// decides (negative: `a` ahead). Only the places someone holds are visited, never a dense range
    /// up to the worst position.
    static func countback(_ a: [Int: Int]?, _ b: [Int: Int]?) -> (order: Int, place: Int)? {
        countback(tally(a), tally(b))
    }

    static func countback(_ a: Tally, _ b: Tally) -> (order: Int, place: Int)? {
        var i = 0, j = 0
        while i < a.count || j < b.count {
            let placeA = i < a.count ? a[i].place : .max, placeB = j < b.count ? b[j].place : .max
            let place = min(placeA, placeB)
            let countA = placeA == place ? a[i].count : 0, countB = placeB == place ? b[j].count : 0
            if placeA == place { i += 1 }
            if placeB == place { j += 1 }
            if countA != countB { return (countA > countB ? -1 : 1, place) }
        }
        return nil
    }

    static func rank(
        _ rows: [StandingRow], tieBreaks: [TieBreakRule], places: Places, previousOrder: () -> [String: Int]
    ) -> [StandingRow] {
        var previous: [String: Int]?
        // Each competitor's tallies sorted once: the sort compares tied rows many times over.
        var talliesByRule: [TieBreakRule: [String: Tally]] = [:]
        func tallies(_ rule: TieBreakRule) -> [String: Tally] {
            if let known = talliesByRule[rule] { return known }
            let table = rule == .countback ? places.all : places.scoring
            let made = Dictionary(rows.map { ($0.competitor, Self.tally(table[$0.competitor])) }, uniquingKeysWith: { first, _ in first })
            talliesByRule[rule] = made
            return made
        }
        /// Negative when a ranks ahead of b, 0 when still tied.
        func compare(_ a: StandingRow, _ b: StandingRow) -> (Int, String?) {
            if a.points != b.points { return (a.points > b.points ? -1 : 1, nil) }
            for rule in tieBreaks {
                switch rule {
                case .countback, .countbackScoringFinishes:
                    let table = tallies(rule)
                    if let (order, place) = Self.countback(table[a.competitor] ?? [], table[b.competitor] ?? []) {
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
