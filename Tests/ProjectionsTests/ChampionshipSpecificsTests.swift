import Foundation
import SeasonDomain
import Testing

@testable import Projections

@Suite("Ineligible results, countback variants, listing, teams' excluded rounds")
struct ChampionshipSpecificsTests {
    @Test func ineligibleResultsPassTheirPointsDownAndWithheldOnesDoNot() {
        var log = LogBuilder()
        log.rules(RuleSet(scoring: [scale([9, 6, 4, 3, 2, 1])]))
        log.session(1, ["a", "f2car", "b", "c"])
        log.add(
            PenaltyApplied(
                championship: "test-series", season: 2020, round: 1, session: "race", competitor: "f2car",
                kind: .ineligible, reason: "Formula 2 entry"))
        log.session(2, ["a", "pushed", "b", "c"])
        log.add(
            PenaltyApplied(
                championship: "test-series", season: 2020, round: 2, session: "race", competitor: "pushed",
                kind: .pointsWithheld, reason: "push start"))
        let result = log.standings()
        // Round 1: f2car's 2nd place points go to b (6) and c gets 3rd's 4. Round 2: nobody gets 2nd's 6.
        #expect(result.points == ["a": 18, "f2car": 0, "b": 10, "c": 7, "pushed": 0])
        let line = result.explanations["b"]!.lines[0]
        #expect(line.classifiedPosition == 3)
        #expect(line.rule.contains("ineligible cars ahead"))
    }

    @Test func countbackCanCountOnlyPointScoringFinishes() {
        func standings(_ tieBreak: TieBreakRule) -> StandingsCalculator.Result {
            var log = LogBuilder()
            log.rules(RuleSet(scoring: [scale([6, 3])], tieBreak: [tieBreak]))
            log.session(1, ["a", "b", "x"])  // a 6, b 3
            log.session(2, ["b", "a", "y"])  // b 6, a 3
            log.session(3, ["z", "w", "a"])  // a 3rd: no points
            return log.standings()
        }
        // a and b: 9 each, one win and one second each; a also has a (pointless) 3rd place.
        #expect(standings(.countback).order.prefix(2) == ["a", "b"])
        #expect(standings(.countback).positions["b"] == 2)
        #expect(standings(.countbackScoringFinishes).positions["a"] == 1)
        #expect(standings(.countbackScoringFinishes).positions["b"] == 1)
    }

    @Test func firstToReachUsesTheOrderAfterThePreviousRound() {
        var log = LogBuilder()
        log.rules(RuleSet(scoring: [scale([6, 3])], tieBreak: [.firstToReach]))
        log.session(1, ["b", "a"])  // b 6, a 3
        log.session(2, ["a", "b"])  // a 6, b 3 → 9 each, b was ahead after round 1
        let result = log.standings()
        #expect(result.order == ["b", "a"])
        #expect(result.positions["a"] == 2)
        #expect(result.table.rows[1].tieBreak?.contains("previous round") == true)
    }

    @Test func scorersOnlyListingLeavesOutDriversWithoutPoints() {
        var log = LogBuilder()
        log.rules(RuleSet(scoring: [scale([6, 3])], listing: .scorers))
        log.session(1, ["a", "b", "c", "d"])
        #expect(log.standings().order == ["a", "b"])
        #expect(log.standings().explanations["c"] != nil)
    }

    @Test func teamsCanLeaveRoundsOut() {
        var log = LogBuilder()
        log.rules(RuleSet(scoring: [scale([8, 6])], teams: TeamRules(excludedRounds: [2])))
        log.session(1, [], extra: [ClassifiedResult(position: 1, competitor: "a", team: "red"), ClassifiedResult(position: 2, competitor: "b", team: "blue")])
        log.session(
            2, [], extra: [ClassifiedResult(position: 1, competitor: "indy", team: "kurtis"), ClassifiedResult(position: 2, competitor: "a", team: "red")])
        #expect(log.teams().points == ["red": 8, "blue": 6])
        #expect(log.standings().points == ["a": 14, "b": 6, "indy": 8])
    }
}
