import Chronology
import Foundation
import Testing

@testable import EventStore

@Suite("Append and read")
struct AppendReadTests {
    @Test("batches get gapless positions from 1 and 1-based stream versions; reads by stream, page, type and position", arguments: Backend.underTest)
    func appendAndRead(_ backend: Backend) async throws {
        let db = try TestLog(backend)
        defer { db.remove() }
        let store = try await db.open()

        #expect(try await store.headPosition() == 0)
        #expect(try await everything(store).isEmpty)

        let a1 = try await store.append(notes(3, "a", type: "Alpha"), to: "a", expecting: .noStream)
        #expect(a1.stream == "a")
        #expect(a1.streamVersion == 3)
        #expect(!a1.alreadyRecorded)
        #expect(a1.events.map(\.position) == [1, 2, 3])
        #expect(a1.events.map(\.streamVersion) == [1, 2, 3])

        let b1 = try await store.append(notes(2, "b", type: "Beta"), to: "b", expecting: .exactly(0))
        #expect(b1.events.map(\.position) == [4, 5])
        #expect(b1.events.map(\.streamVersion) == [1, 2])

        let a2 = try await store.append(notes(2, "a+", type: "Gamma"), to: "a", expecting: .exactly(3))
        #expect(a2.streamVersion == 5)
        #expect(a2.events.map(\.position) == [6, 7])
        #expect(a2.events.map(\.streamVersion) == [4, 5])

        let c1 = try await store.append([note("c", type: "Alpha")], to: "c", expecting: .any)
        #expect(c1.events.map(\.position) == [8])

        // The envelopes an append returns are the ones the log holds.
        let all = try await everything(store)
        #expect(all == a1.events + b1.events + a2.events + c1.events)
        #expect(all.map(\.position) == Array(1...8))
        #expect(all.map(\.stream) == ["a", "a", "a", "b", "b", "a", "a", "c"])
        #expect(
            all.map(\.payload) == [
                #"{"text":"a0"}"#, #"{"text":"a1"}"#, #"{"text":"a2"}"#, #"{"text":"b0"}"#, #"{"text":"b1"}"#,
                #"{"text":"a+0"}"#, #"{"text":"a+1"}"#, #"{"text":"c"}"#
            ])
        for event in all {
            #expect(event.hash.count == 64)
            #expect(event.hash.allSatisfy { "0123456789abcdef".contains($0) })
        }
        #expect(Set(all.map(\.hash)).count == all.count)
        #expect(Set(all.map(\.eventId)).count == all.count)

        #expect(try await store.headPosition() == 8)
        #expect(try await store.version(of: "a") == 5)
        #expect(try await store.version(of: "b") == 2)
        #expect(try await store.version(of: "nowhere") == 0)
        let streams = try await store.streams()
        #expect(streams.map(\.stream) == ["a", "b", "c"])
        #expect(streams.map(\.version) == [5, 2, 1])

        // A stream from a version on.
        let aFrom3 = try await store.read(stream: "a", fromVersion: 3)
        #expect(aFrom3.map(\.streamVersion) == [3, 4, 5])
        #expect(aFrom3.map(\.position) == [3, 6, 7])
        #expect(try await store.read(stream: "a").map(\.streamVersion) == [1, 2, 3, 4, 5])
        #expect(try await store.read(stream: "a", fromVersion: 2, limit: 2).map(\.streamVersion) == [2, 3])
        #expect(try await store.read(stream: "a", fromVersion: 6).isEmpty)
        #expect(try await store.read(stream: "nowhere").isEmpty)

        // Paging through the whole log.
        var pages: [[Int64]] = []
        var after: Int64 = 0
        while true {
            let page = try await store.read(after: after, limit: 3)
            if page.isEmpty { break }
            pages.append(page.map(\.position))
            after = page.last!.position
        }
        #expect(pages == [[1, 2, 3], [4, 5, 6], [7, 8]])
        #expect(try await store.read(after: 8, limit: 10).isEmpty)
        #expect(try await store.read(after: 6, limit: 10).map(\.position) == [7, 8])

        // By types.
        #expect(try await store.read(EventQuery(types: ["Alpha"])).map(\.position) == [1, 2, 3, 8])
        #expect(try await store.read(EventQuery(types: ["Beta", "Gamma"])).map(\.position) == [4, 5, 6, 7])
        #expect(try await store.read(EventQuery(types: ["Nope"])).isEmpty)
        #expect(try await store.read(EventQuery(stream: "a", types: ["Gamma"])).map(\.streamVersion) == [4, 5])

        // By position.
        #expect(try await store.read(EventQuery(atOrBeforePosition: 4)).map(\.position) == [1, 2, 3, 4])
        #expect(try await store.read(EventQuery(atOrBeforePosition: 0)).isEmpty)
        #expect(try await store.read(EventQuery(afterPosition: 2, atOrBeforePosition: 5)).map(\.position) == [3, 4, 5])
        #expect(try await store.read(EventQuery(stream: "a", atOrBeforePosition: 6)).map(\.streamVersion) == [1, 2, 3, 4])
        #expect(try await store.read(EventQuery(types: ["Alpha"], atOrBeforePosition: 3, limit: 2)).map(\.position) == [1, 2])

