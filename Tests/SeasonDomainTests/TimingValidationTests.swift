import Foundation
import Testing

@testable import SeasonDomain

/// Every number of the timing and reference events has a documented range, refused with its path.
@Suite("Timing and reference validation")
struct TimingValidationTests {
    private func failure(_ type: String, _ payload: String) -> String? {
        do {
            _ = try EventCatalogue.decodeStrict(type: type, schemaVersion: 1, payload: Data(payload.utf8))
            return nil
        } catch {
            return error.description
        }
    }

    @Test(
        arguments: [
            ("CircuitRegistered", #"{"circuit":"x","name":"X","latitude":91}"#, "payload.latitude: must be -90...90 degrees, found 91.0"),
            ("CircuitRegistered", #"{"circuit":"x","name":"X","longitude":-180.5}"#, "payload.longitude: must be -180...180 degrees, found -180.5"),
            ("CompetitorDetailsRecorded", #"{"competitor":"a","permanentNumber":1000}"#, "payload.permanentNumber: must be 0...999, found 1000"),
            ("CompetitorDetailsRecorded", #"{"competitor":"a","code":"V E R"}"#, #"payload.code: must be 1 to 10 characters without spaces, found "V E R""#),
            (
                "CompetitorDetailsRecorded", #"{"competitor":"a","url":"ftp://x"}"#,
                "payload.url: must be an http:// or https:// address without spaces (at most 2,000 bytes)"
            ),
            ("AliasRecorded", #"{"entity":"team","id":"red-bull","alias":"red-bull"}"#, "payload.alias: must differ from the entity's own id"),
            ("AliasRecorded", #"{"entity":"driver","id":"a","alias":"b"}"#, nil),
            (
                "StartingGridRecorded", #"{"championship":"f1","season":2021,"round":1,"session":"race","positions":[{"position":0,"competitor":"a"}]}"#,
                "payload.positions[0].position: must be 1...999, found 0"
            ),
            (
                "StartingGridRecorded", #"{"championship":"f1","season":2021,"round":1,"session":"race","positions":[{"competitor":"a"}]}"#,
                "payload.positions[0]: gives either a position or pitLane: true"
            ),
            (
                "FastestLapsRecorded",
                #"{"championship":"f1","season":2021,"round":1,"session":"race","laps":[{"rank":1,"competitor":"a","lap":0,"time":"1:30.0"}]}"#,
                "payload.laps[0].lap: must be 1...9999, found 0"
            ),
            (
                "FastestLapsRecorded", #"{"championship":"f1","season":2021,"round":1,"session":"race","laps":[{"rank":1,"competitor":"a","time":"1:75.0"}]}"#,
                #"payload.laps[0].time: must be a time such as 1:41.269, 20.235 or 1:32:42.436, found "1:75.0""#
            ),
            (
                "QualifyingRecorded", #"{"championship":"f1","season":2021,"round":1,"session":"qualifying","results":[{"position":1000,"competitor":"a"}]}"#,
                "payload.results[0].position: must be 1...999, found 1000"
            ),
            (
                "PitStopsRecorded", #"{"championship":"f1","season":2021,"round":1,"session":"race","stops":[{"competitor":"a","stop":100,"lap":3}]}"#,
                "payload.stops[0].stop: must be 1...99, found 100"
            ),
            (
                "PitStopsRecorded",
                #"{"championship":"f1","season":2021,"round":1,"session":"race","stops":[{"competitor":"a","stop":1,"lap":3,"timeOfDay":"25:00:00"}]}"#,
                #"payload.stops[0].timeOfDay: must be a local time of day such as 15:05:11, found "25:00:00""#
            ),
            (
                "RoundDetailsRecorded", #"{"championship":"f1","season":2021,"round":1,"sessions":[{"kind":"race","date":"2021-03-28","time":"15:00"}]}"#,
                #"payload.sessions[0].time: must be a time of day such as 15:00:00Z or 17:00:00+02:00, found "15:00""#
            ),
            (
                "RoundDetailsRecorded",
                #"{"championship":"f1","season":2021,"round":1,"sessions":[{"kind":"race","date":"2021-03-28"},{"kind":"race","date":"2021-03-29"}]}"#,
                "payload.sessions[1].kind: race is listed twice"
            )
        ] as [(String, String, String?)])
    func refusedWithItsPath(_ type: String, _ payload: String, _ expected: String?) {
        let message = failure(type, payload)
        if let expected {
            #expect(message == expected)
        } else {
            // An unknown word is refused by decoding, naming the allowed ones.
            #expect(message?.contains("competitor, team, circuit") == true)
        }
    }

    @Test func timingTextsReadAsMilliseconds() {
        #expect(TimingText.milliseconds("1:32:42.436") == 5_562_436)
        #expect(TimingText.milliseconds("1:41.269") == 101_269)
        #expect(TimingText.milliseconds("20.2") == 20_200)
        #expect(TimingText.milliseconds("9:47.176") == 587_176)
        #expect(TimingText.milliseconds("+1 lap") == nil)
        #expect(TimingText.milliseconds("1:60.000") == nil)
        #expect(TimingText.milliseconds("") == nil)
        #expect(TimingText.isTimeOfDay("15:00:00Z"))
        #expect(TimingText.isTimeOfDay("17:00+02:00"))
        #expect(!TimingText.isTimeOfDay("24:00:00Z"))
        #expect(!TimingText.isTimeOfDay("15:00:00"))
    }
}
