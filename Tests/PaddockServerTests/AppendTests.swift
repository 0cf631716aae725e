import EventStore
import Foundation
import Hummingbird
import HummingbirdTesting
import Paddock
import Testing

@testable import PaddockServer

@Suite struct AppendTests {
    let events = "/streams/\(Fixture.seasonStream)/events"

    @Test func appendRecordsTheTokenAsActorAndAnswersTheEnvelope() async throws {
        let fixture = try await Fixture()
        try await fixture.app().test(.router) { client in
            let response = try await client.execute(uri: events, method: .post, headers: fixture.auth(.recorder), body: .json(retirementEvent()))
            #expect(response.status == .created)
            #expect(response.headers[.eTag] == "\"\(Fixture.seasonStreamVersion + 1)\"")
            let envelope = (response.object["events"] as? [[String: Any]])?.first
            #expect(envelope?["actor"] as? String == "recorder-token")
            #expect(envelope?["position"] as? Int == Fixture.demoEvents + 1)
            // Read-your-writes: the projections include it before the answer.
            let health = try await client.execute(uri: "/health", method: .get)
            #expect(health.object["projectedPosition"] as? Int == Fixture.demoEvents + 1)
        }
    }

    @Test func arrayBodiesAreAllOrNothing() async throws {
        let fixture = try await Fixture()
        try await fixture.app().test(.router) { client in
            let good = retirementEvent()
            let bad =
                #"{"type":"RetirementRecorded","occurredAt":"2018","payload":{"championship":"euro-rx-super1600","season":2018,"round":3,"competitor":"jesse-kallio"}}"#
            let response = try await client.execute(uri: events, method: .post, headers: fixture.auth(.recorder), body: .json("[\(good),\(bad)]"))
            #expect(response.status.code == 422)
            #expect(response.problemField == "payload.reason")
            #expect(response.object["event"] as? Int == 2)
            #expect(try await fixture.store.headPosition() == Fixture.demoHead)
            let both = try await client.execute(
                uri: events, method: .post, headers: fixture.auth(.recorder),
                body: .json("[\(retirementEvent()),\(retirementEvent(reason: "puncture"))]"))
            #expect(both.status == .created)
            #expect((both.object["events"] as? [Any])?.count == 2)
        }
    }

    @Test func idempotentRetryAnswers200WithTheStoredEvents() async throws {
        let fixture = try await Fixture()
        try await fixture.app().test(.router) { client in
            let body = retirementEvent(id: UUID())
            let first = try await client.execute(
                uri: events, method: .post, headers: fixture.auth(.recorder, [.ifMatch: "\"\(Fixture.seasonStreamVersion)\""]), body: .json(body))
            #expect(first.status == .created)
            let retry = try await client.execute(
                uri: events, method: .post, headers: fixture.auth(.recorder, [.ifMatch: "\"\(Fixture.seasonStreamVersion)\""]), body: .json(body))
            #expect(retry.status == .ok)
            #expect(retry.object["alreadyRecorded"] as? Bool == true)
            #expect((retry.object["events"] as? [[String: Any]])?.first?["position"] as? Int == Fixture.demoEvents + 1)
            #expect(try await fixture.store.headPosition() == Fixture.demoHead + 1)
        }
    }

