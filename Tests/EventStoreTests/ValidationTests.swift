import Foundation
import Testing

@testable import EventStore

@Suite("Envelope validation")
struct ValidationTests {
    @Test("bad envelopes are refused with .invalidEvent naming the event and the rule; the log is unchanged", arguments: Backend.underTest)
    func badEnvelopes(_ backend: Backend) async throws {
        let db = try TestLog(backend)
        defer { db.remove() }
        let store = try await db.open()
        _ = try await store.append(notes(2), to: "s", expecting: .any)
        let before = try await everything(store)

        func refusal(_ events: [NewEvent], to stream: String = "s") async -> (index: Int, reason: String)? {
            let error = await eventStoreError { try await store.append(events, to: stream, expecting: .any) }
            guard case let .invalidEvent(index, reason)? = error else {
                Issue.record("expected .invalidEvent, got \(String(describing: error))")
                return nil
            }
            return (index, reason)
        }

        let empty = await refusal([])
        #expect(empty?.index == 0)
        #expect(empty?.reason.contains("empty") == true)

        for stream in ["", "two\nlines", String(repeating: "x", count: 201)] {
            let refused = await refusal([note()], to: stream)
            #expect(refused?.reason.contains("stream") == true)
        }

        for bad in [
            "2018-13-01", "2018-06-10T10:00:00", "2018-02-29", "2018-06-31", "2018-6-10", "18", "",
            "2018-06-10T24:00:00Z", "2018-06-10T10:00:00+2:00", "2018-06-10T10:00:00.Z", "2018-06-10T10:00Z ",
            "yesterday", "2018-06-10T10:60:00Z", "2018/06/10", "2018-06-10T10:00:00+02:"
        ] {
            let refused = await refusal([note("ok"), note("ok"), note("bad", occurredAt: bad)])
            #expect(refused?.index == 2, "occurredAt '\(bad)'")
            #expect(refused?.reason.contains("occurredAt '\(bad)'") == true, "\(String(describing: refused?.reason))")
        }

        var badPayload = note()
        badPayload.payload = "{not json"
        let notJSON = await refusal([note("ok"), note("ok"), badPayload])
        #expect(notJSON?.index == 2)
        #expect(notJSON?.reason == "payload is not valid JSON")
        for payload in ["", "{a:1}", "{'a':1}", "[1,]", #"{"a":1} x"#, "NaN", #"{"a":}"#] {
            var event = note()
            event.payload = payload
            let refused = await refusal([note("ok"), event])
            #expect(refused?.index == 1, "payload \(payload)")
            #expect(refused?.reason == "payload is not valid JSON", "payload \(payload)")
        }
        let error = await eventStoreError { try await store.append([badPayload], to: "s", expecting: .any) }
        #expect(error?.description == "event 1 of the batch: payload is not valid JSON")

        var noType = note()
        noType.type = ""
        #expect(await refusal([noType])?.reason.contains("type") == true)
        var badSchema = note()
        badSchema.schemaVersion = 0
        #expect(await refusal([note(), badSchema])?.index == 1)

        #expect(try await everything(store) == before)
        #expect(try await store.streams().map(\.stream) == ["s"])
        #expect(try await store.verify().isIntact)

        // Edge cases that are valid.
        let fine = [
            note(occurredAt: "2016-02-29"), note(occurredAt: "2000-02-29T23:59:59.999999-12:00"),
            note(occurredAt: "2018-06-10T10:00+0530"), note(occurredAt: "2018-06-10T10:00:00z"),
            note(occurredAt: "2018-06-10T10:00:00+02"), note(occurredAt: "2018-06-10 10:00:00Z")
        ]
        let result = try await store.append(fine, to: "edge", expecting: .noStream)
        #expect(result.events.map(\.occurredAt) == fine.map(\.occurredAt))
        for payload in ["[]", "1", "\"text\"", "null", #"{"nested":{"a":[1,2,{"b":null}]},"\u00e9":"\#u{1F3CE}"}"#] {
            var event = note()
            event.payload = payload
            let stored = try await store.append([event], to: "payloads", expecting: .any)
            #expect(stored.events[0].payload == payload)  // kept byte for byte
        }
    }
}
