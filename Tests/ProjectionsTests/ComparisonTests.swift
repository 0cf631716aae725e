import Foundation
import PropertyBased
import SeasonDomain
import Testing

@testable import Projections

@Suite("Comparing two tables")
struct ComparisonTests {
    func compare(_ log: LogBuilder, _ from: Cut, _ to: Cut, rules: RuleSet? = nil, kind: StandingsKind = .competitors) -> Comparison {
        let ledger = log.timeline().seasons[log.key]!
        func input(_ cut: Cut, _ rules: RuleSet?) -> Comparison.Input {
            var restricted = ledger.restricted(to: cut)
            if let rules { restricted = restricted.replacingRules(with: rules) }
            let calculator = StandingsCalculator(ledger: restricted, className: nil, cut: cut)
            return Comparison.Input(
                result: kind == .competitors ? calculator.competitors() : calculator.teams(), ledger: restricted,
                rules: rules == nil ? .own : .init(hypothetical: true, source: "test"))
        }
        return Comparison(from: input(from, nil), to: input(to, rules))
    }

    /// For random seasons and pairs of cuts, each row's points change is the sum of its causes,
    /// which are the events whose counted lines differ; both tables' points are the sides' totals.
    @Test func aChangeIsTheSumOfItsCauses() async {
        await propertyCheck(count: 80, input: Gen.int(in: 0...1_000_000), Gen.int(in: 0...100), Gen.int(in: 0...100)) { seed, a, b in
            let log = randomSeason(seed: seed)
            let cuts = [a, b].map { Cut(atPosition: Int64(log.envelopes.count * $0 / 100)) }
            for kind in StandingsKind.allCases {
                let comparison = compare(log, cuts[0], cuts[1], kind: kind)
                let before = kind == .teams ? log.teams(cuts[0]) : log.standings(cuts[0])
                let after = kind == .teams ? log.teams(cuts[1]) : log.standings(cuts[1])
                for row in comparison.rows {
                    #expect(row.points == Points.sum(row.causes.map(\.points)), "\(row.competitor) seed \(seed)")
                    let was = (before.table.rows + before.table.excluded).first { $0.competitor == row.competitor }?.points ?? .zero
                    let now = (after.table.rows + after.table.excluded).first { $0.competitor == row.competitor }?.points ?? .zero
                    #expect(row.points == now - was)
                    // Going forward in time, an event only the later table holds was recorded after the first cut.
                    for cause in row.causes where cause.new && a <= b {
                        #expect(cause.logPosition > (cuts[0].atPosition ?? 0), "seed \(seed)")
                    }
                }
            }
        }
    }

    @Test func aCutComparedWithItselfIsEmpty() async {
        await propertyCheck(count: 40, input: Gen.int(in: 0...1_000_000), Gen.int(in: 1...6)) { seed, round in
            let log = randomSeason(seed: seed)
            for cut in [Cut.everything, Cut(afterRound: round)] {
                #expect(compare(log, cut, cut).changes.isEmpty)
            }
        }
    }

    /// Replaying under the season's own rules gives the season's own table.
    @Test func theSeasonsOwnRulesGiveItsOwnTable() async {
        await propertyCheck(count: 40, input: Gen.int(in: 0...1_000_000)) { seed in
            let log = randomSeason(seed: seed)
            let ledger = log.timeline().seasons[log.key]!
            let own = ledger.rulesInForce()!
            let comparison = compare(log, .everything, .everything, rules: own)
            #expect(comparison.changes.isEmpty)
            let replayed = StandingsCalculator(ledger: ledger.replacingRules(with: own), className: nil, cut: .everything).competitors()
            #expect(rows(replayed) == rows(log.standings()))
        }
    }

    @Test func anotherScaleNamesEveryResultThatScoresDifferently() {
        var log = LogBuilder(championship: "s", season: 2020)
        log.rules(RuleSet(scoring: [scale([10, 6, 4])]))
        log.schedule(1, "2020-04-10")
        let race = log.add(
            SessionClassified(
                championship: "s", season: 2020, round: 1, session: "race", kind: .race,
                results: [
                    ClassifiedResult(position: 1, competitor: "a"), ClassifiedResult(position: 2, competitor: "b")
                ]), occurredAt: "2020-04-10")
        let comparison = compare(log, .everything, .everything, rules: RuleSet(scoring: [scale([25, 18])]))
        #expect(comparison.to.rules.hypothetical)
        let a = comparison.rows.first { $0.competitor == "a" }!
        #expect(a.from?.points == 10)
        #expect(a.to?.points == 25)
        #expect(a.points == 15)
        #expect(a.causes.map(\.eventId) == [race])
        #expect(a.causes.first?.new == false)
    }
}
