import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import PaddockServer

/// The season page compared with another cut or other rules: the same comparison the JSON route
/// gives, a table of what differs, and the chart drawing the other table dashed.
@Suite struct WebCompareTests {
    static let season = "/seasons/euro-rx-super1600/2018"
    static let api = "/championships/euro-rx-super1600/seasons/2018"

    /// The demo declares no points (no article gives a scale): the 2018 season gets a scale for its
    /// finals and semi-finals, 2016 another, so that the tables rank and the rules differ.
    static func declareRules(_ client: some TestClientProtocol, _ fixture: Fixture) async throws {
        let seasons = [(2018, "[8,5,4,3,2,1]", "[3,2,1]"), (2016, "[20,15,12,10,8,6]", "[0]")]
        for (season, finals, semis) in seasons {
            let line =
                #"{"type":"RulesDeclared","occurredAt":"\#(season)","payload":{"championship":"euro-rx-super1600","season":\#(season),"rules":{"scoring":[{"kinds":["final"],"points":\#(finals)},{"kinds":["semiFinal"],"points":\#(semis)}]}}}"#
            let response = try await client.execute(
                uri: "/streams/season:euro-rx-super1600:\(season)/events", method: .post,
                headers: fixture.auth(.admin), body: .json(line))
            #expect(response.status == .created || response.status == .ok, "\(response.text)")
        }
    }

    @Test func aPageComparedWithAnEarlierCutShowsWhatChangedSinceAndBothLines() async throws {
        let fixture = try await Fixture()
        try await fixture.app().test(.router) { client in
            try await Self.declareRules(client, fixture)
            let page = try await client.execute(uri: Self.season + "?compare=after-round:3", method: .get)
            #expect(page.status == .ok)
            let json = try await client.execute(uri: Self.api + "/compare?from=after-round:3", method: .get)
            let rows = try #require(json.object["rows"] as? [[String: Any]])
            let changed = rows.filter { $0["changed"] as? Bool == true }
            #expect(!changed.isEmpty, "three more rounds change the table")
            #expect(page.text.contains("Compared with the table after round 3"))
            #expect(page.text.contains("\(changed.count) of \(rows.count) rows differ."))
            for row in changed {
                let competitor = try #require(row["competitor"] as? String)
                #expect(page.text.contains("<tr data-competitor=\"\(competitor)\"><th scope=\"row\" class=\"who\">"), "\(competitor) listed")
            }
            #expect(page.text.contains("<polyline class=\"compared\""), "the other table's leaders drawn dashed")
            #expect(page.text.contains("href=\"/seasons/euro-rx-super1600/2018\">Stop comparing</a>"))
            #expect(page.text.contains("<option value=\"after-round:3\" selected>"), "the form shows the comparison chosen")
        }
    }

    @Test func aComparisonWithTheSameCutIsEmpty() async throws {
        let fixture = try await Fixture()
        try await fixture.app().test(.router) { client in
            try await Self.declareRules(client, fixture)
            let page = try await client.execute(uri: Self.season + "?afterRound=4&compare=after-round:4", method: .get)
            #expect(page.status == .ok)
            #expect(page.text.contains("Nothing differs"))
            #expect(!page.text.contains("<table class=\"comparison\""))
        }
    }

    @Test func anotherSeasonsRulesAreAHypothesisTheJSONRouteAgreesWith() async throws {
        let fixture = try await Fixture()
        try await fixture.app().test(.router) { client in
            try await Self.declareRules(client, fixture)
            let page = try await client.execute(uri: Self.season + "?rulesOf=euro-rx-super1600:2016", method: .get)
            #expect(page.status == .ok, "\(page.text.prefix(400))")
            #expect(page.text.contains("This table under the rules of"))
            #expect(page.text.contains("A hypothesis: these rules were not the season"))
            let json = try await client.execute(uri: Self.api + "/compare?from=everything&rulesOf=euro-rx-super1600:2016", method: .get)
            let rows = try #require(json.object["rows"] as? [[String: Any]])
            let changed = rows.filter { $0["changed"] as? Bool == true }.count
            #expect(page.text.contains(changed == 0 ? "Nothing differs" : "\(changed) of \(rows.count) rows differ."))
        }
    }

    @Test func badComparisonsAreRefusedByName() async throws {
        let fixture = try await Fixture()
        try await fixture.app().test(.router) { client in
            try await Self.declareRules(client, fixture)
            let bad = try await client.execute(uri: Self.season + "?compare=yesterday", method: .get)
            #expect(bad.status == .badRequest)
            #expect(bad.text.contains("compare: "))
            let both = try await client.execute(uri: Self.season + "?compare=after-round:2&rulesOf=euro-rx-super1600:2016", method: .get)
            #expect(both.status == .badRequest)
            #expect(both.text.contains("not both"))
            let unknown = try await client.execute(uri: Self.season + "?rulesOf=euro-rx-super1600:1999", method: .get)
            #expect(unknown.status == .notFound)
        }
    }
}
