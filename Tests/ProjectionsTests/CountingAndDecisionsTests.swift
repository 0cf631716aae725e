import Foundation
import SeasonDomain
import Testing

@testable import Projections

@Suite("Counting rules, tie-breaks, exclusions, teams, amendments")
struct CountingAndDecisionsTests {
    @Test func bestNDropsTheWorstRoundsAndShowsThem() {
        var log = LogBuilder()
        log.rules(RuleSet(scoring: [scale([9, 6, 4, 3, 2, 1])], counting: .best(2)))
        log.session(1, ["a", "b"])  // a 9
        log.session(2, ["b", "x", "a"])  // a 4
        log.session(3, ["x", "a"])  // a 6
        let result = log.standings()
        // a's best two: 9 + 6 = 15, the 4 of round 2 is dropped but shown.
        #expect(result.points["a"] == 15)
        let row = result.table.rows.first { $0.competitor == "a" }!
        #expect(row.grossPoints == 19)
        #expect(row.roundScores.map(\.counted) == [true, false, true])
        let dropped = result.explanations["a"]!.lines.first { !$0.counted }!
        #expect(dropped.round == 2)
        #expect(dropped.notes.contains { $0.contains("best 2") })
    }

    @Test func splitSeasonCountsBestOfEachHalf() {
        var log = LogBuilder()
        log.rules(RuleSet(scoring: [scale([9, 6, 4, 3])], counting: .split(firstRounds: 3, bestOfFirst: 2, bestOfRest: 1)))
        log.session(1, ["a"]); log.session(2, ["x", "a"]); log.session(3, ["x", "y", "a"])  // a: 9, 6, 4
        log.session(4, ["x", "y", "z", "a"]); log.session(5, ["x", "a"])  // a: 3, 6
        // first half best 2: 9 + 6; second half best 1: 6 → 21
        #expect(log.standings().points["a"] == 21)
    }

    @Test func exclusionKeepsResultsButNotPoints() {
        var log = LogBuilder()
        log.rules(RuleSet(scoring: [scale([10, 6, 4])]))
        log.session(1, ["a", "b", "c"])
        log.add(
            PenaltyApplied(
                championship: "test-series", season: 2020, round: 1, competitor: "a", kind: .exclusion,
                reason: "dangerous driving"))
        let result = log.standings()
        #expect(result.order == ["b", "c"])
        #expect(result.positions["b"] == 1)
        #expect(result.table.excluded.map(\.competitor) == ["a"])
        #expect(result.table.excluded[0].points == 10)
    }

    @Test func pointsPenaltyDeductsAndIsExplained() {
        var log = LogBuilder()
        log.rules(RuleSet(scoring: [scale([10, 6])]))
        log.session(1, ["a", "b"])
        log.add(
            PenaltyApplied(
                championship: "test-series", season: 2020, round: 1, competitor: "a", kind: .points, points: 5,
                reason: "technical infringement"))
        let result = log.standings()
        #expect(result.points == ["a": 5, "b": 6])
        #expect(result.explanations["a"]!.lines.contains { $0.kind == .penalty && $0.points == -5 })
    }

    @Test func disqualificationAndPositionPenaltiesReshapeTheClassification() {
        var log = LogBuilder()
        log.rules(RuleSet(scoring: [scale([10, 6, 4, 3])]))
        log.session(1, ["a", "b", "c", "d"])
        log.add(
            PenaltyApplied(
                championship: "test-series", season: 2020, round: 1, session: "race", competitor: "a",
                kind: .disqualification, reason: "underweight"))
        log.add(
            PenaltyApplied(
                championship: "test-series", season: 2020, round: 1, session: "race", competitor: "b",
                kind: .positions, positions: 2, reason: "track limits"))
        let result = log.standings()
        // a is disqualified: b, c, d move up to 1st, 2nd, 3rd; then b loses two places: c 1st, d 2nd, b 3rd.
        #expect(result.points == ["a": 0, "b": 4, "c": 10, "d": 6])
    }