        #expect(try await store.verify().isIntact)
    }

    @Test("streamPrefix selects streams by the start of their name, also with non-ASCII names", arguments: Backend.underTest)
    func streamPrefix(_ backend: Backend) async throws {
        let db = try TestLog(backend)
        defer { db.remove() }
        let store = try await db.open()
        let names = [
            "season:f1:1988", "season:f1:1989", "season:f2:1988", "seasons", "competitor:alain-prost",
            "competitor:kimi-r\u{e4}ikk\u{f6}nen", "competitor:kimi-ra\u{308}ikko\u{308}nen",  // precomposed, decomposed
            "flag:\u{1F1EB}\u{1F1F7}:1", "flag:\u{1F1EB}\u{1F1F7}:2", "flag:\u{1F1EB}\u{1F1EA}:1"
        ]
        for name in names { _ = try await store.append([note(name)], to: name, expecting: .noStream) }

        func streams(_ prefix: String) async throws -> [String] {
            try await store.read(EventQuery(streamPrefix: prefix)).map(\.stream)
        }
        #expect(try await streams("season:f1:") == ["season:f1:1988", "season:f1:1989"])
        #expect(try await streams("season:") == ["season:f1:1988", "season:f1:1989", "season:f2:1988"])
        #expect(try await streams("season") == ["season:f1:1988", "season:f1:1989", "season:f2:1988", "seasons"])
        #expect(try await streams("nothing").isEmpty)
        #expect(try await streams("competitor:kimi-r\u{e4}") == ["competitor:kimi-r\u{e4}ikk\u{f6}nen"])
        #expect(try await streams("competitor:kimi-ra\u{308}") == ["competitor:kimi-ra\u{308}ikko\u{308}nen"])
        #expect(try await streams("flag:\u{1F1EB}\u{1F1F7}:") == ["flag:\u{1F1EB}\u{1F1F7}:1", "flag:\u{1F1EB}\u{1F1F7}:2"])
        #expect(try await streams("flag:") == ["flag:\u{1F1EB}\u{1F1F7}:1", "flag:\u{1F1EB}\u{1F1F7}:2", "flag:\u{1F1EB}\u{1F1EA}:1"])
    }

    @Test("occurredFrom/occurredBefore compare UTC instants across offsets and reduced dates", arguments: Backend.underTest)
    func occurredRange(_ backend: Backend) async throws {
        let db = try TestLog(backend)
        defer { db.remove() }
        let store = try await db.open()
        let occurred = [
            "2018-06-10T15:30:00+02:00",  // 1: 13:30Z on 10 June
            "2018-06-10T13:00:00Z",  // 2: 13:00Z
            "2018-06-10T14:00:00.500+01:00",  // 3: 13:00:00.5Z
            "2018-06",  // 4: start of June
            "2018",  // 5: start of 2018
            "2018-07-01T01:30:00+02:00",  // 6: 30 June 23:30Z (still June in UTC)
            "2018-06-30T23:30:00-01:00",  // 7: 1 July 00:30Z (July in UTC)
            "2017-12-31T23:59:59.999Z",  // 8: the last millisecond of 2017
            "2019-01-01",  // 9: 2019
            "2018-06-10"  // 10: midnight UTC, 10 June
        ]
        for (i, text) in occurred.enumerated() {
            _ = try await store.append([note("e\(i + 1)", occurredAt: text)], to: "s", expecting: .any)
        }
        #expect(try await store.read(stream: "s").map(\.occurredAt) == occurred)  // stored exactly as given

        func positions(_ from: String?, _ before: String?) async throws -> [Int64] {
            try await store.read(EventQuery(occurredFrom: from, occurredBefore: before)).map(\.position)
        }
        #expect(try await positions("2018-06", "2018-07") == [1, 2, 3, 4, 6, 10])
        #expect(try await positions("2018-06-01T02:00:00+02:00", "2018-07-01T00:00:00Z") == [1, 2, 3, 4, 6, 10])
        #expect(try await positions("2018", "2019") == [1, 2, 3, 4, 5, 6, 7, 10])
        #expect(try await positions("2018-07", nil) == [7, 9])
        #expect(try await positions(nil, "2018") == [8])
        #expect(try await positions(nil, "2018-01-01T00:00:00.001Z") == [5, 8])
        #expect(try await positions("2019", nil) == [9])
        #expect(try await positions("2018-06-10T15:00:00+02:00", "2018-06-10T13:30:00Z") == [2, 3])
        #expect(try await positions("2018-06-10T13:00:00.001Z", "2018-06-10T15:30:00.001+02:00") == [1, 3])
        #expect(try await positions("2018-06-10", "2018-06-11") == [1, 2, 3, 10])
        #expect(try await positions("2018-06-10T00:00:00+02:00", "2018-06-10") == [])  // 22:00Z on 9 June to midnight
        #expect(try await positions("2018-06-09T22:00:00-02:00", "2018-06-10T00:00:01Z") == [10])
        #expect(try await positions("2018-07", "2018-06").isEmpty)

        // Combined with other conditions.
        let june = try await store.read(EventQuery(stream: "s", occurredFrom: "2018-06", occurredBefore: "2018-07", limit: 2))
        #expect(june.map(\.position) == [1, 2])

        // A bad bound is an error, not an empty answer.
        await #expect(throws: OccurredAt.FormatError.self) { try await store.read(EventQuery(occurredFrom: "2018-13")) }
        await #expect(throws: OccurredAt.FormatError.self) { try await store.read(EventQuery(occurredBefore: "2018-06-10T10:00:00")) }
    }

    @Test("recordedAt comes from the injected clock, never decreases, and recordedAtOrBefore cuts on it", arguments: Backend.underTest)
    func recordedAt(_ backend: Backend) async throws {
        let db = try TestLog(backend)
        defer { db.remove() }
        let clock = TestClock()  // 2026-03-01T10:00:00Z
        let store = try await db.open(clock: clock)
        let t0 = utcDate(2026, 3, 1, 10, 0, 0)

        let e1 = try await store.append([note("e1")], to: "s", expecting: .any).events[0]
        clock.advance(1.5)
        let e2 = try await store.append([note("e2")], to: "s", expecting: .any).events[0]
        clock.advance(86_400)  // 2026-03-02T10:00:01.5Z
        let e3and4 = try await store.append([note("e3"), note("e4")], to: "t", expecting: .any).events
        clock.set(t0.addingTimeInterval(-3600))  // the clock goes back an hour
        let e5 = try await store.append([note("e5")], to: "s", expecting: .any).events[0]
        clock.advance(-86_400 * 365)  // and back a year
        let e6 = try await store.append([note("e6")], to: "u", expecting: .any).events[0]
        clock.set(utcDate(2026, 3, 3, 0, 0, 0).addingTimeInterval(0.25))
        let e7 = try await store.append([note("e7")], to: "s", expecting: .any).events[0]

        let day2 = utcDate(2026, 3, 2, 10, 0, 1)
        #expect(e1.recordedAt == storeText(t0))
        #expect(e1.recordedAt == "2026-03-01T10:00:00.000000Z")
        #expect(e2.recordedAt == storeText(utcDate(2026, 3, 1, 10, 0, 1), micros: 500_000))
        #expect(e3and4.map(\.recordedAt) == [storeText(day2, micros: 500_000), storeText(day2, micros: 500_000)])
        #expect(e5.recordedAt == e3and4[1].recordedAt)  // not the clock's earlier time
        #expect(e6.recordedAt == e3and4[1].recordedAt)
        #expect(e7.recordedAt == storeText(utcDate(2026, 3, 3), micros: 250_000))

        let all = try await everything(store)
        #expect(all.map(\.recordedAt) == [e1, e2, e3and4[0], e3and4[1], e5, e6, e7].map(\.recordedAt))
        for (earlier, later) in zip(all, all.dropFirst()) { #expect(earlier.recordedAt <= later.recordedAt) }
        #expect(try await store.verify().isIntact)

        func known(_ cut: String, atOrBefore position: Int64? = nil) async throws -> [Int64] {
            try await store.read(EventQuery(atOrBeforePosition: position, recordedAtOrBefore: cut)).map(\.position)
        }
        #expect(try await known(e1.recordedAt) == [1])
        #expect(try await known("2026-03-01T09:59:59.999999Z") == [])
        #expect(try await known("2026-03-01T10:00:01.499999Z") == [1])
        #expect(try await known("2026-03-01T10:00:01.5Z") == [1, 2])
        #expect(try await known("2026-03-01T11:00:01.5+01:00") == [1, 2])
        #expect(try await known("2026-03-01T11:00:01.4999+01:00") == [1])
        #expect(try await known("2026-03-01") == [1, 2])  // a date: the whole day, UTC
        // Store-clock-sized texts with another date/time separator are normalized, not compared as text.
        #expect(try await known("2026-03-01t10:00:01.499999Z") == [1])
        #expect(try await known("2026-03-01 10:00:01.500000Z") == [1, 2])
        #expect(try await known("2026-03-01T10:00:01.499999z") == [1])
        #expect(try await known("2026-03") == [1, 2, 3, 4, 5, 6, 7])
        #expect(try await known("2026-03-02T23:59:59.999999Z") == [1, 2, 3, 4, 5, 6])
        #expect(try await known("2026-03-03T00:00:00.25Z") == [1, 2, 3, 4, 5, 6, 7])
        #expect(try await known("2026-03-03T00:00:00.249999Z") == [1, 2, 3, 4, 5, 6])
        #expect(try await known("2026-03-02T10:00:01.500000Z") == [1, 2, 3, 4, 5, 6])
        #expect(try await known("2026-03-02") == [1, 2, 3, 4, 5, 6])
        #expect(try await known("2026") == [1, 2, 3, 4, 5, 6, 7])
        #expect(try await known("2026", atOrBefore: 3) == [1, 2, 3])
        #expect(try await known("2025") == [])
        await #expect(throws: (any Error).self) { try await store.read(EventQuery(recordedAtOrBefore: "yesterday")) }
    }
}
