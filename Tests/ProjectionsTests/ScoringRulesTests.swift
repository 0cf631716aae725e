import Foundation
import SeasonDomain
import Testing

@testable import Projections

@Suite("Points per position, sessions, bonuses")
struct ScoringRulesTests {
    @Test func pointsPerPositionAddUpOverRounds() {
        var log = LogBuilder()
        log.rules(RuleSet(scoring: [scale([10, 6, 4])]))
        log.session(1, ["a", "b", "c", "d"])
        log.session(2, ["b", "a", "d", "c"])
        let result = log.standings()
        // a: 10 + 6, b: 6 + 10, c: 4 + 0, d: 0 + 4
        #expect(result.points == ["a": 16, "b": 16, "c": 4, "d": 4])
        // a and b tie on 16 and on wins (1 each) and seconds (1 each): they share first place.
        #expect(result.positions["a"] == 1)
        #expect(result.positions["b"] == 1)
        #expect(result.positions["c"] == 3)
        #expect(result.positions["d"] == 3)
        #expect(result.table.rows.first { $0.competitor == "c" }?.gap == 12)
    }

    @Test func countbackBreaksTiesOnWinsThenSeconds() {
        var log = LogBuilder()
        log.rules(RuleSet(scoring: [scale([9, 6, 4, 3])]))
        log.session(1, ["a", "c", "b", "d"])  // a 9, c 6, b 4, d 3
        log.session(2, ["d", "b", "a", "c"])  // d 9, b 6, a 4, c 3
        log.session(3, ["b", "c", "d", "a"])  // b 9, c 6, d 4, a 3
        let result = log.standings()
        // b 19, a 16, c 15, d 16: a and d tie on 16 with one win each, one third each (a: 1st, 3rd, 4th; d: 1st, 3rd, 4th) → shared.
        #expect(result.points == ["a": 16, "b": 19, "c": 15, "d": 16])
        #expect(result.order.first == "b")
        #expect(result.positions["a"] == 2)
        #expect(result.positions["d"] == 2)
        #expect(result.positions["c"] == 4)

        var log2 = LogBuilder()
        log2.rules(RuleSet(scoring: [scale([9, 6, 4, 3])]))
        log2.session(1, ["a", "b", "c", "d"])  // a 9, b 6
        log2.session(2, ["c", "d", "a", "b"])  // c 9, d 6, a 4, b 3
        log2.session(3, ["d", "c", "b", "a"])  // d 9, c 6, b 4, a 3
        let tied = log2.standings()
        // a 16 (1st, 3rd, 4th), b 13, c 19 (1st, 2nd, 3rd), d 18 — no tie; then make a tie by countback check:
        #expect(tied.points == ["a": 16, "b": 13, "c": 19, "d": 18])
        #expect(tied.order == ["c", "d", "a", "b"])
    }

    @Test func countbackOrdersEqualPointsByMoreWins() {
        var log = LogBuilder()
        log.rules(RuleSet(scoring: [scale([10, 5, 5])]))
        log.session(1, ["a", "x", "b"])  // a 10, x 5, b 5
        log.session(2, ["x", "b", "a"])  // x 10, b 5, a 5
        log.session(3, ["b", "y", "a"])  // b 10, y 5, a 5 → a 20, b 20, x 15
        let result = log.standings()
        #expect(result.points["a"] == 20)
        #expect(result.points["b"] == 20)
        // a: one win, zero seconds, two thirds; b: one win, one second, one third → b ahead on seconds.
        #expect(result.positions["b"] == 1)
        #expect(result.positions["a"] == 2)
        #expect(result.table.rows[1].tieBreak?.contains("countback") == true)
    }

    @Test func heatsSemiFinalsAndFinalsOfOneRoundAllScore() {
        var log = LogBuilder()
        log.rules(RuleSet(scoring: [scale([8, 5, 4], [.final]), scale([16, 15, 14], [.intermediate]), scale([6, 5], [.semiFinal])]))
        log.session(1, ["a", "b", "c"], kind: .intermediate)
        log.session(1, ["b", "a"], kind: .semiFinal, session: "semi-final-1")
        log.session(1, ["c", "b", "a"], kind: .final)
        log.session(1, ["a", "b", "c"], kind: .heat, session: "heat-1")  // heats not scored under these rules
        let result = log.standings()
        // a 16 + 5 + 4 = 25; b 15 + 6 + 5 = 26; c 14 + 8 = 22
        #expect(result.points == ["a": 25, "b": 26, "c": 22])
        let explanation = result.explanations["a"]!
        #expect(explanation.lines.filter { $0.sessionKind == .heat }.allSatisfy { $0.points == .zero })
        #expect(explanation.lines.reduce(Points.zero) { $0 + $1.points } == 25)
        // Wins count the main scoring session (the first scale: the final).
        #expect(result.table.rows.first { $0.competitor == "c" }?.wins == 1)
    }

