import Credentials
import EventStore
import Foundation
import Hummingbird
import HummingbirdTesting
import Paddock
import Testing

@testable import PaddockServer

@Suite struct HardeningRouteTests {
    let events = "/streams/\(Fixture.seasonStream)/events"

    /// The reported line, without `stream`, as any token holder could post it.
    static let reported =
        #"{"type":"RulesDeclared","occurredAt":"2018","payload":{"championship":"euro-rx-super1600","season":2018,"rules":{"scoring":[{"kinds":["final"],"points":["1/-9223372036854775808"]}]}}}"#

    @Test func theReportedEventIs422NamingTheFieldAndTheServiceGoesOn() async throws {
        let fixture = try await Fixture()
        try await fixture.app().test(.router) { client in
            let response = try await client.execute(uri: events, method: .post, headers: fixture.auth(.admin), body: .json(Self.reported))
            #expect(response.status.code == 422)
            #expect(response.problemField == "payload.rules.scoring[0].points[0]")
            #expect(try await fixture.store.headPosition() == Fixture.demoHead)
            let standings = try await client.execute(uri: Fixture.season + "/standings", method: .get)
            #expect(standings.status == .ok)
        }
    }

    @Test func rulesAreAnAdminsAndDecisionsAStewards() async throws {
        let fixture = try await Fixture()
        let rules =
            #"{"type":"RulesAmended","occurredAt":"2018-06-01","payload":{"championship":"euro-rx-super1600","season":2018,"fromRound":4,"rules":{"scoring":[{"kinds":["final"],"points":[20,15,12]}]}}}"#
        let decision =
            #"{"type":"RoundMultiplierDecided","occurredAt":"2018-06-10","payload":{"championship":"euro-rx-super1600","season":2018,"round":3,"factor":0.5,"reason":"shortened"}}"#
        try await fixture.app().test(.router) { client in
            for role in [Role.recorder, .steward] {
                let refused = try await client.execute(uri: events, method: .post, headers: fixture.auth(role), body: .json(rules))
                #expect(refused.status == .forbidden, "\(role)")
                #expect(refused.text.contains("RulesAmended"))
            }
            let recorderDecision = try await client.execute(uri: events, method: .post, headers: fixture.auth(.recorder), body: .json(decision))
            #expect(recorderDecision.status == .forbidden)
            #expect(try await fixture.store.headPosition() == Fixture.demoHead)
            let stewardDecision = try await client.execute(uri: events, method: .post, headers: fixture.auth(.steward), body: .json(decision))
            #expect(stewardDecision.status == .created)
            let admin = try await client.execute(uri: events, method: .post, headers: fixture.auth(.admin), body: .json(rules))
            #expect(admin.status == .created)
        }
    }

    @Test func everyReadCarriesTheLogHeadItWasComputedFrom() async throws {
        let fixture = try await Fixture()
        try await fixture.app().test(.router) { client in
            let last = try #require(try await fixture.store.read(after: Fixture.demoHead - 1, limit: 1).first)
            for uri in ["/championships", Fixture.season + "/standings", Fixture.season + "/calendar", "/competitors?search=kallio"] {
                let response = try await client.execute(uri: uri, method: .get)
                #expect(response.headers[LogHead.header] == "\(Fixture.demoHead):\(last.hash)", "\(uri)")
                let head = response.object["logHead"] as? [String: Any]
                #expect(head?["position"] as? Int == Int(Fixture.demoHead), "\(uri)")
                #expect(head?["hash"] as? String == last.hash, "\(uri)")
            }
            // Ergast bodies keep Ergast's shape: the head is a header. Web pages show it and send it.
            for uri in ["/ergast/euro-rx-super1600/seasons.json", "/", "/seasons/euro-rx-super1600/2018", "/log"] {
                let response = try await client.execute(uri: uri, method: .get)
                #expect(response.status == .ok, "\(uri)")
                #expect(response.headers[LogHead.header] == "\(Fixture.demoHead):\(last.hash)", "\(uri)")
            }
            let page = try await client.execute(uri: "/seasons/euro-rx-super1600/2018", method: .get)
            #expect(page.text.contains("data-log-head=\"\(Fixture.demoHead):\(last.hash)\""))
            #expect(page.text.contains(">\(last.hash.prefix(12))…</code>"))
            // After a write, the head moves with the table.
            let appended = try await client.execute(uri: events, method: .post, headers: fixture.auth(.recorder), body: .json(retirementEvent()))
            #expect(appended.status == .created)
            let newest = try #require(try await fixture.store.read(after: Fixture.demoHead, limit: 1).first)
            let after = try await client.execute(uri: Fixture.season + "/standings", method: .get)
            #expect(after.headers[LogHead.header] == "\(newest.position):\(newest.hash)")
        }
    }

