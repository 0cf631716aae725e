import EventStore
import Foundation
import Paddock
import Projections

@testable import PaddockWeb

/// A name no page may let through as markup.
let hostile = "<script>alert('x')</script>\"><img src=x onerror=alert(1)>"

/// Decodes a value from JSON text (the documents are Codable; their initialisers are internal to Paddock).
func decode<T: Decodable>(_ type: T.Type, _ json: String) throws -> T {
    try JSONDecoder().decode(T.self, from: Data(json.utf8))
}

/// A season of three rounds with two drivers, one of them named `driverName`.
func seasonView(driverName: String = "Max Verstappen", note: String = "no rules", cut: Cut = .everything) throws -> SeasonView {
    let standings = try decode(
        Documents.Standings.self,
        """
        {"championship":"f1","season":2021,"kind":"competitors","cut":{},"rounds":[1,2,3],"notes":[\(Documents.jsonString(note))],
         "rows":[{"position":1,"competitor":"max","name":\(Documents.jsonString(driverName)),"points":395.5,"grossPoints":395.5,"wins":10,"podiums":18,"gap":0,
                  "rounds":[{"round":1,"points":18,"counted":true},{"round":2,"points":25,"counted":true},{"round":3,"points":4,"counted":false}]},
                 {"position":2,"competitor":"lewis","name":"Lewis Hamilton","points":387.5,"grossPoints":387.5,"wins":8,"podiums":17,"gap":8,
                  "rounds":[{"round":1,"points":25,"counted":true},{"round":2,"points":19,"counted":true},{"round":3,"points":25,"counted":true}]}],
         "excluded":[],
         "published":{"eventId":"0190a1b2-0000-7000-8000-000000000001","logPosition":42,"afterRound":3,"complete":false,
                      "reason":\(Documents.jsonString(note)),"rows":[{"position":1,"competitor":"max","name":\(Documents.jsonString(driverName)),"points":395.5}]}}
        """)
    let calendar = try decode(
        SeasonCalendar.self,
        """
        {"championship":"f1","season":2021,"cut":{},"rounds":[
          {"round":1,"name":\(Documents.jsonString(driverName)),"venue":"Sakhir","country":"Bahrain","startDate":"2021-03-28","status":"completed",
           "dateHistory":[{"startDate":"2021-03-21","recordedBy":"0190a1b2-0000-7000-8000-000000000002","reason":\(Documents.jsonString(note))},
                          {"startDate":"2021-03-28","recordedBy":"0190a1b2-0000-7000-8000-000000000003","reason":\(Documents.jsonString(note))}],
           "winners":[{"session":"race","competitor":"lewis"}]},
          {"round":2,"name":"Emilia Romagna","startDate":"2021-04-18","status":"completed","dateHistory":[],"winners":[]},
          {"round":3,"name":"Portugal","startDate":"2021-05-02","status":"cancelled","cancellationReason":\(Documents.jsonString(note)),"dateHistory":[],"winners":[]}]}
        """)
    let title = try decode(
        TitleOutlook.self,
        """
        {"championship":"f1","season":2021,"afterRound":3,"roundsLeft":[4,5],"maximumPerRound":26,
         "contenders":[{"competitor":"max","points":395.5,"maximumPossible":447.5,"canStillWin":true,"needsToPassLeader":0},
                       {"competitor":"lewis","points":387.5,"maximumPossible":439.5,"canStillWin":true,"needsToPassLeader":9}]}
        """)
    return SeasonView(
        championship: "f1", championshipName: "Formula One", discipline: "circuit", season: 2021,
        selection: SeasonSelection(cut: cut), classes: [], hasUnclassedResults: true,
        rounds: [.init(round: 1, name: driverName), .init(round: 2, name: "Emilia Romagna"), .init(round: 3, name: "Portugal")],
        standings: standings,
        progression: Progression(
            rounds: [1, 2, 3],
            series: [
                .init(id: "max", name: driverName, points: [18, 43, 43]),
                .init(id: "lewis", name: "Lewis Hamilton", points: [25, 44, 69])
            ]),
        title: title, calendar: calendar, recordings: [.init(position: 40, label: note)],
        names: ["max": driverName, "lewis": "Lewis Hamilton"], position: 99)
}

/// An event as the log holds it.
func recordedEvent(
    position: Int64 = 7, type: String = "Note", payload: String, stream: String = "season:f1:2021",
    actor: String? = "desk", correlation: String? = nil
) -> RecordedEvent {
    RecordedEvent(
        position: position, eventId: UUID(uuidString: "0190a1b2-0000-7000-8000-0000000000aa")!, stream: stream, streamVersion: 3,
        type: type, schemaVersion: 1, occurredAt: "2021-12-12T14:00:00+04:00", recordedAt: "2026-12-01T10:00:00.123456Z",
        actor: actor, correlationId: correlation, causationId: nil, payload: payload, hash: String(repeating: "ab", count: 32))
}

extension Documents {
    /// A JSON string literal of any text.
    static func jsonString(_ text: String) -> String {
        String(decoding: try! JSONEncoder().encode(text), as: UTF8.self)
    }
}

/// How many times `needle` occurs in `text`.
func occurrences(of needle: String, in text: String) -> Int {
    text.components(separatedBy: needle).count - 1
}