    @Test func fastestLapOnlyWhenClassifiedInTheTopTen() {
        var log = LogBuilder()
        let rules = RuleSet(
            scoring: [scale([25, 18, 15, 12, 10, 8, 6, 4, 2, 1])],
            bonuses: [BonusRule(kind: .fastestLap, points: 1, onlyIfClassifiedWithin: 10)])
        log.rules(rules)
        let field = (1...12).map { "d\($0)" }
        log.session(1, field, fastest: ["d2"])  // 2nd: 18 + 1
        log.session(2, field, fastest: ["d11"])  // 11th: no point for anyone
        let result = log.standings()
        let d2 = result.points["d2"]
        #expect(d2 == Points(37), "got \(String(describing: d2?.numerator))/\(String(describing: d2?.denominator))")
        #expect(result.points["d11"] == 0)
        let line = result.explanations["d11"]!.lines.first { $0.kind == .bonus }
        #expect(line?.points == .zero)
        #expect(line?.rule.contains("condition not met") == true)
    }

    @Test func sharedFastestLapIsSplitExactlyInSevenths() {
        var log = LogBuilder()
        log.rules(RuleSet(scoring: [scale([8, 6, 4, 3, 2])], bonuses: [BonusRule(kind: .fastestLap, points: 1, tie: .split)]))
        let seven: Set = ["a", "b", "c", "d", "e", "f", "g"]
        log.session(1, ["a", "b", "c", "d", "e", "f", "g", "h"], fastest: seven)
        let result = log.standings()
        #expect(result.points["f"] == Points(1, 7))
        #expect(result.points["a"] == Points(8) + Points(1, 7))
        let sum = seven.reduce(Points.zero) { $0 + (result.explanations[$1]!.lines.first { $0.kind == .bonus }!.points) }
        #expect(sum == 1)
        #expect(Points(1, 7).formatted == "0.14")
    }

    @Test func fastestLapOfARetiredDriverScoresWhenTheRulesSaySo() {
        var log = LogBuilder()
        log.rules(RuleSet(scoring: [scale([8, 6])], bonuses: [BonusRule(kind: .fastestLap, points: 1)]))
        log.session(1, ["a", "b"], extra: [ClassifiedResult(position: nil, competitor: "c", status: .dnf, reason: "engine", fastestLap: true)])
        #expect(log.standings().points["c"] == 1)
    }
}

@Suite("Shared drives, multipliers, eligibility")
struct SharedDriveAndMultiplierTests {
    func sharedRace(_ policy: SharedDrivePolicy) -> StandingsCalculator.Result {
        var log = LogBuilder()
        log.rules(RuleSet(scoring: [scale([8, 6, 4, 3])], sharedDrives: policy))
        log.session(
            1, [],
            extra: [
                ClassifiedResult(position: 1, competitor: "a"),
                ClassifiedResult(position: 2, competitor: "b", sharedWith: ["c", "d"]),
                ClassifiedResult(position: 2, competitor: "c", sharedWith: ["b", "d"]),
                ClassifiedResult(position: 2, competitor: "d", sharedWith: ["b", "c"]),
                ClassifiedResult(position: 3, competitor: "c", sharedWith: ["e"]),
                ClassifiedResult(position: 3, competitor: "e", sharedWith: ["c"]),
                ClassifiedResult(position: 4, competitor: "f")
            ])
        return log.standings()
    }

    @Test func splitEquallyAddsUpShares() {
        let result = sharedRace(.splitEqually)
        // 2nd place (6) split three ways: 2 each; 3rd (4) split two ways: 2 each; c drove both: 2 + 2.
        #expect(result.points == ["a": 8, "b": 2, "c": 4, "d": 2, "e": 2, "f": 3])
        #expect(result.explanations["b"]!.lines[0].share == Points(1, 3))
    }