    @Test func aRevokedTokenIsRefusedOnceItsMemoryRunsOut() async throws {
        let fixture = try await Fixture()
        try await fixture.app(rememberTokensFor: .milliseconds(300)).test(.router) { client in
            let first = try await client.execute(uri: events, method: .post, headers: fixture.auth(.recorder), body: .json(retirementEvent()))
            #expect(first.status == .created)
            #expect(try await fixture.credentials.revokeCredential(name: "recorder-token"))
            try await Task.sleep(for: .milliseconds(400))
            let refused = try await client.execute(uri: events, method: .post, headers: fixture.auth(.recorder), body: .json(retirementEvent()))
            #expect(refused.status == .unauthorized)
            #expect(refused.text.contains("revoked"))
        }
        let listed = try await fixture.credentials.listCredentials().first { $0.name == "recorder-token" }
        #expect(listed?.revokedAt != nil)
        #expect(listed?.lastUsedAt != nil)
    }

    @Test func anExpiredTokenIsRefused() async throws {
        let fixture = try await Fixture()
        let token = CredentialToken.generate()
        try await fixture.credentials.saveCredential(
            name: "short", role: "recorder", hash: CredentialToken.hash(token),
            expiresAt: Timestamp.format(Date().addingTimeInterval(-1)))
        try await fixture.app().test(.router) { client in
            let response = try await client.execute(
                uri: events, method: .post, headers: [.authorization: "Bearer \(token)"],
                body: .json(retirementEvent()))
            #expect(response.status == .unauthorized)
            #expect(response.text.contains("expired"))
        }
    }

    @Test func aSeasonWhosePointsLeave64BitsIs422ToReaders() async throws {
        let fixture = try await Fixture()
        var body: [String] = []
        for (i, p) in [9973, 9967, 9949, 9941, 9931].enumerated() {
            let round = 20 + i
            body.append(
                #"{"type":"RoundScheduled","occurredAt":"2018-05-01","payload":{"championship":"euro-rx-super1600","season":2018,"round":\#(round),"startDate":"2018-11-01"}}"#
            )
            body.append(
                #"{"type":"SessionClassified","occurredAt":"2018-11-01","payload":{"championship":"euro-rx-super1600","season":2018,"round":\#(round),"session":"final","kind":"final","results":[{"position":1,"competitor":"jesse-kallio"}]}}"#
            )
            body.append(
                #"{"type":"RoundMultiplierDecided","occurredAt":"2018-11-01","payload":{"championship":"euro-rx-super1600","season":2018,"round":\#(round),"factor":"1/\#(p)","reason":"test"}}"#
            )
        }
        let events =
            ([
                #"{"type":"RulesAmended","occurredAt":"2018-10-01","payload":{"championship":"euro-rx-super1600","season":2018,"fromRound":20,"rules":{"scoring":[{"kinds":["final"],"points":[1]}]}}}"#
            ] + body)
        try await fixture.app().test(.router) { client in
            let appended = try await client.execute(
                uri: self.events, method: .post, headers: fixture.auth(.admin),
                body: .json("[" + events.joined(separator: ",") + "]"))
            #expect(appended.status == .created, "\(appended.text)")
            let standings = try await client.execute(uri: Fixture.season + "/standings", method: .get)
            #expect(standings.status.code == 422)
            #expect(standings.object["type"] as? String == "urn:paddock:problem:points-out-of-range")
            let earlier = try await client.execute(uri: Fixture.season + "/standings?afterRound=21", method: .get)
            #expect(earlier.status == .ok)
        }
    }
}
