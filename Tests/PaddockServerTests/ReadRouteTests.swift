import EventStore
import Foundation
import Hummingbird
import HummingbirdTesting
import Paddock
import Testing

@testable import PaddockServer

@Suite struct ReadRouteTests {
    @Test func championshipsListsDemoSeasons() async throws {
        let fixture = try await Fixture()
        try await fixture.app().test(.router) { client in
            let response = try await client.execute(uri: "/championships", method: .get)
            #expect(response.status == .ok)
            let list = response.object["championships"] as? [[String: Any]] ?? []
            let euro = list.first { $0["id"] as? String == "euro-rx-super1600" }
            #expect(euro?["seasons"] as? [Int] == [2016, 2018])
        }
    }

    @Test func standingsCalendarExplanationTitleAndICS() async throws {
        let fixture = try await Fixture()
        try await fixture.app().test(.router) { client in
            let standings = try await client.execute(uri: Fixture.season + "/standings?afterRound=3", method: .get)
            #expect(standings.status == .ok)
            #expect(standings.object["championship"] as? String == "euro-rx-super1600")
            #expect((standings.object["cut"] as? [String: Any])?["afterRound"] as? Int == 3)
            let teams = try await client.execute(uri: Fixture.season + "/standings?teams=true", method: .get)
            #expect(teams.object["kind"] as? String == "teams")
            let calendar = try await client.execute(uri: Fixture.season + "/calendar?asOf=2018-07-01", method: .get)
            #expect(calendar.status == .ok)
            #expect((calendar.object["rounds"] as? [Any])?.isEmpty == false)
            let ics = try await client.execute(uri: Fixture.season + "/calendar.ics", method: .get)
            #expect(ics.status == .ok)
            #expect(ics.contentType?.hasPrefix("text/calendar") == true)
            #expect(ics.text.hasPrefix("BEGIN:VCALENDAR"))
            let explanation = try await client.execute(uri: Fixture.season + "/competitors/jesse-kallio/explanation?atPosition=1000", method: .get)
            #expect(explanation.status == .ok)
            #expect(explanation.object["competitor"] as? String == "jesse-kallio")
            // Each line cites its event as envelopes do: the stored id, lower-case, at its position.
            let lines = explanation.object["lines"] as? [[String: Any]] ?? []
            #expect(!lines.isEmpty)
            for line in lines {
                let position = try #require(line["logPosition"] as? Int)
                let stored = try await fixture.store.read(after: Int64(position) - 1, limit: 1)
                #expect(line["eventId"] as? String == stored.first?.eventId.uuidString.lowercased())
            }
            let title = try await client.execute(uri: Fixture.season + "/title", method: .get)
            #expect(title.status == .ok)
        }
    }

