import Foundation
import SeasonDomain
import Testing

@testable import Projections

/// Penalties that hit one table only, the teams' own points scale, and whose finishes a team's
/// countback counts. Every expected table below is worked out by hand from the results.
@Suite("Teams' penalties, scales and countback")
struct TeamPenaltiesTests {
    /// Two rounds, two teams of two cars each:
    /// round 1: a (red) 1st, c (blue) 2nd, b (red) 3rd, d (blue) 4th;
    /// round 2: c (blue) 1st, a (red) 2nd, d (blue) 3rd, b (red) 4th.
    func twoRounds(_ rules: RuleSet) -> LogBuilder {
        var log = LogBuilder()
        log.rules(rules)
        log.session(
            1, [],
            extra: [
                ClassifiedResult(position: 1, competitor: "a", team: "red"), ClassifiedResult(position: 2, competitor: "c", team: "blue"),
                ClassifiedResult(position: 3, competitor: "b", team: "red"), ClassifiedResult(position: 4, competitor: "d", team: "blue")
            ])
        log.session(
            2, [],
            extra: [
                ClassifiedResult(position: 1, competitor: "c", team: "blue"), ClassifiedResult(position: 2, competitor: "a", team: "red"),
                ClassifiedResult(position: 3, competitor: "d", team: "blue"), ClassifiedResult(position: 4, competitor: "b", team: "red")
            ])
        return log
    }

    let tenSixFourThree = RuleSet(scoring: [scale([10, 6, 4, 3])], teams: TeamRules())

    @Test func aTeamExclusionLeavesTheDriversTableAlone() {
        var log = twoRounds(tenSixFourThree)
        log.add(
            PenaltyApplied(
                championship: "test-series", season: 2020, round: 1, competitor: "red", kind: .exclusion,
                reason: "excluded from the teams' championship", table: .teams))
        // Drivers: a 10 + 6 = 16, c 6 + 10 = 16, b 4 + 3 = 7, d 3 + 4 = 7: nobody is excluded.
        let drivers = log.standings()
        #expect(drivers.points == ["a": 16, "c": 16, "b": 7, "d": 7])
        #expect(drivers.table.excluded.isEmpty)
        // Teams: blue 6 + 3 + 10 + 4 = 23 is alone in the table; red (10 + 4 + 6 + 3 = 23) is excluded.
        let teams = log.teams()
        #expect(teams.points == ["blue": 23])
        #expect(teams.positions["blue"] == 1)
        #expect(teams.table.excluded.map(\.competitor) == ["red"])
    }

    @Test func aDriversExclusionWithoutTableStaysOutOfTheTeamsTable() {
        var log = twoRounds(tenSixFourThree)
        log.add(PenaltyApplied(championship: "test-series", season: 2020, round: 2, competitor: "a", kind: .exclusion, reason: "excluded"))
        #expect(log.standings().table.excluded.map(\.competitor) == ["a"])
        // The team keeps its car's points: red 23, blue 23.
        #expect(log.teams().points == ["red": 23, "blue": 23])
        #expect(log.teams().table.excluded.isEmpty)
    }

    @Test func pointsWithheldFromTheTeamOnlyAreNotPassedDown() {
        var log = twoRounds(tenSixFourThree)
        log.add(
            PenaltyApplied(
                championship: "test-series", season: 2020, round: 1, session: "race", competitor: "a",
                kind: .pointsWithheld, reason: "fuel irregularity: the team loses the car's points", table: .teams))
        // Drivers keep everything: a 16, c 16, b 7, d 7.
        #expect(log.standings().points == ["a": 16, "c": 16, "b": 7, "d": 7])
        // Red loses a's 10 of round 1 and nobody moves up: red 4 + 6 + 3 = 13, blue 6 + 3 + 10 + 4 = 23.
        #expect(log.teams().points == ["blue": 23, "red": 13])
    }

    @Test func aTeamPointsDeductionIsExplained() {
        var log = twoRounds(tenSixFourThree)
        log.add(
            PenaltyApplied(
                championship: "test-series", season: 2020, round: 2, competitor: "blue", kind: .points, points: 5,
                reason: "copied design", table: .teams))
        // Before round 2 the deduction does not exist yet: after round 1 blue has 6 + 3 = 9.
        #expect(log.teams(Cut(afterRound: 1)).points["blue"] == 9)
        // After round 2: blue 23 - 5 = 18, red 23; the drivers keep theirs.
        let teams = log.teams()
        #expect(teams.points == ["red": 23, "blue": 18])
        #expect(teams.explanations["blue"]?.lines.contains { $0.kind == .penalty && $0.points == -5 } == true)
        #expect(log.standings().points["c"] == 16)
    }

    @Test func aDriversPointsPenaltyDoesNotReachTheTeam() {
        var log = twoRounds(tenSixFourThree)
        log.add(
            PenaltyApplied(
                championship: "test-series", season: 2020, round: 2, competitor: "c", kind: .points, points: 2,
                reason: "unsafe release"))
        #expect(log.standings().points["c"] == 14)
        #expect(log.teams().points["blue"] == 23)
    }

    @Test func aPenaltyForTheDriversTableOnlyLeavesTheTeamsResult() {
        var log = twoRounds(tenSixFourThree)
        log.add(
            PenaltyApplied(
                championship: "test-series", season: 2020, round: 2, session: "race", competitor: "c",
                kind: .disqualification, reason: "underweight", table: .competitors))
        // Drivers' round 2 without c: a 10, d 6, b 4 → a 10 + 10 = 20, d 3 + 6 = 9, b 4 + 4 = 8, c 6.
        #expect(log.standings().points == ["a": 20, "d": 9, "b": 8, "c": 6])
        // The teams' table keeps c's win: blue 23, red 23.
        #expect(log.teams().points == ["red": 23, "blue": 23])
    }

