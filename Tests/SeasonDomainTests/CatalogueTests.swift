import Foundation
import Testing

@testable import SeasonDomain

@Suite("EventCatalogue")
struct CatalogueTests {
    @Test func samplesCoverEveryType() {
        #expect(Set(Samples.all.map(\.eventType)) == Set(EventCatalogue.eventTypes))
        #expect(EventCatalogue.eventTypes.count == 31)
        #expect(EventCatalogue.eventTypes == EventCatalogue.eventTypes.sorted())
        #expect(EventCatalogue.currentSchemaVersion(of: "SessionClassified") == 1)
        #expect(EventCatalogue.currentSchemaVersion(of: "Nope") == nil)
    }

    @Test(arguments: Samples.all)
    func roundTrip(_ event: SeasonEvent) throws {
        try event.validate()
        let (type, version, payload) = EventCatalogue.encode(event)
        #expect(type == event.eventType)
        #expect(version == 1)
        let lenient = try EventCatalogue.decode(type: type, schemaVersion: version, payload: Data(payload.utf8))
        #expect(lenient == event)
        let strict = try EventCatalogue.decodeStrict(type: type, schemaVersion: version, payload: Data(payload.utf8))
        #expect(strict == event)
        // Canonical: encoding the decoded event gives the same text.
        #expect(EventCatalogue.encode(strict).payload == payload)
        #expect(SeasonEvent(event.event) == event)
    }

    @Test func canonicalJSON() {
        let json = payloadJSON(RoundCancelled(championship: "euro-rx", season: 2020, round: 3))
        #expect(json == #"{"championship":"euro-rx","round":3,"season":2020}"#)
        let note = payloadJSON(Note(text: "x", source: SourceCitation(title: "t", url: "https://a.b/c")))
        #expect(note == #"{"source":{"title":"t","url":"https://a.b/c"},"text":"x"}"#)
    }

    @Test func classIsEncodedAsClass() {
        let json = payloadJSON(TitleAwarded(championship: "c", season: 2020, className: "Supercar", competitor: "a"))
        #expect(json.contains(#""class":"Supercar""#))
        #expect(!json.contains("className"))
    }

    @Test func accessors() throws {
        let event = Samples.all.first { $0.eventType == "SessionClassified" }!
        #expect(event.championship == "euro-rx-super1600")
        #expect(event.season == 2020)
        #expect(event.round == 1)
        let note = Samples.all.first { $0.eventType == "Note" }!
        #expect(note.championship == nil)
        #expect(note.season == nil)
    }

    @Test func sharedDriveHelpers() {
        #expect(Samples.results[1].drivers == ["anna-virta", "ville-maki"])
        #expect(Samples.results[0].drivers == ["jesse-kallio"])
    }

    @Test func lenientDefaults() throws {
        let payload = #"""
            {"championship":"f1","season":2019,"round":1,"session":"race","kind":"race",
             "results":[{"position":1,"competitor":"lewis-hamilton"},{"competitor":"max-verstappen","status":"DNF"}]}
            """#
        let event = try EventCatalogue.decodeStrict(type: "SessionClassified", schemaVersion: 1, payload: Data(payload.utf8))
        guard case .sessionClassified(let s) = event else { Issue.record("wrong case"); return }
        #expect(s.results[0].status == .classified)
        #expect(s.results[1].position == nil)
        let competitor = try EventCatalogue.decode(
            type: "CompetitorRegistered", schemaVersion: 1,
            payload: Data(#"{"competitor":"a","name":"A"}"#.utf8))
        #expect(competitor == .competitorRegistered(CompetitorRegistered(competitor: "a", name: "A", roles: [.driver])))
    }

    @Test func nullOptionalsAreAccepted() throws {
        let payload = #"{"championship":"euro-rx","season":2020,"round":3,"reason":null}"#
        let event = try EventCatalogue.decodeStrict(type: "RoundCancelled", schemaVersion: 1, payload: Data(payload.utf8))
        #expect(event == .roundCancelled(RoundCancelled(championship: "euro-rx", season: 2020, round: 3)))
    }
}

/// The canonical payload JSON of one typed event, as `EventCatalogue.encode` writes it.
private func payloadJSON(_ event: some DomainEvent) -> String {
    EventCatalogue.encode(SeasonEvent(event)).payload
}