    @Test func splitEquallyBestCarOnlyKeepsTheBestPlacedCar() {
        let result = sharedRace(.splitEquallyBestCarOnly)
        // c scores from his best-placed car only (2nd: 6/3 = 2), not from the 3rd-placed one.
        #expect(result.points["c"] == 2)
        #expect(result.points["e"] == 2)
    }

    @Test func sharedCarsScoreNothingWhenTheRulesSaySo() {
        let result = sharedRace(.none)
        #expect(result.points == ["a": 8, "b": 0, "c": 0, "d": 0, "e": 0, "f": 3])
    }

    @Test func thirdsAreExactAndShownRounded() {
        var log = LogBuilder()
        log.rules(RuleSet(scoring: [scale([8, 6, 4])]))
        for round in 1...2 {
            log.session(
                round, [],
                extra: [
                    ClassifiedResult(position: 1, competitor: "x"),
                    ClassifiedResult(position: 2, competitor: "a", sharedWith: ["b", "c"]),
                    ClassifiedResult(position: 2, competitor: "b", sharedWith: ["a", "c"]),
                    ClassifiedResult(position: 2, competitor: "c", sharedWith: ["a", "b"]),
                    ClassifiedResult(position: 3, competitor: "a", sharedWith: ["b", "c"]),
                    ClassifiedResult(position: 3, competitor: "b", sharedWith: ["a", "c"]),
                    ClassifiedResult(position: 3, competitor: "c", sharedWith: ["a", "b"])
                ])
        }
        // Each round: 6/3 + 4/3 = 10/3; two rounds: 20/3 = 6.67
        let points = log.standings().points["a"]!
        #expect(points == Points(20, 3))
        #expect(points.formatted == "6.67")
    }

    @Test func halfPointsBelowThreeQuartersOfTheDistance() {
        var log = LogBuilder()
        log.rules(
            RuleSet(
                scoring: [scale([10, 6, 4])],
                multipliers: [MultiplierRule(whenCompletedDistanceBelow: Points(3, 4), factor: Points(1, 2))]))
        log.session(1, ["a", "b", "c"], completed: Points(1, 2))
        log.session(2, ["c", "b", "a"], completed: 1)
        let result = log.standings()
        // round 1 halved: a 5, b 3, c 2; round 2 full: c 10, b 6, a 4
        #expect(result.points == ["a": 9, "b": 9, "c": 12])
        #expect(result.explanations["a"]!.lines[0].multiplier == Points(1, 2))
    }

    @Test func doublePointsInTheLastRoundAndByDecision() {
        var log = LogBuilder()
        log.rules(RuleSet(scoring: [scale([10, 6])], multipliers: [MultiplierRule(lastRound: true, factor: 2)]))
        log.schedule(1, "2020-03-01")
        log.schedule(2, "2020-04-01")
        log.schedule(3, "2020-05-01")
        log.session(1, ["a", "b"])
        log.add(RoundMultiplierDecided(championship: "test-series", season: 2020, round: 2, factor: Points(1, 2), reason: "shortened by rain"))
        log.session(2, ["a", "b"])
        log.session(3, ["b", "a"])
        let result = log.standings()
        // a: 10 + 5 + 12 = 27; b: 6 + 3 + 20 = 29
        #expect(result.points == ["a": 27, "b": 29])
        #expect(result.explanations["a"]!.lines[1].notes.contains { $0.contains("shortened by rain") })
    }

    @Test func onlyRegisteredEntriesAndClassifiedRowsScore() {
        var log = LogBuilder()
        log.rules(RuleSet(scoring: [scale([10, 6, 4])], eligibility: Eligibility(registeredEntriesOnly: true)))
        log.add(EntryConfirmed(championship: "test-series", season: 2020, competitor: "a"))
        log.add(EntryConfirmed(championship: "test-series", season: 2020, competitor: "c", rounds: [2]))
        log.session(1, ["a", "guest", "c"], extra: [ClassifiedResult(position: nil, competitor: "n", status: .nc)])
        log.session(2, ["c", "a"])
        let result = log.standings()
        // guest is not entered; c is entered for round 2 only; NC scores nothing.
        #expect(result.points == ["a": 16, "guest": 0, "c": 10, "n": 0])
    }
}
