import EventStore
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Paddock
import Testing

@testable import PaddockServer

/// The web app's public pages over the demo log: HTML, the headers that keep a page to Paddock's
/// own origin, the cuts, the log and its chain.
@Suite struct WebPageTests {
    @Test func homeListsChampionshipsAndSearchIgnoresDiacritics() async throws {
        let fixture = try await Fixture()
        try await fixture.app().test(.router) { client in
            let home = try await client.execute(uri: "/", method: .get)
            #expect(home.status == .ok)
            #expect(home.contentType == "text/html; charset=utf-8")
            let policy = try #require(home.headers[HTTPField.Name("Content-Security-Policy")!])
            #expect(policy.contains("default-src 'none'"))
            #expect(policy.contains("script-src 'self'"))
            #expect(!policy.contains("unsafe-inline"))
            #expect(home.text.contains("href=\"/seasons/euro-rx-super1600/2018\""))
            for (query, name) in [("malkonen", "Enni Mälkönen"), ("OHMAN", "Patric Öhman"), ("Mälkönen", "Enni Mälkönen")] {
                let found = try await client.execute(uri: "/?q=" + query.addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed)!, method: .get)
                #expect(found.text.contains(">\(name)</a>"), "search '\(query)'")
            }
            let api = try await client.execute(uri: "/competitors?search=malkonen", method: .get)
            #expect((api.object["competitors"] as? [[String: Any]])?.first?["name"] as? String == "Enni Mälkönen", "the API's search alike")
            let none = try await client.execute(uri: "/?q=zzzz", method: .get)
            #expect(none.text.contains("Drivers (0)"))
        }
    }

    @Test func seasonPageShowsTheTableAtTheCutAndSaysWhetherItIsLive() async throws {
        let fixture = try await Fixture()
        try await fixture.app().test(.router) { client in
            let live = try await client.execute(uri: "/seasons/euro-rx-super1600/2018", method: .get)
            #expect(live.status == .ok)
            #expect(live.text.contains("<strong>Live</strong>"))
            #expect(live.text.contains("data-live=\"season\" data-championship=\"euro-rx-super1600\" data-season=\"2018\""))
            #expect(live.text.contains("Jesse Kallio"))
            #expect(live.text.contains("href=\"/championships/euro-rx-super1600/seasons/2018/calendar.ics\""))
            let past = try await client.execute(uri: "/seasons/euro-rx-super1600/2018?afterRound=3", method: .get)
            #expect(past.text.contains("<strong>A past cut</strong>: after round 3"))
            #expect(past.text.contains("data-paused=\"true\""))
            let last = try await client.execute(uri: "/seasons/euro-rx-super1600/2018?afterRound=6", method: .get)
            #expect(last.text.contains("<strong>Live</strong>"), "after the last round is everything")
            let bad = try await client.execute(uri: "/seasons/euro-rx-super1600/2018?asOf=yesterday", method: .get)
            #expect(bad.status == .badRequest)
            #expect(bad.contentType == "text/html; charset=utf-8")
            #expect(bad.text.contains("asOf: &#39;yesterday&#39; is not an ISO-8601 date"))
            let missing = try await client.execute(uri: "/seasons/nope/1999", method: .get)
            #expect(missing.status == .notFound)
            #expect(missing.text.contains("no season &#39;nope&#39; 1999"))
        }
    }

    @Test func explanationLinesLinkToTheirEvents() async throws {
        let fixture = try await Fixture()
        try await fixture.app().test(.router) { client in
            let page = try await client.execute(uri: "/seasons/euro-rx-super1600/2018/explain/jesse-kallio", method: .get)
            #expect(page.status == .ok)
            #expect(page.text.contains("<table class=\"explanation\" id=\"lines\">"))
            #expect(page.text.contains("href=\"/log/"))
            let nobody = try await client.execute(uri: "/seasons/euro-rx-super1600/2018/explain/nobody", method: .get)
            #expect(nobody.status == .notFound)
        }
    }

    @Test func logIsNewestFirstFilteredAndChecksTheChain() async throws {
        let fixture = try await Fixture()
        try await fixture.app().test(.router) { client in
            let page = try await client.execute(uri: "/log", method: .get)
            #expect(page.status == .ok)
            let head = Fixture.demoHead
            let first = try #require(page.text.range(of: "id=\"e-\(head)\""))
            let second = try #require(page.text.range(of: "id=\"e-\(head - 1)\""))
            #expect(first.lowerBound < second.lowerBound, "newest first")
            #expect(occurrences(page.text, "class=\"event\"") == 50)
            #expect(occurrences(page.text, "✓ links to #") == 50)
            #expect(page.text.contains("href=\"/log?before=\(head - 50)\""), "the next page starts where this one ends")
            let filtered = try await client.execute(uri: "/log?stream=\(Fixture.seasonStream)&type=RoundScheduled", method: .get)
            #expect(occurrences(filtered.text, "class=\"event\"") == 6, "six rounds scheduled in Kallio's 2018 season")
            #expect(!filtered.text.contains("<h2><a href=\"/log/1\">"))
            let badTime = try await client.execute(uri: "/log?from=soon", method: .get)
            #expect(badTime.text.contains("from: &#39;soon&#39; is not a date or time"))
            let event = try await client.execute(uri: "/log/1", method: .get)
            #expect(event.text.contains("<h1>Event #1: "))
            #expect(event.text.contains("✓ links to #0"))
            let beyond = try await client.execute(uri: "/log/\(head + 5)", method: .get)
            #expect(beyond.status == .notFound)
            let verified = try await client.execute(uri: "/log/verify", method: .get)
            #expect(verified.text.contains("<strong>The chain holds</strong>: \(head) events"))
        }
    }

    @Test func assetsAreServedWithTheirTypesAndKeptByVersion() async throws {
        let fixture = try await Fixture()
        try await fixture.app().test(.router) { client in
            let home = try await client.execute(uri: "/", method: .get)
            let href = try #require(home.text.firstMatch(of: /href="(\/assets\/paddock\.css\?v=[0-9a-f]+)"/)?.1)
            let css = try await client.execute(uri: String(href), method: .get)
            #expect(css.status == .ok)
            #expect(css.contentType == "text/css; charset=utf-8")
            #expect(css.headers[.cacheControl] == "public, max-age=31536000, immutable")
            let js = try await client.execute(uri: "/assets/paddock.js", method: .get)
            #expect(js.contentType == "text/javascript; charset=utf-8")
            #expect(js.headers[.cacheControl] == "no-cache", "without the version, the browser asks again")
            let etag = try #require(js.headers[.eTag])
            let again = try await client.execute(uri: "/assets/paddock.js", method: .get, headers: [.ifNoneMatch: etag])
            #expect(again.status == .notModified)
            let none = try await client.execute(uri: "/assets/../openapi.json", method: .get)
            #expect(none.status == .notFound)
        }
    }
}

func occurrences(_ text: String, _ needle: String) -> Int { text.components(separatedBy: needle).count - 1 }