    @Test func teamsScoreOnTheirOwnScale() {
        var rules = RuleSet(scoring: [scale([9, 6, 4, 3])], teams: TeamRules(scoring: .bestCarOnly))
        rules.teams?.pointsScales = [scale([8, 6, 4, 3])]
        let log = twoRounds(rules)
        // Drivers on 9-6-4-3: a 9 + 6 = 15, c 6 + 9 = 15, b 4 + 3 = 7, d 3 + 4 = 7.
        #expect(log.standings().points == ["a": 15, "c": 15, "b": 7, "d": 7])
        // Teams on 8-6-4-3, best car only: red 8 + 6 = 14, blue 6 + 8 = 14.
        #expect(log.teams().points == ["red": 14, "blue": 14])
    }

    @Test func aTeamsScaleForOneKindLeavesTheOtherKindsToTheDriversScales() {
        var rules = RuleSet(scoring: [scale([10, 6]), scale([3, 2], [.sprint])], teams: TeamRules())
        rules.teams?.pointsScales = [scale([8, 5])]
        var log = LogBuilder()
        log.rules(rules)
        log.session(1, [], extra: [ClassifiedResult(position: 1, competitor: "a", team: "red"), ClassifiedResult(position: 2, competitor: "b", team: "blue")])
        log.session(
            1, [], kind: .sprint,
            extra: [
                ClassifiedResult(position: 1, competitor: "b", team: "blue"),
                ClassifiedResult(position: 2, competitor: "a", team: "red")
            ])
        // Race on the teams' 8-5, sprint on the drivers' 3-2: red 8 + 2 = 10, blue 5 + 3 = 8.
        #expect(log.teams().points == ["red": 10, "blue": 8])
        #expect(log.standings().points == ["a": 12, "b": 9])
    }

    /// Red and blue tie on 13 points with the same best car in each round (a 1st and a 2nd each),
    /// but blue's second car was 3rd in round 1 where red's was 5th and then 4th:
    /// round 1: a (red) 1st 6, c (blue) 2nd 4, d (blue) 3rd 3, x (grey) 4th 2, b (red) 5th 1 → red 7, blue 7;
    /// round 2: c (blue) 1st 6, a (red) 2nd 4, x (grey) 3rd 3, b (red) 4th 2, d (blue) out → red 6, blue 6.
    func secondCarsDecide(_ countback: TeamCountback) -> LogBuilder {
        var log = LogBuilder()
        log.rules(RuleSet(scoring: [scale([6, 4, 3, 2, 1])], tieBreak: [.countback, .shareTie], teams: TeamRules(countback: countback)))
        log.session(
            1, [],
            extra: [
                ClassifiedResult(position: 1, competitor: "a", team: "red"), ClassifiedResult(position: 2, competitor: "c", team: "blue"),
                ClassifiedResult(position: 3, competitor: "d", team: "blue"), ClassifiedResult(position: 4, competitor: "x", team: "grey"),
                ClassifiedResult(position: 5, competitor: "b", team: "red")
            ])
        log.session(
            2, [],
            extra: [
                ClassifiedResult(position: 1, competitor: "c", team: "blue"), ClassifiedResult(position: 2, competitor: "a", team: "red"),
                ClassifiedResult(position: 3, competitor: "x", team: "grey"), ClassifiedResult(position: 4, competitor: "b", team: "red"),
                ClassifiedResult(position: nil, competitor: "d", team: "blue", status: .dnf)
            ])
        return log
    }

    @Test func bestCarCountbackSharesTheTie() {
        let teams = secondCarsDecide(.bestCar).teams()
        #expect(teams.points == ["red": 13, "blue": 13, "grey": 5])
        // Best cars: red 1st, 2nd; blue 2nd, 1st: equal, so the position is shared.
        #expect(teams.positions["red"] == 1)
        #expect(teams.positions["blue"] == 1)
        #expect(teams.positions["grey"] == 3)
    }

    @Test func everyCarCountbackCountsTheSecondCar() {
        let teams = secondCarsDecide(.everyCar).teams()
        #expect(teams.points == ["red": 13, "blue": 13, "grey": 5])
        // Every car: red 1st, 5th, 2nd, 4th; blue 2nd, 3rd, 1st: one win and one 2nd each, and blue has a 3rd.
        #expect(teams.order == ["blue", "red", "grey"])
        #expect(teams.positions == ["blue": 1, "red": 2, "grey": 3])
        #expect(teams.table.rows[1].tieBreak == "countback: more 3rd places")
    }

    @Test func aSprintFinishAloneDoesNotListAClassifiedFinisher() {
        var log = LogBuilder()
        log.rules(RuleSet(scoring: [scale([3, 2]), scale([1], [.sprint])], listing: .classifiedFinishers))
        // Sprint: a 1st (1 point), b 2nd, c 3rd. Race: a 1st (3), d 2nd (2), c 3rd; b retires.
        log.session(1, ["a", "b", "c"], kind: .sprint)
        log.session(1, ["a", "d", "c"], extra: [ClassifiedResult(position: nil, competitor: "b", status: .dnf)])
        // c is listed (a race finish, no points); b is not (only a sprint finish, no points).
        #expect(log.standings().points == ["a": 4, "d": 2, "c": 0])
    }
}
