import Foundation
import Testing

@testable import SeasonDomain

@Suite("Validation")
struct ValidationTests {
    private func failure(_ type: String, _ payload: String) -> EventPayloadError? {
        do {
            _ = try EventCatalogue.decodeStrict(type: type, schemaVersion: 1, payload: Data(payload.utf8))
            return nil
        } catch {
            return error
        }
    }

    private func failure(_ event: some DomainEvent) -> EventValidationError? {
        do { try event.validate(); return nil } catch { return error }
    }

    @Test func roundZero() throws {
        let e = try #require(failure("RoundCancelled", #"{"championship":"euro-rx","season":2020,"round":0}"#))
        #expect(e.kind == .validation)
        #expect(e.description == "payload.round: must be from 1 to 999, found 0")
    }

    @Test func endDateBeforeStartDate() throws {
        let e = try #require(
            failure(
                "RoundScheduled",
                #"{"championship":"x","season":2021,"round":1,"startDate":"2021-06-12","endDate":"2021-06-10"}"#))
        #expect(e.kind == .validation)
        #expect(e.path == "payload.endDate")
        // A vaguer end that contains the start is fine.
        #expect(failure("RoundScheduled", #"{"championship":"x","season":2021,"round":1,"startDate":"2021-06-12","endDate":"2021-06"}"#) == nil)
    }

    @Test func seasonAndIds() {
        #expect(failure(SeasonOpened(championship: "x", season: 1899))?.path == "season")
        #expect(failure(SeasonOpened(championship: "", season: 2020))?.description == "championship: must not be empty")
        #expect(failure(SeasonOpened(championship: "euro rx", season: 2020))?.path == "championship")
        #expect(failure(TeamChanged(championship: "x", competitor: "a", toTeam: "b"))?.path == "season")
    }

    @Test func resultPositions() {
        func session(_ results: [ClassifiedResult]) -> SessionClassified {
            SessionClassified(championship: "f1", season: 2019, round: 1, session: "race", kind: .race, results: results)
        }
        #expect(failure(session([])).map(\.path) == "results")
        #expect(failure(session([.init(position: 0, competitor: "a")]))?.path == "results[0].position")
        #expect(failure(session([.init(position: nil, competitor: "a", status: .classified)]))?.path == "results[0].position")
        let backwards = failure(session([.init(position: 2, competitor: "a"), .init(position: 1, competitor: "b")]))
        #expect(backwards?.path == "results[1].position")
        #expect(backwards?.message.contains("must not go down") == true)
        let repeated = failure(session([.init(position: 1, competitor: "a"), .init(position: 1, competitor: "b")]))
        #expect(repeated?.path == "results[1].position")
        // Shared cars and dead heats may share a position.
        #expect(failure(session(Samples.results)) == nil)
        #expect(failure(session([.init(position: 1, competitor: "a", time: "1:00.0"), .init(position: 1, competitor: "b", time: "1:00.0")])) == nil)
        #expect(failure(session([.init(position: 1, competitor: "a", sharedWith: ["a"])]))?.path == "results[0].sharedWith")
    }

    @Test func factorsAndCounts() {
        #expect(failure(RoundMultiplierDecided(championship: "f1", season: 2021, round: 12, factor: .zero, reason: "x"))?.path == "factor")
        let rules = RuleSet(scoring: [SessionScoring(kinds: [.race], points: [1])], counting: .best(0))
        #expect(failure(RulesDeclared(championship: "f1", season: 2019, rules: rules))?.path == "rules.counting.count")
        let split = RuleSet(scoring: [SessionScoring(kinds: [.race], points: [1])], counting: .split(firstRounds: 3, bestOfFirst: 4, bestOfRest: 1))
        #expect(failure(RulesDeclared(championship: "f1", season: 2019, rules: split))?.path == "rules.counting.bestOfFirst")
        let multiplier = RuleSet(scoring: [SessionScoring(kinds: [.race], points: [1])], multipliers: [MultiplierRule(lastRound: true, factor: -2)])
        #expect(failure(RulesDeclared(championship: "f1", season: 2019, rules: multiplier))?.path == "rules.multipliers[0].factor")
        let noScoring = RuleSet(scoring: [])
        #expect(failure(RulesAmended(championship: "f1", season: 2019, fromRound: 2, rules: noScoring))?.path == "rules.scoring")
        #expect(failure(RulesAmended(championship: "f1", season: 2019, fromRound: 0, rules: Samples.f1Rules))?.path == "fromRound")
    }

    @Test func penaltiesAndAdjustments() {
        let penalty = PenaltyApplied(championship: "f1", season: 2019, round: 1, competitor: "a", kind: .time, reason: "x")
        #expect(failure(penalty)?.path == "seconds")
        #expect(failure(PointsAdjusted(championship: "f1", season: 2019, points: 3, mode: .delta, reason: "x"))?.path == "competitor")
        #expect(failure(TitleAwarded(championship: "f1", season: 2019))?.path == "competitor")
        #expect(
            failure(
                ResultCorrected(
                    championship: "f1", season: 2019, round: 1, session: "race", corrects: [], kind: .race,
                    results: Samples.results, reason: "x"))?.path == "corrects")
        let distance = SessionClassified(
            championship: "f1", season: 2019, round: 1, session: "race", kind: .race,
            completedDistance: Points(3, 2), results: Samples.results)
        #expect(failure(distance)?.path == "completedDistance")
    }

    @Test func publishedStandings() {
        func published(_ rows: [PublishedStandingRow], table: PublishedTableKind? = nil) -> StandingsPublished {
            StandingsPublished(championship: "ralli-sm", season: 2026, table: table, rows: rows, reason: "Pisteet top 5")
        }
        #expect(failure(published([])) == EventValidationError(path: "rows", message: "must list at least one row"))
        #expect(failure(published([PublishedStandingRow(competitor: "a")]))?.path == "rows[0]")
        #expect(failure(published([PublishedStandingRow(position: 0, competitor: "a")]))?.path == "rows[0].position")
        #expect(
            failure(published([PublishedStandingRow(position: 1, competitor: "a"), PublishedStandingRow(position: 2, competitor: "a")]))?
                .message == "a is listed twice")
        #expect(failure(published([PublishedStandingRow(position: 1, competitor: "a")], table: .teams))?.path == "rows[0].team")
        #expect(failure(published([PublishedStandingRow(position: 1, team: "t", points: 50)], table: .teams)) == nil)
    }
}
