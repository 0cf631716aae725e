import EventStore
import Foundation
import Paddock
import Projections
import Testing

@testable import PaddockWeb

/// Every string that comes from a request or from the log reaches a page as text, never as markup.
@Suite struct EscapingTests {
    /// The only script element is the page's own; no attribute or element comes from the hostile text.
    func expectInert(_ page: String, _ place: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(occurrences(of: "<script", in: page) == 1, "\(place): a script element besides Paddock's own", sourceLocation: sourceLocation)
        #expect(page.contains("<script src=\"/assets/paddock.js"), sourceLocation: sourceLocation)
        #expect(!page.contains("<img"), "\(place): an element from the text", sourceLocation: sourceLocation)
        #expect(!page.contains("onerror=alert(1)>"), "\(place): an unescaped attribute", sourceLocation: sourceLocation)
        #expect(
            page.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"),
            "\(place): the text is not shown", sourceLocation: sourceLocation)
    }

    @Test func interpolatedTextIsEscapedInElementsAndAttributes() {
        let text = "a & b < c > d \" e ' f"
        let html: HTML = "<td title=\"\(text)\">\(text)</td>"
        #expect(html.text == "<td title=\"a &amp; b &lt; c &gt; d &quot; e &#39; f\">a &amp; b &lt; c &gt; d &quot; e &#39; f</td>")
        let inner: HTML = "<b>\(text)</b>"
        let outer: HTML = "<p>\(inner)</p>"
        #expect(outer.text == "<p><b>a &amp; b &lt; c &gt; d &quot; e &#39; f</b></p>", "markup is not escaped twice")
        #expect(HTML.escape("Häkkinen, Räikkönen: 1 000 €") == "Häkkinen, Räikkönen: 1 000 €", "letters are kept")
        let optional: String? = nil
        let none: HTML = "<i>\(optional)</i>"
        #expect(none.text == "<i></i>")
        let flag: HTML = "<a\(HTML.when(true, " class=\"x\""))>"
        #expect(flag.text == "<a class=\"x\">")
    }

    @Test func seasonPageShowsNamesNotesAndReasonsAsText() throws {
        let page = SeasonPage.render(try seasonView(driverName: hostile, note: hostile))
        expectInert(page, "season page")
        #expect(occurrences(of: "&lt;script&gt;", in: page) >= 8, "names in the table, chart, calendar, title, published table, notes")
    }

    @Test func explanationShowsRulesAndNotesAsText() throws {
        let document = try decode(
            Documents.ExplanationDocument.self,
            """
            {"championship":"f1","season":2021,"competitor":"max","name":\(Documents.jsonString(hostile)),"cut":{},"position":1,"total":25,
             "lines":[{"kind":"result","round":1,"session":\(Documents.jsonString(hostile)),"sessionKind":"race","eventId":"0190a1b2-0000-7000-8000-000000000009",
                       "logPosition":12,"classifiedPosition":1,"status":"classified","basePoints":25,"share":"1","multiplier":"1","points":25,
                       "rule":\(Documents.jsonString(hostile)),"notes":[\(Documents.jsonString(hostile))],"counted":true}]}
            """)
        let page = ExplanationPage.render(
            ExplanationView(
                championship: "f1", championshipName: hostile, season: 2021, selection: SeasonSelection(),
                rounds: [], document: document, position: 12))
        expectInert(page, "explanation page")
    }

    @Test func aNoteHoldingAScriptShowsAsTextInTheLog() throws {
        let payload = "{\"text\":\(Documents.jsonString(hostile)),\"subject\":\(Documents.jsonString(hostile))}"
        let event = recordedEvent(payload: payload, stream: "notes:" + hostile, actor: hostile, correlation: hostile)
        let view = LogView(
            filter: LogFilter(stream: hostile, type: hostile, occurredFrom: hostile),
            entries: [
                .init(
                    event: event, chain: .linked,
                    references: [
                        .init(relation: "about", eventId: hostile, position: nil)
                    ])
            ], older: nil, headPosition: 7, headHash: hostile,
            types: ["Note", hostile], streams: [hostile], scannedDownTo: nil, problem: hostile)
        expectInert(LogPage.render(view), "log page")
        expectInert(LogPage.renderEvent(view.entries[0], headPosition: 7), "event page")
    }

    @Test func careerHomeErrorAndDeskPagesShowTextAsText() throws {
        let career = try decode(
            Career.self,
            """
            {"competitor":"x","name":\(Documents.jsonString(hostile)),"nationality":\(Documents.jsonString(hostile)),"starts":1,"wins":0,"podiums":0,"dnfs":1,
             "titles":[{"championship":"f1","season":2021,"title":\(Documents.jsonString(hostile))}],
             "seasons":[{"championship":"f1","championshipName":\(Documents.jsonString(hostile)),"season":2021,"classes":[\(Documents.jsonString(hostile))],
                         "teams":[{"name":\(Documents.jsonString(hostile)),"fromRound":1,"toRound":3}],"cars":[],"entries":1,"starts":1,"wins":0,"podiums":0,
                         "retirements":[{"round":2,"reason":\(Documents.jsonString(hostile))}],"titles":[\(Documents.jsonString(hostile))]}]}
            """)
        expectInert(CareerPage.render(career, position: 3), "career page")
        let home = HomeView(
            championships: [.init(id: hostile, name: hostile, discipline: hostile, seasons: [2021])], search: hostile,
            competitors: [.init(id: hostile, name: hostile, nationality: hostile)], teams: [.init(id: "t", name: hostile, nationality: nil)],
            competitorMatches: 1, teamMatches: 1, position: 3)
        expectInert(HomePage.render(home), "home page")
        expectInert(ErrorPage.render(status: 404, title: hostile, detail: hostile, back: hostile), "error page")
        let form = try #require(DeskForm.named("session"))
        let desk = DeskSeason(
            championship: "f1", championshipName: hostile, season: 2021, rounds: [.init(round: 1, name: hostile)], classes: [hostile],
            competitors: [.init(value: hostile, label: hostile)], teams: [.init(value: hostile, label: hostile)],
            classifications: [.init(value: hostile, label: hostile)], streamVersion: 4,
            recent: [recordedEvent(payload: "{\"text\":\(Documents.jsonString(hostile))}", actor: hostile)])
        let state = DeskFormState(
            values: ["session": hostile, "results[0].competitor": hostile, "eventId": hostile], fieldErrors: ["session": hostile],
            errors: [hostile], conflict: 5)
        let signedIn = Layout.SignedIn(name: hostile, role: hostile, csrf: hostile)
        expectInert(DeskPages.form(form, season: desk, state: state, signedIn: signedIn), "desk form")
        expectInert(DeskPages.season(desk, forms: [(form, true), (form, false)], signedIn: signedIn), "desk season")
        expectInert(DeskPages.signIn(error: hostile), "sign-in page")
    }
}
