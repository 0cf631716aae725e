import Foundation
import Testing

@testable import SeasonDomain

/// The hand-written reader for classifications must agree with JSONDecoder, or give up.
@Suite("Fast replay path")
struct FastPathTests {
    private func reference(_ json: String) -> SessionClassified? {
        try? JSONDecoder().decode(SessionClassified.self, from: Data(json.utf8))
    }

    @Test func agreesWithJSONDecoderOnSamples() throws {
        for event in Samples.all {
            let (type, _, payload) = EventCatalogue.encode(event)
            if type == "SessionClassified" {
                let fast = try #require(SessionClassified(fast: Data(payload.utf8)))
                #expect(SeasonEvent.sessionClassified(fast) == event)
            }
            if type == "ResultCorrected" {
                let fast = try #require(ResultCorrected(fast: Data(payload.utf8)))
                #expect(SeasonEvent.resultCorrected(fast) == event)
            }
        }
    }

    @Test func everyFastReaderAgreesWithJSONDecoderOnSamples() throws {
        var checked: Set<String> = []
        for event in Samples.all {
            let (type, _, payload) = EventCatalogue.encode(event)
            guard let fast = EventCatalogue.registry[type]?.fast else { continue }
            #expect(fast(Data(payload.utf8)) == event, "\(type)")
            checked.insert(type)
        }
        #expect(
            checked.isSuperset(of: [
                "SessionClassified", "EntryConfirmed", "RoundScheduled", "RetirementRecorded", "Note",
                "StartingGridRecorded", "FastestLapsRecorded", "QualifyingRecorded", "PitStopsRecorded"
            ]))
    }

    @Test(arguments: [
        ("EntryConfirmed", #"{"championship":"rx","season":2020,"class":null,"competitor":"a","team":"t","rounds":[1,3],"extra":[1]}"#),
        ("EntryConfirmed", #"{"championship":"rx","season":2020,"competitor":"a","coDriver":"b","car":null,"number":"12"}"#),
        ("RoundScheduled", #"{"championship":"rx","season":2020,"round":2,"name":"RX of Ö","startDate":"2020-06","endDate":null}"#),
        ("RoundScheduled", #"{"championship":"rx","season":2020,"round":2,"venue":"Höljes","startDate":"2020-06-01","endDate":"2020-06-02"}"#),
        ("RetirementRecorded", #"{"championship":"rx","season":2020,"round":1,"session":null,"competitor":"a","reason":"engine","lap":3}"#),
        (
            "Note",
            #"{"text":"Report","source":{"title":"Press","url":"https://example.org/a","language":null},"about":["6BA7B810-9DAD-11D1-80B4-00C04FD430C8"]}"#
        ),
        ("Note", #"{"text":"Plain","subject":"jesse-kallio"}"#),
        (
            "StartingGridRecorded",
            #"{"positions":[{"competitor":"b","pitLane":true,"team":null},{"position":1,"competitor":"a","number":"1","x":[1]}],"session":"race","round":3,"season":2021,"championship":"f1","class":null}"#
        ),
        (
            "FastestLapsRecorded",
            #"{"championship":"f1","season":2021,"round":3,"session":"race","laps":[{"rank":1,"competitor":"a","lap":null,"time":"1:32.090"}]}"#
        ),
        (
            "QualifyingRecorded",
            #"{"championship":"f1","season":2021,"round":3,"session":"qualifying","results":[{"position":null,"competitor":"a","q2":"1:30.1","q3":null}]}"#
        ),
        (
            "PitStopsRecorded",
            #"{"championship":"f1","season":2021,"round":3,"session":"race","stops":[{"competitor":"a","stop":2,"lap":30,"duration":"24.1","timeOfDay":null}]}"#
        )
    ])
    func otherFastReadersAgreeWithJSONDecoder(_ type: String, _ json: String) throws {
        let fast = try #require(EventCatalogue.registry[type]?.fast?(Data(json.utf8)))
        let reference = try EventCatalogue.registry[type]!.decode(JSONDecoder(), Data(json.utf8))
        #expect(fast == reference)
    }

    @Test(arguments: [
        ("EntryConfirmed", #"{"championship":"rx","season":2020,"competitor":null}"#),  // null required
        ("EntryConfirmed", #"{"championship":"rx","season":2020,"competitor":"a","rounds":[1.5]}"#),  // not an int
        ("RoundScheduled", #"{"championship":"rx","season":2020,"round":2,"startDate":"June"}"#),  // not a date
        ("RetirementRecorded", #"{"championship":"rx","season":2020,"round":1,"competitor":"a"}"#),  // no reason
        ("Note", #"{"text":"a \"quote\""}"#),  // escape
        ("Note", #"{"text":"a","source":{"url":"https://example.org"}}"#),  // source without title
        ("StartingGridRecorded", #"{"championship":"f1","season":2021,"round":3,"session":"race","positions":[{"position":"1","competitor":"a"}]}"#),
        ("FastestLapsRecorded", #"{"championship":"f1","season":2021,"round":3,"session":"race","laps":[{"competitor":"a","time":"1:32.090"}]}"#),
        ("QualifyingRecorded", #"{"championship":"f1","season":2021,"round":3,"results":[{"competitor":"a"}]}"#),
        ("PitStopsRecorded", #"{"championship":"f1","season":2021,"round":3,"session":"race","stops":[],"stops":[]}"#)
    ])
    func otherFastReadersGiveUpWhenUnsure(_ type: String, _ json: String) {
        #expect(EventCatalogue.registry[type]?.fast?(Data(json.utf8)) == nil)
    }

    @Test(arguments: [
        // nulls, unknown keys, non-ASCII text, whitespace, fractions as strings, omitted status
        #"{ "championship" : "f1", "season": 1954, "round": 2, "class": null, "session": "race", "kind": "race", "extra": {"a": [1, 2.5, true]},"#
            + #" "completedDistance": "2/3", "results": [ {"position": 1, "competitor": "juan-manuel-fangio", "car": "Mercedes W196", "team": null},"#
            + #" {"position": 2, "competitor": "josé-froilán-gonzález", "sharedWith": ["mike-hawthorn"], "time": "2:49:01.5", "fastestLap": false},"#
            + #" {"competitor": "stirling-moss", "status": "DNF", "reason": "Öl", "laps": 0} ] }"#,
        #"{"championship":"f1","season":2019,"round":1,"session":"race","kind":"race","completedDistance":0.75,"results":[{"position":1,"competitor":"a","laps":-0}]}"#
    ])
    func agreesWithJSONDecoder(_ json: String) throws {
        let fast = try #require(SessionClassified(fast: Data(json.utf8)))
        #expect(fast == reference(json))
    }

    @Test(arguments: [
        #"{"championship":"f\"1","season":2019,"round":1,"session":"race","kind":"race","results":[]}"#,  // escape
        #"{"championship":"f1","season":2019.0,"round":1,"session":"race","kind":"race","results":[]}"#,  // 2019.0
        #"{"championship":"f1","season":2e3,"round":1,"session":"race","kind":"race","results":[]}"#,  // exponent
        #"{"championship":"f1","season":2019,"season":2020,"round":1,"session":"race","kind":"race","results":[]}"#,  // duplicate
        #"{"championship":"f1","season":02019,"round":1,"session":"race","kind":"race","results":[]}"#,  // leading zero
        #"{"championship":"f1","season":2019,"round":1,"session":"race","kind":"grandPrix","results":[]}"#,  // bad enum
        #"{"championship":"f1","season":2019,"round":1,"session":"race","kind":"race","results":[{"competitor":"a"}]}"#,  // no status
        #"{"championship":"f1","season":2019,"round":1,"session":"race","kind":"race","results":[]} x"#,  // trailing garbage
        #"{"championship":"f1","season":2019,"round":1,"session":"race","kind":"race"}"#  // missing results
    ])
    func givesUpWhenUnsure(_ json: String) {
        #expect(SessionClassified(fast: Data(json.utf8)) == nil)
    }

    @Test func lenientDecodeFallsBackToJSONDecoder() throws {
        let json = #"{"championship":"f1","season":2019.0,"round":1,"session":"race","kind":"race","results":[{"position":1,"competitor":"a\u0062"}]}"#
        let event = try EventCatalogue.decode(type: "SessionClassified", schemaVersion: 1, payload: Data(json.utf8))
        guard case .sessionClassified(let s) = event else { Issue.record("wrong case"); return }
        #expect(s.season == 2019)
        #expect(s.results[0].competitor == "ab")
        // Errors on the fast path's fallback are JSONDecoder's, with paths.
        let bad = #"{"championship":"f1","season":2019,"round":1,"session":"race","kind":"race","results":[{"competitor":"a","status":"DNX"}]}"#
        #expect(throws: EventPayloadError.self) {
            try EventCatalogue.decode(type: "SessionClassified", schemaVersion: 1, payload: Data(bad.utf8))
        }
    }

    @Test func fastPathStillValidates() {
        let json = #"{"championship":"f1","season":2019,"round":0,"session":"race","kind":"race","results":[{"position":1,"competitor":"a"}]}"#
        do {
            _ = try EventCatalogue.decode(type: "SessionClassified", schemaVersion: 1, payload: Data(json.utf8))
            Issue.record("round 0 accepted")
        } catch {
            #expect(error.description == "payload.round: must be from 1 to 999, found 0")
        }
    }
}
