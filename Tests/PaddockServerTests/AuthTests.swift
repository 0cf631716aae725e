import Foundation
import Hummingbird
import HummingbirdTesting
import Paddock
import Testing

@testable import PaddockServer

@Suite struct AuthTests {
    let events = "/streams/\(Fixture.seasonStream)/events"
    let penalty =
        #"{"type":"PenaltyApplied","occurredAt":"2018-06-10","payload":{"championship":"euro-rx-super1600","season":2018,"round":3,"competitor":"jesse-kallio","kind":"points","points":5,"reason":"jump start"}}"#

    @Test func writesWithoutAValidTokenAre401() async throws {
        let fixture = try await Fixture()
        try await fixture.app().test(.router) { client in
            for headers: HTTPFields in [[:], [.authorization: "Bearer wrong"], [.authorization: "Basic abc"], [.authorization: "Bearer "]] {
                let response = try await client.execute(uri: events, method: .post, headers: headers, body: .json(retirementEvent()))
                #expect(response.status == .unauthorized)
                #expect(response.headers[.wwwAuthenticate]?.hasPrefix("Bearer") == true)
                #expect(response.contentType == "application/problem+json")
            }
            let desk = try await client.execute(
                uri: Fixture.season + "/rounds/3/retirements", method: .post,
                body: .json(#"{"competitor":"jesse-kallio","reason":"engine"}"#))
            #expect(desk.status == .unauthorized)
            #expect(try await fixture.store.headPosition() == Fixture.demoHead)
        }
    }

    @Test func stewardEventsNeedAStewardOrAdmin() async throws {
        let fixture = try await Fixture()
        try await fixture.app().test(.router) { client in
            let refused = try await client.execute(uri: events, method: .post, headers: fixture.auth(.recorder), body: .json(penalty))
            #expect(refused.status == .forbidden)
            let mixed = try await client.execute(
                uri: events, method: .post, headers: fixture.auth(.recorder),
                body: .json("[\(retirementEvent()),\(penalty)]"))
            #expect(mixed.status == .forbidden)
            let deskPenalty = try await client.execute(
                uri: Fixture.season + "/rounds/3/penalties", method: .post, headers: fixture.auth(.recorder),
                body: .json(#"{"competitor":"jesse-kallio","kind":"points","points":5,"reason":"x"}"#))
            #expect(deskPenalty.status == .forbidden)
            #expect(try await fixture.store.headPosition() == Fixture.demoHead)
            let steward = try await client.execute(uri: events, method: .post, headers: fixture.auth(.steward), body: .json(penalty))
            #expect(steward.status == .created)
            let admin = try await client.execute(
                uri: Fixture.season + "/rounds/3/penalties", method: .post, headers: fixture.auth(.admin),
                body: .json(#"{"competitor":"jesse-kallio","kind":"points","points":2,"reason":"y"}"#))
            #expect(admin.status == .created)
            #expect((admin.object["events"] as? [[String: Any]])?.first?["actor"] as? String == "admin-token")
        }
    }

    @Test func readsNeedNoToken() async throws {
        let fixture = try await Fixture()
        try await fixture.app().test(.router) { client in
            let response = try await client.execute(uri: Fixture.season + "/standings", method: .get)
            #expect(response.status == .ok)
        }
    }
}