    @Test func staleVersionIs409WithTheCurrentVersion() async throws {
        let fixture = try await Fixture()
        try await fixture.app().test(.router) { client in
            let response = try await client.execute(
                uri: events, method: .post, headers: fixture.auth(.recorder, [.ifMatch: "\"3\""]),
                body: .json(retirementEvent()))
            #expect(response.status == .conflict)
            #expect(response.object["currentVersion"] as? Int == Fixture.seasonStreamVersion)
            let inBody = try await client.execute(
                uri: events, method: .post, headers: fixture.auth(.recorder),
                body: .json("[" + retirementEvent().dropLast() + #","expectedVersion":1}]"#))
            #expect(inBody.status == .conflict)
            #expect(try await fixture.store.headPosition() == Fixture.demoHead)
            let metrics = try await client.execute(uri: "/metrics", method: .get)
            #expect(metrics.text.contains("paddock_version_conflicts_total 2"))
        }
    }

    @Test func invalidEventsAre422NamingTheField() async throws {
        let fixture = try await Fixture()
        try await fixture.app().test(.router) { client in
            let cases: [(String, String)] = [
                (#"{"type":"Nope","occurredAt":"2018","payload":{}}"#, "type"),
                (#"{"type":"RoundCancelled","occurredAt":"2018","payload":{"championship":"euro-rx-super1600","season":2018,"round":"x"}}"#, "payload.round"),
                (#"{"type":"RoundCancelled","occurredAt":"someday","payload":{"championship":"euro-rx-super1600","season":2018,"round":3}}"#, "occurredAt"),
                (#"{"type":"RoundCancelled","occurredAt":"2018","payload":{"championship":"f1","season":1988,"round":3}}"#, "stream"),
                (#"{"type":"RoundCancelled","occurredAt":"2018","bogus":1,"payload":{"championship":"euro-rx-super1600","season":2018,"round":3}}"#, "bogus"),
                (#"{"stream":"x","type":"Note","occurredAt":"2018","payload":{"text":"x"}}"#, "stream"),
                (#"{"actor":"me","type":"Note","occurredAt":"2018","payload":{"text":"x"}}"#, "actor")
            ]
            for (body, field) in cases {
                let response = try await client.execute(uri: events, method: .post, headers: fixture.auth(.admin), body: .json(body))
                #expect(response.status.code == 422, "\(body)")
                #expect(response.problemField == field, "\(body): \(response.text)")
            }
            #expect(try await fixture.store.headPosition() == Fixture.demoHead)
        }
    }

    @Test func malformedInputNeverYields5xxNorChangesTheLog() async throws {
        let fixture = try await Fixture()
        try await fixture.app().test(.router) { client in
            let bodies = [
                "", "null", "42", "\"text\"", "{", "[", "[1,2]", "{\"type\":", String(repeating: "[", count: 10_000),
                "[]", "{}", "[{}]", "{\"payload\":[]}", "\u{FEFF}{}", "{\"type\":\"Note\",\"occurredAt\":\"2018\",\"payload\":{\"text\":\"\\ud800\"}}",
                "{\"type\":\"Note\",\"occurredAt\":\"2018\",\"payload\":{\"text\":\"x\"},\"eventId\":\"not-a-uuid\"}"
            ]
            for body in bodies {
                for uri in [events, Fixture.season + "/rounds/3/retirements", Fixture.season + "/rounds"] {
                    let response = try await client.execute(uri: uri, method: .post, headers: fixture.auth(.admin), body: .json(body))
                    #expect(response.status.code >= 400, "\(uri) \(body.prefix(30)): \(response.status)")
                    #expect(response.status.code < 500, "\(uri) \(body.prefix(30)): \(response.status)")
                    #expect(response.contentType == "application/problem+json")
                }
            }
            let badIfMatch = try await client.execute(
                uri: events, method: .post, headers: fixture.auth(.admin, [.ifMatch: "soon"]),
                body: .json(retirementEvent()))
            #expect(badIfMatch.status == .badRequest)
            #expect(badIfMatch.object["parameter"] as? String == "If-Match")
            #expect(try await fixture.store.headPosition() == Fixture.demoHead)
        }
    }

    /// The body is scanned once, by the JSON toolkit: a 400 says where the text went wrong, and too
    /// deep a nesting is named as such.
    @Test func malformedBodiesNameWhereTheyWentWrong() async throws {
        let fixture = try await Fixture()
        try await fixture.app().test(.router) { client in
            for uri in [events, Fixture.season + "/rounds"] {
                let broken = try await client.execute(uri: uri, method: .post, headers: fixture.auth(.admin), body: .json(#"{"type": ,"x":1}"#))
                #expect(broken.status == .badRequest)
                #expect(broken.object["detail"] as? String == "the body is not JSON: invalid JSON at character 10: expected a value")
                let deep = String(repeating: "[", count: 65) + String(repeating: "]", count: 65)
                let tooDeep = try await client.execute(uri: uri, method: .post, headers: fixture.auth(.admin), body: .json(deep))
                #expect(tooDeep.status == .badRequest)
                #expect(tooDeep.object["detail"] as? String == "JSON nested deeper than 64 levels")
            }
            #expect(try await fixture.store.headPosition() == Fixture.demoHead)
        }
    }

    @Test func bodiesOverOneMebibyteAre413() async throws {
        let fixture = try await Fixture()
        try await fixture.app().test(.router) { client in
            let text = String(repeating: "x", count: ServerSettings.maxBodyBytes + 1)
            let body = #"{"type":"Note","occurredAt":"2018","payload":{"text":""# + text + #""}}"#
            for uri in [events, Fixture.season + "/rounds"] {
                let response = try await client.execute(uri: uri, method: .post, headers: fixture.auth(.admin), body: .json(body))
                #expect(response.status == .contentTooLarge)
                #expect(response.contentType == "application/problem+json")
            }
            #expect(try await fixture.store.headPosition() == Fixture.demoHead)
        }
    }
}
