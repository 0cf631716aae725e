import Foundation
import Projections
import SeasonDomain
import Testing

/// The index read from stored payloads (``IndexEntry/init(scanning:)``) must be the index of the
/// decoded events (``IndexEntry/init(_:)``): the first is what a rebuild uses, the second the reference.
@Suite struct IndexEntryTests {
    /// The envelope as the store would hand it back: the catalogue's canonical payload.
    func stored(_ envelope: DomainEnvelope) -> UndecodedEvent {
        let (type, version, payload) = EventCatalogue.encode(envelope.event)
        return stored(type: type, version: version, payload: payload, stream: envelope.meta.stream)
    }

    func stored(type: String, version: Int = 1, payload: String, stream: String = "season:s:2020") -> UndecodedEvent {
        UndecodedEvent(stream: stream, type: type, schemaVersion: version, payload: payload)
    }

    func decoded(_ event: UndecodedEvent) throws -> IndexEntry {
        let domain = try EventCatalogue.decode(type: event.type, schemaVersion: event.schemaVersion, payload: Data(event.payload.utf8))
        return IndexEntry(
            DomainEnvelope(
                meta: EventMeta(
                    position: 1, eventId: UUID(), stream: event.stream,
                    occurredAt: "2020", recordedAt: "2020-01-01T00:00:00.000000Z"), event: domain))
    }

    @Test(arguments: 0..<40)
    func randomSeasonsScanToTheEntriesOfTheirDecodedEvents(seed: Int) throws {
        var scanned = 0
        for envelope in randomSeason(seed: seed).envelopes {
            let event = stored(envelope)
            let reference = IndexEntry(envelope)
            #expect(try decoded(event) == reference)
            guard let entry = IndexEntry(scanning: event) else {
                // Only registrations need the decoded event.
                if case .register = reference {} else { Issue.record("\(event.type) was not scanned: \(event.payload)") }
                continue
            }
            scanned += 1
            #expect(entry == reference, "\(event.type): \(event.payload)")
        }
        #expect(scanned >= 5)
    }

    @Test(arguments: [
        // Rows in another order, co-drivers, shared cars, nulls, members the index does not read (nested, escaped).
        (
            "SessionClassified",
            #"{"results":[{"status":"DNF","competitor":"b","reason":"a \"quoted\" \\ reason","coDriver":null},{"position":1,"competitor":"a","coDriver":"a2","sharedWith":["c","d"],"extra":{"x":[1,2.5,-3,true,false,null,{"y":"z"}]}}],"kind":"race","session":"r","round":1,"season":2020,"championship":"s"}"#
        ),
        (
            "ResultCorrected",
            #"{"championship":"s","season":2020,"round":1,"session":"r","kind":"race","corrects":["00000000-0000-0000-0000-000000000001"],"reason":"typo","results":[{"position":1,"competitor":"x","sharedWith":null}]}"#
        ),
        ("EntryConfirmed", #"{"championship":"s","season":2020,"competitor":"driver-1","coDriver":"navigator-1","team":"t"}"#),
        ("TitleAwarded", #"{"championship":"s","season":2020,"title":"teams champion","team":"t","competitor":null}"#),
        ("TeamChanged", #"{"competitor":"a","toTeam":"t2"}"#),
        ("StandingsPublished", #"{"championship":"s","season":2020,"complete":false,"rows":[{"position":1,"competitor":"a"}],"reason":"as printed"}"#),
        ("RoundScheduled", #"{"championship":"s","season":2020,"round":3,"startDate":"2020-06","venue":"Höljes"}"#),
        // Timing data: each event's rows name competitors; a penalty's `positions` is a number.
        (
            "StartingGridRecorded",
            #"{"championship":"s","season":2020,"round":1,"session":"race","positions":[{"position":1,"competitor":"a"},{"pitLane":true,"competitor":"b","team":"t"}]}"#
        ),
        (
            "FastestLapsRecorded",
            #"{"laps":[{"rank":1,"competitor":"b","lap":4,"time":"1:30.1"},{"rank":2,"competitor":"a","time":"1:31"}],"session":"race","round":1,"season":2020,"championship":"s"}"#
        ),
        (
            "QualifyingRecorded",
            #"{"championship":"s","season":2020,"round":1,"session":"qualifying","results":[{"position":1,"competitor":"c","q1":"1:29.9"}]}"#
        ),
        (
            "PitStopsRecorded",
            #"{"championship":"s","season":2020,"round":1,"session":"race","stops":[{"competitor":"a","stop":1,"lap":3},{"competitor":"a","stop":2,"lap":9}]}"#
        ),
        ("RoundDetailsRecorded", #"{"championship":"s","season":2020,"round":1,"circuit":"x","sessions":[{"kind":"race","date":"2020-06-01"}]}"#),
        ("PenaltyApplied", #"{"championship":"s","season":2020,"round":1,"session":"race","competitor":"a","kind":"positions","positions":3,"reason":"grid"}"#)
    ])
    func payloadsScanToTheEntriesOfTheirDecodedEvents(_ type: String, _ payload: String) throws {
        let event = stored(type: type, payload: payload)
        let reference = try decoded(event)
        let entry = try #require(IndexEntry(scanning: event))
        #expect(entry == reference)
    }

    @Test(arguments: [
        // Unsure: a duplicate member, an escaped id, a value of another type, a broken skipped member.
        ("RetirementRecorded", #"{"championship":"s","season":2020,"round":1,"competitor":"a","competitor":"b","reason":"x"}"#),
        ("RetirementRecorded", #"{"championship":"s","season":2020,"round":1,"competitor":"\u0061","reason":"x"}"#),
        ("RetirementRecorded", #"{"championship":"s","season":"2020","round":1,"competitor":"a","reason":"x"}"#),
        (
            "SessionClassified",
            #"{"championship":"s","season":2020,"round":1,"session":"r","kind":"race","results":[{"position":1,"competitor":"a","time":[1,}]}"#
        ),
        // Not read from the payload: registrations, an unknown type, a schema version this build does not have.
        ("CompetitorRegistered", #"{"competitor":"a","name":"A"}"#),
        ("LapCompleted", #"{"championship":"s","season":2020}"#)
    ])
    func unsurePayloadsAreLeftToTheDecoder(_ type: String, _ payload: String) {
        #expect(IndexEntry(scanning: stored(type: type, payload: payload)) == nil)
        #expect(IndexEntry(scanning: stored(type: "RetirementRecorded", version: 2, payload: payload)) == nil)
    }

    @Test func notesAndRetractionsNeedNoPayload() {
        #expect(IndexEntry(scanning: stored(type: "Note", payload: "{}", stream: "season:s:2020")) == .outside)
        #expect(
            IndexEntry(scanning: stored(type: "EventRetracted", payload: "{}", stream: "season:s:2020"))
                == .season(SeasonKey("s", 2020), competitors: []))
        #expect(IndexEntry(scanning: stored(type: "EventRetracted", payload: "{}", stream: "competitor:a")) == .outside)
    }
}
