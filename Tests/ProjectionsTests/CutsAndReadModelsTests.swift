import Foundation
import SeasonDomain
import Testing

@testable import Projections

@Suite("Cuts, title maths, calendars, careers")
struct CutsAndReadModelsTests {
    /// Three rounds; a penalty on round 2 recorded later, after round 3.
    func season() -> LogBuilder {
        var log = LogBuilder()
        log.rules(RuleSet(scoring: [scale([10, 6, 4])]))
        log.schedule(1, "2020-06-07"); log.schedule(2, "2020-07-05"); log.schedule(3, "2020-08-16"); log.schedule(4, "2020-09-20")
        log.session(1, ["a", "b", "c"], occurredAt: "2020-06-07T15:00:00+02:00")
        log.session(2, ["b", "a", "c"], occurredAt: "2020-07-05T15:00:00+02:00")
        log.session(3, ["c", "a", "b"], occurredAt: "2020-08-16T15:00:00+02:00")
        log.add(
            PenaltyApplied(
                championship: "test-series", season: 2020, round: 2, session: "race", competitor: "b",
                kind: .disqualification, reason: "illegal fuel"), occurredAt: "2020-08-20T10:00:00Z")
        return log
    }

    @Test func afterRoundAsOfKnownAtAndAtPosition() {
        let log = season()
        // b's disqualification in round 2 moves a and c up a place there.
        #expect(log.standings().points == ["a": 26, "b": 10, "c": 20])
        // after round 2, with the later penalty known: b's win is gone.
        #expect(log.standings(Cut(afterRound: 2)).points == ["a": 20, "b": 6, "c": 10])
        // as of 21 August the penalty had happened; as of 17 August it had not.
        #expect(log.standings(Cut(asOf: "2020-08-21")).points["b"] == 10)
        #expect(log.standings(Cut(asOf: "2020-08-17")).points == ["a": 22, "b": 20, "c": 18])
        // what was known before the penalty was recorded (its position is the last one).
        let penalty = log.envelopes.last!.meta
        let justBefore = log.envelopes[log.envelopes.count - 2].meta.recordedAt
        #expect(log.standings(Cut(knownAt: justBefore)).points["b"] == 20)
        #expect(log.standings(Cut(knownAt: penalty.recordedAt)).points["b"] == 10)
        #expect(log.standings(Cut(atPosition: penalty.position - 1)).points["b"] == 20)
        #expect(log.standings(Cut(atPosition: penalty.position)).points["b"] == 10)
    }

    @Test func titleMathsAfterEachRound() {
        let log = season()
        let ledger = log.timeline().seasons[log.key]!
        let calculator = StandingsCalculator(ledger: ledger, className: nil, cut: .everything)
        let afterTwo = calculator.titleOutlook(afterRound: 2)
        // After round 2: a 20, c 10, b 6; rounds 3 and 4 left, at most 10 each.
        #expect(afterTwo.roundsLeft == [3, 4])
        #expect(afterTwo.maximumPerRound == 10)
        #expect(afterTwo.champion == nil)
        #expect(afterTwo.contenders.first { $0.competitor == "c" }?.maximumPossible == 30)
        #expect(afterTwo.contenders.first { $0.competitor == "b" }?.canStillWin == true)
        let afterThree = calculator.titleOutlook(afterRound: 3)
        // a 26, c 20 (can reach 30), b 10 (can reach 20 < 26: out)
        #expect(afterThree.contenders.first { $0.competitor == "a" }?.points == 26)
        #expect(afterThree.contenders.first { $0.competitor == "c" }?.maximumPossible == 30)
        #expect(!afterThree.contenders.contains { $0.competitor == "b" })
        #expect(afterThree.champion == nil)
        var decided = season()
        decided.add(RoundCancelled(championship: "test-series", season: 2020, round: 4, reason: "storm"))
        let final = StandingsCalculator(ledger: decided.timeline().seasons[decided.key]!, className: nil, cut: .everything)
            .titleOutlook(afterRound: 3)
        #expect(final.roundsLeft.isEmpty)
        #expect(final.champion == "a")
    }

    @Test func calendarKeepsDateHistoryStatusAndWinners() throws {
        var log = season()
        log.add(
            RoundRescheduled(
                championship: "test-series", season: 2020, round: 4, startDate: try PartialDate("2020-10-04"),
                endDate: try PartialDate("2020-10-05"), reason: "clash"))
        log.add(RoundScheduled(championship: "test-series", season: 2020, round: 5, venue: "Kouvola", startDate: try PartialDate("2020-11")))
        let calendar = log.timeline().seasons[log.key]!.calendar()
        #expect(calendar.rounds.map(\.status) == [.completed, .completed, .completed, .rescheduled, .scheduled])
        #expect(calendar.rounds[3].dateHistory.map(\.startDate.rawValue) == ["2020-09-20", "2020-10-04"])
        #expect(calendar.rounds[2].winners.map(\.competitor) == ["c"])
        let ics = ICalendar.render(calendar, championshipName: "Test Series", stamp: "20260101T000000Z")
        #expect(ics.hasPrefix("BEGIN:VCALENDAR\r\n"))
        #expect(ics.hasSuffix("END:VCALENDAR\r\n"))
        #expect(ics.components(separatedBy: "BEGIN:VEVENT").count - 1 == 4)  // round 5 is known to the month only
        #expect(ics.contains("DTSTART;VALUE=DATE:20201004\r\nDTEND;VALUE=DATE:20201006"))
        #expect(ics.split(separator: "\r\n").allSatisfy { $0.utf8.count <= 75 })
    }

    @Test func careerCountsStartsWinsRetirementsAndTitles() {
        var log = season()
        log.add(
            SessionClassified(
                championship: "test-series", season: 2020, round: 4, session: "race", kind: .race,
                results: [
                    ClassifiedResult(position: 1, competitor: "b", team: "blue"),
                    ClassifiedResult(position: nil, competitor: "a", team: "red", status: .dnf, reason: "puncture")
                ]))
        log.add(TitleAwarded(championship: "test-series", season: 2020, competitor: "a", title: "champion"))
        log.add(CompetitorRegistered(competitor: "a", name: "Driver A", nationality: "FIN"), stream: "competitor:a")
        let career = log.timeline().career(of: "a")!
        #expect(career.name == "Driver A")
        // b's disqualification gives a the round 2 win.
        #expect(career.starts == 4)
        #expect(career.wins == 2)
        #expect(career.podiums == 3)
        #expect(career.seasons[0].retirements.map(\.reason) == ["puncture"])
        #expect(career.titles.count == 1)
        #expect(career.seasons[0].teams.map(\.name) == ["red"])
        #expect(log.timeline().career(of: "nobody") == nil)
    }
}
