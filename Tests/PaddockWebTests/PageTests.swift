import Foundation
import Paddock
import Projections
import Testing

@testable import PaddockWeb

@Suite struct PageTests {
    @Test func addressesEncodeTheirPartsAndCarryTheCut() {
        #expect(Href.season("f1", 1988, SeasonSelection(cut: Cut(afterRound: 8))) == "/seasons/f1/1988?afterRound=8")
        #expect(
            Href.season("euro rx", 2018, SeasonSelection(className: "Super 1600", teams: true, cut: Cut(knownAt: "2018-08-21T18:00:00+02:00")))
                == "/seasons/euro%20rx/2018?class=Super%201600&teams=true&knownAt=2018-08-21T18:00:00%2B02:00")
        #expect(Href.career("kimi-räikkönen") == "/careers/kimi-r%C3%A4ikk%C3%B6nen")
        #expect(Href.log(LogFilter(stream: "season:f1:2021", before: 40)) == "/log?stream=season:f1:2021&before=40")
    }

    @Test func theTrackOffsetIsShownAndUTCIsOnHover() {
        let time = Format.occurred("2021-12-12T17:00:00+04:00").text
        #expect(time.contains(">12 Dec 2021 17:00 +04:00<"))
        #expect(time.contains("datetime=\"2021-12-12T13:00:00Z\""))
        #expect(time.contains("title=\"2021-12-12 13:00 UTC\""))
        #expect(Format.occurred("2021-06").text.contains(">Jun 2021<"))
        #expect(Format.points(395.5) == "395.5")
        #expect(Format.points(25.0) == "25")
        #expect(Format.points(1.0 / 7) == "0.14")
        #expect(Format.points(-15.0) == "-15")
        #expect(Format.ordinal(1) == "1st")
        #expect(Format.ordinal(12) == "12th")
        #expect(Format.ordinal(22) == "22nd")
        #expect(Format.ordinal(103) == "103rd")
    }

    @Test func theSeasonPageHasTheTableTheChartTheTitleAndTheCalendar() throws {
        let page = SeasonPage.render(try seasonView())
        #expect(page.contains("<caption id=\"standings-caption\">Drivers&#39; standings · after round 3</caption>"))
        #expect(page.contains("data-points=\"395.5\""))
        #expect(page.contains("<td class=\"round dropped\" title=\"dropped: not counted\">(4)</td>"), "dropped rounds in brackets")
        #expect(page.contains("href=\"/seasons/f1/2021/explain/max\""))
        #expect(occurrences(of: "<polyline", in: page) == 2, "one line per driver")
        #expect(page.contains("aria-label=\"Lewis Hamilton: 69 after round 3\""), "each leader's point is labelled")
        #expect(page.contains("<del title=\"an earlier date\">21 Mar 2021</del>"), "the reschedule history")
        #expect(page.contains("href=\"/championships/f1/seasons/2021/calendar.ics\""))
        #expect(page.contains("2 can still win the title"))
        #expect(page.contains("data-live=\"season\" data-championship=\"f1\" data-season=\"2021\" data-position=\"99\""))
        #expect(!page.contains("data-paused"), "the whole log: live")
        #expect(page.contains("<strong>Live</strong>"))
    }

    @Test func aPastCutSaysSoAndDoesNotFollowTheLog() throws {
        let page = SeasonPage.render(try seasonView(cut: Cut(afterRound: 2)))
        #expect(page.contains("data-paused=\"true\""))
        #expect(page.contains("<strong>A past cut</strong>: after round 2 of 3 (Emilia Romagna)"))
        #expect(page.contains("name=\"afterRound\" min=\"1\" max=\"3\" step=\"1\" value=\"2\""), "the slider stands at the cut")
        #expect(page.contains("href=\"/seasons/f1/2021\">Show everything recorded (live)</a>"))
    }

    @Test func aSeasonWithoutRulesShowsNoTotalsChartOrChampion() throws {
        var view = try seasonView()
        for i in view.standings.rows.indices { view.standings.rows[i].position = nil }
        let page = SeasonPage.render(view)
        #expect(!page.contains("Title maths"), "nobody is champion of a table that ranks nobody")
        #expect(!page.contains("is champion"), "nobody is champion of a table that ranks nobody")
        #expect(!page.contains("<polyline"), "no chart of unknown points")
        #expect(page.contains(">?<span class=\"visually-hidden\"> points not known"))
        #expect(!page.contains("data-points=\"395.5\""))
    }

    @Test func theWholeSeasonPageOfAFullSeasonStaysSmall() throws {
        // 22 rounds, 21 drivers: the size of F1 2021's page.
        var view = try seasonView()
        let rounds = Array(1...22)
        view.rounds = rounds.map { .init(round: $0, name: "Grand Prix number \($0)") }
        view.standings.rounds = rounds
        let roundScores = rounds.map { "{\"round\":\($0),\"points\":12.5,\"counted\":true}" }.joined(separator: ",")
        view.standings.rows = try (0..<21).map { i in
            try decode(
                Documents.Standings.Row.self,
                """
                {"position":\(i + 1),"competitor":"driver-\(i)","name":"Driver Number \(i)","points":\(400 - i),"grossPoints":\(400 - i),
                 "wins":1,"podiums":2,"gap":\(i),"rounds":[\(roundScores)]}
                """)
        }
        view.progression = Progression(
            rounds: rounds, series: (0..<21).map { i in .init(id: "driver-\(i)", name: "Driver Number \(i)", points: rounds.map { Double($0 * (21 - i)) }) })
        let page = SeasonPage.render(view)
        let assets = ["paddock.css", "paddock.js", "icon.svg"].compactMap { Assets.file(named: $0)?.text.utf8.count }.reduce(0, +)
        #expect(assets > 10_000, "the assets are in the bundle")
        #expect(page.utf8.count + assets < 200_000, "page \(page.utf8.count) B + assets \(assets) B")
    }
}