    /// Reads are answered from a cache while the projections stay put: a write through the API, or
    /// one appended by another process, must show in the next read of the same URI.
    @Test func readsOfTheSameURIFollowEveryWrite() async throws {
        let fixture = try await Fixture()
        try await fixture.app().test(.router) { client in
            let uri = Fixture.season + "/calendar"
            func roundThree() async throws -> (text: String, startDate: String?) {
                let response = try await client.execute(uri: uri, method: .get)
                #expect(response.status == .ok)
                let round = (response.object["rounds"] as? [[String: Any]])?.first { $0["round"] as? Int == 3 }
                return (response.text, round?["startDate"] as? String)
            }
            let before = try await roundThree()
            #expect(try await roundThree().text == before.text)
            #expect(before.startDate != nil)
            #expect(before.startDate != "2018-06-17")

            let moved = try await client.execute(
                uri: Fixture.season + "/rounds/3/reschedule", method: .post,
                headers: fixture.auth(.recorder), body: .json(#"{"startDate":"2018-06-17","reason":"test"}"#))
            #expect(moved.status == .created, "\(moved.text)")
            #expect(try await roundThree().startDate == "2018-06-17")

            // A write that bypasses this server (another process, an import): once the follower has folded it, reads show it.
            try await fixture.store.append(
                [
                    NewEvent(
                        type: "RoundRescheduled", occurredAt: "2018-05-20",
                        payload: #"{"championship":"euro-rx-super1600","season":2018,"round":3,"startDate":"2018-06-24","reason":"other desk"}"#)
                ],
                to: Fixture.seasonStream, expecting: .any)
            let head = try await fixture.store.headPosition()
            for _ in 0..<100 {
                let health = try await client.execute(uri: "/health", method: .get)
                if (health.object["projectedPosition"] as? Int).map(Int64.init) == head { break }
                try await Task.sleep(for: .milliseconds(50))
            }
            #expect(try await roundThree().startDate == "2018-06-24")
        }
    }

    @Test func competitorsTeamsAndCareers() async throws {
        let fixture = try await Fixture()
        try await fixture.app().test(.router) { client in
            let found = try await client.execute(uri: "/competitors?search=KALLIO", method: .get)
            let ids = (found.object["competitors"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
            #expect(ids.contains("jesse-kallio"))
            #expect(!ids.contains { !$0.contains("kallio") })
            let teams = try await client.execute(uri: "/teams", method: .get)
            #expect(teams.status == .ok)
            #expect((teams.object["teams"] as? [Any]) != nil)
            let career = try await client.execute(uri: "/competitors/jesse-kallio/career", method: .get)
            #expect(career.status == .ok)
            #expect(career.object["name"] as? String == "Jesse Kallio")
        }
    }

    @Test func badCutParametersAre400NamingTheParameter() async throws {
        let fixture = try await Fixture()
        try await fixture.app().test(.router) { client in
            let cases = [
                ("afterRound=0", "afterRound"), ("afterRound=x", "afterRound"), ("asOf=yesterday", "asOf"),
                ("knownAt=soon", "knownAt"), ("atPosition=-1", "atPosition"), ("teams=maybe", "teams")
            ]
            for (query, parameter) in cases {
                let response = try await client.execute(uri: Fixture.season + "/standings?" + query, method: .get)
                #expect(response.status == .badRequest, "\(query)")
                #expect(response.contentType == "application/problem+json")
                #expect(response.object["parameter"] as? String == parameter)
                #expect(response.object["status"] as? Int == 400)
            }
            for uri in [
                Fixture.season + "/calendar?atPosition=x", Fixture.season + "/competitors/jesse-kallio/explanation?asOf=x",
                "/championships/euro-rx-super1600/seasons/abc/standings", "/events?limit=5000", "/events?after=x"
            ] {
                #expect(try await client.execute(uri: uri, method: .get).status == .badRequest, "\(uri)")
            }
        }
    }

    @Test func unknownThingsAre404Problems() async throws {
        let fixture = try await Fixture()
        try await fixture.app().test(.router) { client in
            for uri in [
                "/championships/nope/seasons/2018/standings", Fixture.season + "/competitors/nobody/explanation",
                "/competitors/nobody/career", "/no/such/route"
            ] {
                let response = try await client.execute(uri: uri, method: .get)
                #expect(response.status == .notFound, "\(uri)")
                #expect(response.contentType == "application/problem+json")
                #expect(response.object["title"] != nil)
                #expect(response.object["detail"] != nil)
                #expect(response.object["type"] != nil)
                #expect((response.object["type"] as? String == "urn:paddock:problem:no-route") == (uri == "/no/such/route"))
            }
        }
    }

    @Test func eventsArePagedEnvelopes() async throws {
        let fixture = try await Fixture()
        try await fixture.app().test(.router) { client in
            let first = try await client.execute(uri: "/events?limit=5", method: .get)
            let events = first.object["events"] as? [[String: Any]] ?? []
            #expect(events.map { $0["position"] as? Int } == [1, 2, 3, 4, 5])
            #expect(first.object["next"] as? Int == 5)
            #expect(events.first?["hash"] is String)
            #expect(events.first?["payload"] is [String: Any])
            let last = try await client.execute(uri: "/events?after=\(Fixture.demoEvents - 2)&limit=100", method: .get)
            #expect((last.object["events"] as? [Any])?.count == 2)
            #expect(last.object["next"] is NSNull)
        }
    }

    @Test func healthAndMetrics() async throws {
        let fixture = try await Fixture()
        try await fixture.app().test(.router) { client in
            let health = try await client.execute(uri: "/health", method: .get)
            #expect(health.object["status"] as? String == "ok")
            #expect(health.object["headPosition"] as? Int == Fixture.demoEvents)
            _ = try await client.execute(
                uri: "/streams/notes/events", method: .post, headers: fixture.auth(.recorder),
                body: .json(#"{"type":"Note","occurredAt":"2018","payload":{"text":"hello"}}"#))
            let metrics = try await client.execute(uri: "/metrics", method: .get)
            #expect(metrics.status == .ok)
            for name in [
                "paddock_appended_events_total 1", "paddock_http_request_duration_seconds_bucket", "paddock_sse_subscribers_current",
                "paddock_projection_lag_events", "paddock_version_conflicts_total"
            ] {
                #expect(metrics.text.contains(name), "\(name)")
            }
        }
    }
}
