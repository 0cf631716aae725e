import Foundation
import Hummingbird
import HummingbirdTesting
import Paddock
import Testing

@testable import PaddockServer

/// The live feed over a real socket: catch-up, live events after an append (with the standings
/// notice), keep-alives, and a reconnect with Last-Event-ID without gap or duplicate.
@Suite(.timeLimit(.minutes(1))) struct LiveStreamTests {
    let events = "/streams/\(Fixture.seasonStream)/events"

    @Test func catchUpLiveAndReconnectWithoutGapOrDuplicate() async throws {
        let fixture = try await Fixture()
        try await fixture.app(keepAlive: .milliseconds(300)).test(.live) { client in
            let port = try #require(client.port)

            // Catch-up from ?after=, then live.
            let first = try SSEClient(port: port, path: "/events/stream?after=\(Fixture.demoEvents - 7)")
            try await first.wait(for: "catch-up") { $0.events.count >= 7 }
            #expect(first.statusLine?.contains("200") == true)
            #expect(first.events.map(\.id) == ((Fixture.demoHead - 6)...Fixture.demoHead).map { Optional($0) })
            #expect(first.events.last?.event == "Note")

            let appended = try await client.execute(uri: events, method: .post, headers: fixture.auth(.recorder), body: .json(retirementEvent()))
            #expect(appended.status == .created)
            try await first.wait(for: "the live event and its standings notice") { client in
                client.events.count >= 8 && client.frames.contains { $0.event == "standings" }
            }
            let live = try #require(first.events.last)
            #expect(live.id == Fixture.demoHead + 1)
            #expect(live.event == "RetirementRecorded")
            let envelope = try JSONSerialization.jsonObject(with: Data(live.data.utf8)) as? [String: Any]
            #expect(envelope?["position"] as? Int == Fixture.demoEvents + 1)
            #expect(envelope?["actor"] as? String == "recorder-token")
            let notice = try #require(first.frames.first { $0.event == "standings" })
            #expect(notice.data.contains("\"championship\":\"euro-rx-super1600\""))
            #expect(notice.data.contains("\"season\":2018"))
            try await first.wait(for: "a keep-alive") { $0.comments.contains("keep-alive") }
            first.close()

            // Appended while disconnected, then a reconnect from the last id seen.
            let missed = try await client.execute(
                uri: events, method: .post, headers: fixture.auth(.recorder),
                body: .json(retirementEvent(reason: "puncture")))
            #expect(missed.status == .created)
            let second = try SSEClient(port: port, path: "/events/stream", headers: ["Last-Event-ID": "\(Fixture.demoEvents + 1)"])
            try await second.wait(for: "the missed event") { $0.events.count >= 1 }
            let third = try await client.execute(
                uri: events, method: .post, headers: fixture.auth(.recorder),
                body: .json(retirementEvent(reason: "gearbox")))
            #expect(third.status == .created)
            try await second.wait(for: "the next live event") { $0.events.count >= 2 }
            #expect(second.events.map(\.id) == [Fixture.demoHead + 2, Fixture.demoHead + 3])
            second.close()

            // Without a position, the feed starts at the head: only new events.
            let fresh = try SSEClient(port: port, path: "/events/stream")
            try await fresh.wait(for: "the headers") { $0.statusLine != nil }
            _ = try await client.execute(
                uri: "/streams/notes/events", method: .post, headers: fixture.auth(.recorder),
                body: .json(#"{"type":"Note","occurredAt":"2018","payload":{"text":"live"}}"#))
            try await fresh.wait(for: "the note") { $0.events.count >= 1 }
            #expect(fresh.events.map(\.id) == [Fixture.demoHead + 4])
            #expect(fresh.events.first?.event == "Note")
            #expect(!fresh.frames.contains { $0.event == "standings" })
            fresh.close()
        }
    }

    @Test func badLastEventIDIs400() async throws {
        let fixture = try await Fixture()
        try await fixture.app().test(.live) { client in
            let port = try #require(client.port)
            let feed = try SSEClient(port: port, path: "/events/stream", headers: ["Last-Event-ID": "yesterday"])
            try await feed.wait(for: "the answer") { $0.statusLine != nil }
            #expect(feed.statusLine?.contains("400") == true)
            feed.close()
        }
    }
}
