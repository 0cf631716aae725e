import Foundation
import Hummingbird
import HummingbirdTesting
import Paddock
import Testing

@testable import PaddockServer

@Suite struct DeskRouteTests {
    @Test func deskRoutesRecordIntoTheSeasonStream() async throws {
        let fixture = try await Fixture()
        try await fixture.app().test(.router) { client in
            let s = Fixture.season
            let steps: [(String, String, Role)] = [
                (s + "/rounds", #"{"round":9,"startDate":"2018-10-20","venue":"Buxtehude"}"#, .recorder),
                (s + "/rounds/9/reschedule", #"{"startDate":"2018-10-27","reason":"storm"}"#, .recorder),
                (s + "/entries", #"{"competitor":"jesse-kallio","rounds":[9]}"#, .recorder),
                (
                    s + "/rounds/9/sessions",
                    #"{"session":"final","kind":"final","results":[{"position":1,"competitor":"jesse-kallio","status":"classified"}]}"#, .recorder
                ),
                (s + "/rounds/9/retirements", #"{"competitor":"jesse-kallio","reason":"engine","occurredAt":"2018-10-27"}"#, .recorder)
            ]
            for (uri, body, role) in steps {
                let response = try await client.execute(uri: uri, method: .post, headers: fixture.auth(role), body: .json(body))
                #expect(response.status == .created, "\(uri): \(response.text)")
            }
            let calendar = try await client.execute(uri: s + "/calendar", method: .get)
            let round9 = (calendar.object["rounds"] as? [[String: Any]])?.first { $0["round"] as? Int == 9 }
            #expect(round9?["startDate"] as? String == "2018-10-27")
            let stored = try await fixture.store.read(stream: Fixture.seasonStream, fromVersion: Fixture.seasonStreamVersion + 1)
            #expect(stored.map(\.type) == ["RoundScheduled", "RoundRescheduled", "EntryConfirmed", "SessionClassified", "RetirementRecorded"])
            #expect(stored.last?.occurredAt == "2018-10-27")
            // A correction of that classification, by a steward.
            let classification = stored[3].eventId.uuidString.lowercased()
            let correction = try await client.execute(
                uri: s + "/rounds/9/corrections", method: .post, headers: fixture.auth(.steward),
                body: .json(
                    #"{"session":"final","kind":"final","corrects":[""# + classification
                        + #""],"results":[{"position":1,"competitor":"jesse-kallio","status":"DSQ"}],"reason":"technical"}"#))
            #expect(correction.status == .created, "\(correction.text)")
        }
    }

    @Test func unknownRoundCompetitorTeamOrEntryIs422() async throws {
        let fixture = try await Fixture()
        try await fixture.app().test(.router) { client in
            let s = Fixture.season
            let cases: [(String, String, String)] = [
                (s + "/rounds/99/retirements", #"{"competitor":"jesse-kallio","reason":"engine"}"#, "payload.round"),
                (s + "/rounds/3/retirements", #"{"competitor":"nobody","reason":"engine"}"#, "payload.competitor"),
                (s + "/rounds/3/retirements", #"{"competitor":"jere-kalliokoski","reason":"engine"}"#, "payload.competitor"),
                (
                    s + "/rounds/3/sessions", #"{"session":"final","kind":"final","results":[{"position":1,"competitor":"ghost","status":"classified"}]}"#,
                    "payload.results[0].competitor"
                ),
                (
                    s + "/rounds/3/corrections",
                    #"{"session":"final","kind":"final","corrects":["00000000-0000-0000-0000-000000000000"],"results":[{"position":1,"competitor":"jesse-kallio","status":"classified"}],"reason":"x"}"#,
                    "payload.corrects[0]"
                ),
                (s + "/rounds", #"{"round":3,"startDate":"2018-06"}"#, "payload.round"),
                (s + "/rounds/42/reschedule", #"{"startDate":"2018-06"}"#, "payload.round"),
                (s + "/entries", #"{"competitor":"jesse-kallio","team":"no-such-team"}"#, "payload.team"),
                (s + "/team-changes", #"{"competitor":"jesse-kallio","toTeam":"no-such-team"}"#, "payload.toTeam"),
                (s + "/rounds/3/retirements", #"{"competitor":"jesse-kallio","reason":"engine","round":4}"#, "payload.round"),
                (s + "/rounds/3/retirements", #"{"competitor":"jesse-kallio"}"#, "payload.reason")
            ]
            for (uri, body, field) in cases {
                let response = try await client.execute(uri: uri, method: .post, headers: fixture.auth(.admin), body: .json(body))
                #expect(response.status.code == 422, "\(uri) \(body): \(response.text)")
                #expect(response.problemField == field, "\(uri) \(body): \(response.text)")
            }
            let unknownSeason = try await client.execute(
                uri: "/championships/nope/seasons/1999/rounds", method: .post,
                headers: fixture.auth(.admin), body: .json(#"{"round":1,"startDate":"1999"}"#))
            #expect(unknownSeason.status == .notFound)
            #expect(try await fixture.store.headPosition() == Fixture.demoHead)
        }
    }
}
