import EventStore
import Foundation
import Hummingbird
import HummingbirdTesting
import Paddock
import Testing

@testable import PaddockServer

@Suite struct CompareRouteTests {
    static let compare = Fixture.season + "/compare"

    @Test func twoCutsOfTheDemoSeasonSideBySide() async throws {
        let fixture = try await Fixture()
        try await fixture.app().test(.router) { client in
            let same = try await client.execute(uri: Self.compare + "?from=after-round:6&to=after-round:6", method: .get)
            #expect(same.status == .ok)
            #expect(same.object["changes"] as? Int == 0)
            #expect(same.headers[LogHead.header] != nil)
            let grown = try await client.execute(uri: Self.compare + "?from=after-round:2&to=after-round:3", method: .get)
            #expect(grown.status == .ok)
            let rows = try #require(grown.object["rows"] as? [[String: Any]])
            let kallio = try #require(rows.first { $0["competitor"] as? String == "jesse-kallio" })
            // Round 3 (his win in Norway) is new in the later table.
            let causes = try #require(kallio["causes"] as? [[String: Any]])
            #expect(causes.contains { $0["round"] as? Int == 3 && $0["new"] as? Bool == true })
        }
    }

    @Test func otherRulesAreAHypothesisThatRecordsNothing() async throws {
        let fixture = try await Fixture()
        try await fixture.app().test(.router) { client in
            let body = #"{"rules":{"scoring":[{"kinds":["final","semiFinal"],"points":[10,5]}]}}"#
            let response = try await client.execute(uri: Self.compare, method: .post, body: .json(body))
            #expect(response.status == .ok, "\(response.text)")
            #expect(response.object["hypothetical"] as? Bool == true)
            let to = try #require(response.object["to"] as? [String: Any])
            #expect(to["rules"] as? String == "the rules in the request")
            let kallio = try #require((response.object["rows"] as? [[String: Any]])?.first { $0["competitor"] as? String == "jesse-kallio" })
            #expect(((kallio["to"] as? [String: Any])?["points"] as? Double ?? 0) > 0)
            #expect(try await fixture.store.headPosition() == Fixture.demoHead)
            let bad = try await client.execute(uri: Self.compare, method: .post, body: .json(#"{"rules":{"scoring":[{"kinds":["final"],"points":[-3]}]}}"#))
            #expect(bad.status.code == 422)
            #expect(bad.problemField == "rules.scoring[0].points[0]")
            let noCut = try await client.execute(uri: Self.compare, method: .get)
            #expect(noCut.status == .badRequest)
            #expect(noCut.object["parameter"] as? String == "from")
            let badCut = try await client.execute(uri: Self.compare + "?from=round:3", method: .get)
            #expect(badCut.status == .badRequest)
        }
    }
}
