import EventStore
import Foundation
import Paddock
import PaddockTestSupport
import Testing

@Suite("NDJSON append, export and import")
struct NDJSONTests {
    @Test func appendValidatesAndStoresCanonicalPayloads() async throws {
        let temp = try TemporaryStore()
        let summary = try await NDJSONAppender(store: temp.store).append(contentsOf: Sample.season, actor: "desk")
        #expect(summary.appended == 8)
        let events = try await temp.store.read(after: 0, limit: 100)
        #expect(
            events.map(\.type) == [
                "ChampionshipRegistered", "CompetitorRegistered", "CompetitorRegistered", "CompetitorRegistered",
                "RulesDeclared", "RoundScheduled", "RoundScheduled", "SessionClassified"
            ])
        #expect(events.allSatisfy { $0.actor == "desk" })
        // Canonical form: sorted keys, defaults written out.
        #expect(events[4].payload.hasPrefix(#"{"championship":"euro-rx-super1600","rules":{"bonuses":[],"#))
    }

    @Test(arguments: [
        (
            #"{"stream":"season:euro-rx-super1600:2018","type":"RoundCancelled","occurredAt":"2018-05-01","payload":{"championship":"euro-rx-super1600","season":2018}}"#,
            "payload.round: missing"
        ),
        (
            #"{"stream":"season:euro-rx-super1600:2018","type":"RoundCancelld","occurredAt":"2018-05-01","payload":{}}"#,
            "unknown event type 'RoundCancelld'"
        ),
        (
            #"{"stream":"season:euro-rx-super1600:2018","type":"RoundCancelled","occurredAt":"2018-05-01T10:00","payload":{"championship":"euro-rx-super1600","season":2018,"round":3}}"#,
            "occurredAt '2018-05-01T10:00' is not ISO-8601"
        ),
        (
            #"{"stream":"season:euro-rx-super1600:2018","type":"RoundCancelled","occurredAt":"2018-05-01","payload":{"championship":"euro-rx-super1600","season":2018,"round":3,"resaon":"x"}}"#,
            "payload.resaon: unknown field"
        ),
        (
            #"{"stream":"season:euro-rx-super1600:2018","type":"RoundCancelled","occurredAt":"2018-05-01","payload":{"championship":"euro-rx-super1600","season":"2018","round":3}}"#,
            "payload.season: expected an integer"
        ),
        (
            #"{"stream":"season:euro-rx-super1600:2018","type":"SessionClassified","occurredAt":"2018-05-01","payload":{"championship":"euro-rx-super1600","season":2018,"round":1,"session":"final","kind":"final","results":[{"position":1,"competitor":"a"},{"competitor":"b","status":"DNX"}]}}"#,
            "payload.results[1].status: \"DNX\" is not one of classified, DNF"
        ),
        (
            #"{"stream":"season:euro-rx-super1600:2018","type":"RoundCancelled","occurredAt":"2018-05-01","payload":{"championship":"euro-rx-super1600","season":2018,"round":0}}"#,
            "payload.round: must be from 1 to 999, found 0"
        ),
        (
            #"{"stream":"season:other:2018","type":"RoundCancelled","occurredAt":"2018-05-01","payload":{"championship":"euro-rx-super1600","season":2018,"round":3}}"#,
            "use 'season:euro-rx-super1600:2018'"
        ),
        (
            #"{"stream":"season:euro-rx-super1600:2018","type":"RoundCancelled","occurredAt":"2018-05-01","payload":{"championship":"euro-rx-super1600","season":2018,"round":3},"expectedVersion":"soon"}"#,
            "expectedVersion: expected an integer"
        ),
        (
            #"{"stream":"season:euro-rx-super1600:2018","type":"RoundCancelled","occurredAt":"2018-05-01","payload":{"championship":"euro-rx-super1600","season":2018,"round":3},"colour":"red"}"#,
            "unknown field 'colour'"
        ),
        (
            #"{"stream":"season:euro-rx-super1600:2018","type":"RoundCancelled","occurredAt":"2018-05-01","payload":{"championship":"euro-rx-super1600","season":2018,"round":3}"#,
            "invalid JSON"
        ),
        (
            #"{"stream":"season:euro-rx-super1600:2018","type":"RoundCancelled","occurredAt":"2018-05-01","payload":{"championship":"euro-rx-super1600","season":2018,"round":3},"eventId":"not-a-uuid"}"#,
            "eventId: 'not-a-uuid' is not a UUID"
        ),
        (#"{"type":"RoundCancelled","occurredAt":"2018-05-01","payload":{}}"#, "stream: missing"),
        (#"[1,2,3]"#, "expected a JSON object")
    ])
    func anyBadLineIsNamedAndNothingIsAppended(bad: String, expected: String) async throws {
        let temp = try TemporaryStore()
        let text = Sample.season + "\n\n" + bad + "\n"
        await #expect {
            try await NDJSONAppender(store: temp.store).append(contentsOf: text)
        } throws: { error in
            guard let error = error as? LineError else { return false }
            return error.line == 10 && error.reason.contains(expected)
        }
        #expect(try await temp.store.headPosition() == 0)
    }

    @Test func versionConflictNamesTheLineAndAppendsNothing() async throws {
        let temp = try TemporaryStore()
        try await NDJSONAppender(store: temp.store).append(contentsOf: Sample.season)
        let stale = Sample.line(
            type: "RoundCancelled", occurredAt: "2018-05-01",
            payload: #"{"championship":"euro-rx-super1600","season":2018,"round":1}"#, extra: #","expectedVersion":1"#)
        let note = Sample.line("notes", type: "Note", occurredAt: "2018-05-01", payload: #"{"text":"first line is fine"}"#)
        await #expect {
            try await NDJSONAppender(store: temp.store).append(contentsOf: note + "\n" + stale)
        } throws: { error in
            (error as? LineError)?.line == 2 && (error as? LineError)?.reason.contains("expected version 1, but the stream is at version 4") == true
        }
        #expect(try await temp.store.headPosition() == 8)
    }

    @Test func retriedLinesWithEventIdsAreRecordedOnce() async throws {
        let temp = try TemporaryStore()
        let id = UUID.timeOrdered().lowercased
        let line = Sample.line("notes", type: "Note", occurredAt: "2018-05-01", payload: #"{"text":"hello"}"#, extra: #","eventId":"\#(id)""#)
        let first = try await NDJSONAppender(store: temp.store).append(contentsOf: line)
        let second = try await NDJSONAppender(store: temp.store).append(contentsOf: line)
        #expect(first.appended == 1)
        #expect(second.alreadyRecorded == 1)
        #expect(second.appended == 0)
        #expect(try await temp.store.headPosition() == 1)
    }

    @Test func exportImportExportGivesIdenticalBytesAndAVerifiedChain() async throws {
        let source = try TemporaryStore()
        try await NDJSONAppender(store: source.store).append(contentsOf: Sample.season, actor: "desk")
        try await NDJSONAppender(store: source.store).append(
            contentsOf:
                Sample.line("notes", type: "Note", occurredAt: "2018-05-01", payload: #"{"text":"Tab\there, quote \" and ünïcödé ✓"}"#))
        var first: [String] = []
        try await NDJSONTransfer.export(from: source.store, pageSize: 2) { first.append($0) }
        let target = try TemporaryStore()
        let count = try await NDJSONTransfer.importEvents(first.joined(separator: "\n"), into: target.store)
        #expect(count == 9)
        var second: [String] = []
        try await NDJSONTransfer.export(from: target.store) { second.append($0) }
        #expect(second == first)
        #expect(try await target.store.verify().isIntact)
    }

    @Test func importRejectsATamperedLineAndImportsNothing() async throws {
        let source = try TemporaryStore()
        try await NDJSONAppender(store: source.store).append(contentsOf: Sample.season)
        var lines: [String] = []
        try await NDJSONTransfer.export(from: source.store) { lines.append($0) }
        lines[7] = lines[7].replacingOccurrences(of: "jesse-kallio", with: "someone-else")
        let target = try TemporaryStore()
        await #expect {
            try await NDJSONTransfer.importEvents(lines.joined(separator: "\n"), into: target.store)
        } throws: { error in
            (error as? LineError)?.line == 8 && (error as? LineError)?.reason.contains("hash does not match") == true
        }
        #expect(try await target.store.headPosition() == 0)
    }
}
