import Foundation
import SeasonDomain
import Testing

@testable import Projections

@Suite("Published tables and seasons without rules")
struct PublishedStandingsTests {
    func published(_ rows: [PublishedStandingRow], afterRound: Int? = nil, table: PublishedTableKind? = nil) -> StandingsPublished {
        StandingsPublished(
            championship: "test-series", season: 2020, table: table, afterRound: afterRound, rows: rows,
            reason: "the series' bulletin")
    }

    @Test func aSeasonWithoutRulesListsAndExplainsResultsWithoutRankingThem() {
        var log = LogBuilder()
        log.session(1, ["b", "a"], kind: .heat, session: "heat-1")
        log.session(1, ["a", "b"], kind: .final)
        log.session(2, ["b", "a"], kind: .final)
        let result = log.standings()
        // Nobody is ranked: without a scale the zeros are unknowns, not a tie for first.
        #expect(result.table.rows.allSatisfy { $0.position == nil })
        #expect(result.table.notes.contains { $0.contains("no rules declared") })
        // Wins and podiums still come from the rounds' deciding sessions (the finals, not the heat).
        #expect(result.table.rows.first { $0.competitor == "a" }?.wins == 1)
        #expect(result.table.rows.first { $0.competitor == "b" }?.wins == 1)
        #expect(result.table.rows.first { $0.competitor == "a" }?.podiums == 2)
        // Every result is in the explanation, each saying why it has no points.
        let a = result.explanations["a"]!
        #expect(a.lines.map { "\($0.round ?? 0) \($0.session ?? "") \($0.classifiedPosition ?? 0)" } == ["1 heat-1 2", "1 final 1", "2 final 2"])
        #expect(a.lines.allSatisfy { $0.points == .zero && $0.rule.hasPrefix(ExplanationLine.noRulesDeclared) })
        #expect(a.total == .zero)
    }

    @Test func theLatestPublishedTableInsideTheCutIsShownBesideTheComputedOne() {
        var log = LogBuilder()
        log.rules(RuleSet(scoring: [scale([10, 6, 4])]))
        log.session(1, ["a", "b", "c"])
        log.add(published([PublishedStandingRow(position: 1, competitor: "a", points: 10)], afterRound: 1))
        log.session(2, ["b", "a", "c"])
        let second = log.add(
            published(
                [
                    PublishedStandingRow(position: 1, competitor: "a", points: 16),
                    PublishedStandingRow(position: 2, competitor: "b")
                ], afterRound: 2))
        // It never changes computed points: a 10+6, b 6+10.
        #expect(log.standings().points == ["a": 16, "b": 16, "c": 8])
        #expect(log.standings().table.published?.eventId == second)
        #expect(log.standings().table.published?.rows.count == 2)
        #expect(log.standings().table.published?.complete == false)
        // After round 1 only the first bulletin existed as far as rounds go.
        #expect(log.standings(Cut(afterRound: 1)).table.published?.rows.first?.points == 10)
        // Known before the second bulletin was recorded: the first one.
        let position = log.envelopes.first { $0.meta.eventId == second }!.meta.position
        #expect(log.standings(Cut(atPosition: position - 1)).table.published?.afterRound == 1)
        // Each competitor's explanation carries its own row only.
        #expect(log.standings().explanations["b"]?.published?.rows == [PublishedStandingRow(position: 2, competitor: "b")])
        #expect(log.standings().explanations["c"]?.published == nil)
    }

    @Test func retractedTeamsAndUndatedTablesFollowTheCut() {
        var log = LogBuilder()
        log.rules(RuleSet(scoring: [scale([10, 6])]))
        log.session(1, ["a", "b"])
        let undated = log.add(published([PublishedStandingRow(position: 1, competitor: "b", points: 12)]))
        log.add(published([PublishedStandingRow(position: 1, team: "t", points: 30)], table: .teams))
        // A table published without a round is shown whole, never at a round cut.
        #expect(log.standings().table.published?.eventId == undated)
        #expect(log.standings(Cut(afterRound: 1)).table.published == nil)
        // The teams' bulletin belongs to the teams' table only.
        #expect(log.teams().table.published?.rows.first?.team == "t")
        log.add(EventRetracted(retracts: undated, reason: "wrong season"))
        #expect(log.standings().table.published == nil)
    }
}