    @Test func correctionSupersedesAndRetractionVoids() {
        var log = LogBuilder()
        log.rules(RuleSet(scoring: [scale([10, 6])]))
        let first = log.session(1, ["a", "b"])
        log.add(
            ResultCorrected(
                championship: "test-series", season: 2020, round: 1, session: "race", corrects: [first],
                kind: .race, results: [ClassifiedResult(position: 1, competitor: "b"), ClassifiedResult(position: 2, competitor: "a")],
                reason: "timing error"))
        let mistaken = log.session(2, ["a", "b"])
        log.add(EventRetracted(retracts: mistaken, reason: "recorded for the wrong round"))
        let result = log.standings()
        #expect(result.points == ["a": 6, "b": 10])
        #expect(result.explanations["b"]!.lines[0].notes.contains { $0.contains("timing error") })
        #expect(result.table.rounds == [1])
    }

    @Test func publishedTotalsReplaceResultsUpToTheirRound() {
        var log = LogBuilder()
        log.rules(RuleSet(scoring: [scale([20, 15])]))
        log.add(
            PointsAdjusted(
                championship: "test-series", season: 2020, competitor: "a", points: 57, mode: .total, afterRound: 4,
                reason: "official top five before the final round"))
        log.add(
            PointsAdjusted(
                championship: "test-series", season: 2020, competitor: "b", points: 60, mode: .total, afterRound: 4,
                reason: "official top five before the final round"))
        log.session(5, ["a", "b"])
        let result = log.standings()
        #expect(result.points == ["a": 77, "b": 75])
        let before = log.standings(Cut(afterRound: 4))
        #expect(before.points == ["a": 57, "b": 60])
    }

    @Test func amendmentsApplyFromTheirRound() {
        var log = LogBuilder()
        log.rules(RuleSet(scoring: [scale([10, 6])]))
        log.add(
            RulesAmended(
                championship: "test-series", season: 2020, fromRound: 2, rules: RuleSet(scoring: [scale([25, 18])]),
                reason: "new scale"))
        log.session(1, ["a", "b"])
        log.session(2, ["b", "a"])
        #expect(log.standings().points == ["a": 28, "b": 31])
    }

    @Test func classesHaveTheirOwnRulesAndTables() {
        var log = LogBuilder()
        log.rules(RuleSet(scoring: [scale([10, 6])]))
        log.rules(RuleSet(scoring: [scale([3, 2])]), className: "junior")
        log.session(1, ["a", "b"])
        log.session(1, ["j", "k"], className: "junior")
        #expect(log.standings().points == ["a": 10, "b": 6])
        #expect(log.standings(className: "junior").points == ["j": 3, "k": 2])
    }

    @Test func teamsScoreWithTheirOwnRules() {
        var log = LogBuilder()
        let rules = RuleSet(
            scoring: [scale([9, 6, 4, 3])], bonuses: [BonusRule(kind: .fastestLap, points: 1)],
            teams: TeamRules(scoring: .bestCarOnly, counting: .all, bonusesCount: false))
        log.rules(rules)
        log.session(
            1, [],
            extra: [
                ClassifiedResult(position: 1, competitor: "a", team: "red"),
                ClassifiedResult(position: 2, competitor: "b", team: "red"),
                ClassifiedResult(position: 3, competitor: "c", team: "blue", fastestLap: true),
                ClassifiedResult(position: 4, competitor: "d", team: "blue")
            ])
        let teams = log.teams()
        // best car only: red 9 (not 9 + 6); blue 4 (the fastest lap does not count for teams)
        #expect(teams.points == ["red": 9, "blue": 4])
        var all = LogBuilder()
        var allCars = rules
        allCars.teams = TeamRules(scoring: .allCars)
        all.rules(allCars)
        all.add(EntryConfirmed(championship: "test-series", season: 2020, competitor: "a", team: "red"))
        all.add(EntryConfirmed(championship: "test-series", season: 2020, competitor: "b", team: "red"))
        all.add(TeamChanged(championship: "test-series", season: 2020, competitor: "b", toTeam: "blue", fromRound: 2))
        all.session(1, ["a", "b"])
        all.session(2, ["b", "a"], fastest: ["b"])
        // round 1: red 9 + 6; round 2: b now drives for blue: blue 9 + 1, red 6
        #expect(all.teams().points == ["red": 21, "blue": 10])
    }
}
