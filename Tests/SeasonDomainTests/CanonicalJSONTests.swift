import Foundation
import Testing

@testable import SeasonDomain

/// The hand-written canonical writer must write, byte for byte, what JSONEncoder writes (the
/// reference), or give up.
@Suite("Canonical writer")
struct CanonicalJSONTests {
    /// Text with what JSON must escape and what it must not: quotes, backslashes, slashes, non-ASCII
    /// letters, emoji, U+2028, DEL; control characters make the writer give up.
    private static let alphabet: [String] = [
        "a", "Z", "0", " ", "\"", "\\", "/", "ö", "Š", "é", "🏁", "\u{2028}", "\u{7F}", "'", "<", "&", ":", "{", "]", "\u{0301}"
    ]

    private func text(maxLength: Int = 40, control: Bool = false) -> String {
        var out = ""
        for _ in 0..<Int.random(in: 0...maxLength) {
            out += Self.alphabet.randomElement()!
            if control && Int.random(in: 0..<20) == 0 { out += ["\n", "\t", "\u{01}", "\r"].randomElement()! }
        }
        return out
    }

    private func maybe<T>(_ make: () -> T) -> T? {
        Bool.random() ? make() : nil
    }

    private func randomEvents(_ count: Int, control: Bool = false) -> [SeasonEvent] {
        var events: [SeasonEvent] = []
        for _ in 0..<count {
            let season = Int.random(in: 1900...2100)
            let round = Int.random(in: 1...9999)
            switch Int.random(in: 0..<4) {
            case 0:
                events.append(
                    .note(
                        Note(
                            text: text(control: control),
                            source: maybe {
                                SourceCitation(
                                    title: text(), url: maybe { text() }, quote: maybe { text() },
                                    language: maybe { "fi" })
                            },
                            about: maybe { (0..<Int.random(in: 0...3)).map { _ in UUID() } },
                            subject: maybe { text() })))
            case 1:
                events.append(
                    .retirementRecorded(
                        RetirementRecorded(
                            championship: "rx-\(round)", season: season, round: round, className: maybe { text() },
                            session: maybe { "final" }, competitor: "driver-\(round)", reason: text(control: control),
                            lap: maybe { Int.random(in: -5...500) })))
            case 2:
                events.append(
                    .entryConfirmed(
                        EntryConfirmed(
                            championship: "rx", season: season, className: maybe { text() }, competitor: "c-\(round)",
                            coDriver: maybe { "co" }, team: maybe { "team-\(round)" }, car: maybe { text() },
                            number: maybe { String(round) }, rounds: maybe { (0..<Int.random(in: 0...4)).map { _ in Int.random(in: 1...40) } })))
            default:
                events.append(
                    .roundScheduled(
                        RoundScheduled(
                            championship: "rx", season: season, round: round, name: maybe { text(control: control) },
                            venue: maybe { text() }, country: maybe { "Sweden" },
                            startDate: try! PartialDate("\(season)-06-1\(round % 10)"), endDate: maybe { try! PartialDate("\(season)-07") })))
            }
        }
        return events
    }

    @Test func writesWhatJSONEncoderWritesOnRandomEvents() {
        for event in randomEvents(3_000) {
            let reference = EventCatalogue.referenceData(event)
            guard let fast = CanonicalJSON.payload(event) else {
                Issue.record("gave up on \(event)")
                continue
            }
            #expect(Data(fast) == reference, "\(String(decoding: reference, as: UTF8.self))")
        }
    }

    @Test func givesUpOnControlCharactersOrWritesTheSame() {
        var gaveUp = 0
        for event in randomEvents(2_000, control: true) {
            let reference = EventCatalogue.referenceData(event)
            if let fast = CanonicalJSON.payload(event) { #expect(Data(fast) == reference) } else { gaveUp += 1 }
            #expect(EventCatalogue.canonicalData(event) == reference)  // what is stored is the reference either way
        }
        #expect(gaveUp > 0)
    }

    @Test func writesWhatJSONEncoderWritesOnTheSamples() {
        var written = 0
        for event in Samples.all {
            guard let fast = CanonicalJSON.payload(event) else { continue }
            #expect(Data(fast) == EventCatalogue.referenceData(event), "\(event.eventType)")
            written += 1
        }
        #expect(written > 0)
    }

    @Test func strictDecodingReturnsTheCanonicalPayloadItChecked() throws {
        let payload = Data(#"{ "text" : "Kallio \"wins\"", "subject": null, "about": [] }"#.utf8)
        let (event, canonical) = try EventCatalogue.decodeStrictCanonical(type: "Note", schemaVersion: 1, payload: payload)
        #expect(String(decoding: canonical, as: UTF8.self) == #"{"about":[],"text":"Kallio \"wins\""}"#)
        #expect(canonical == EventCatalogue.referenceData(event))
    }
}

@Suite("Fast reader dispatch")
struct FastReadDispatchTests {
    @Test func theSwitchNamesTheSameReadersAsTheCatalogue() {
        var readBySwitch: Set<String> = []
        for event in Samples.all {
            let (type, _, payload) = EventCatalogue.encode(event)
            let data = Data(payload.utf8)
            let registered = EventCatalogue.registry[type]?.fast?(data)
            #expect(EventCatalogue.fastRead(type, data) == registered, "\(type)")
            if EventCatalogue.fastRead(type, data) != nil { readBySwitch.insert(type) }
        }
        let registered = Set(EventCatalogue.eventTypes.filter { EventCatalogue.registry[$0]?.fast != nil })
        #expect(!registered.isEmpty)
        #expect(registered.subtracting(Samples.all.map { EventCatalogue.encode($0).type }).isEmpty, "a sample of every type with a reader")
        #expect(readBySwitch == registered, "the switch reads every type that has a hand-written reader, and no other")
    }
}
