import Foundation
import Hummingbird
import HummingbirdTesting
import Paddock

@testable import PaddockServer

/// A small Formula-1-like season in a log of its own (besides the demo): two rounds with results
/// (a sprint and half points in round 2), a third to come; every timing fact Ergast shows; a driver
/// who did not qualify for round 1; a driver excluded from the drivers' table and a team from the
/// constructors'.
///
/// Points by the rules (race 25-18-15..., sprint 3-2-1, fastest lap +1 in the top 10, round 2's
/// race at half points): Hamilton 25 + 2 + 9 = 36; Verstappen 18 + 1 + 3 + 12.5 = 34.5; Alonso 7.5
/// (excluded); Mercedes 36, Red Bull 34.5, McLaren excluded.
enum ErgastFixture {
    static let events = #"""
        {"stream":"championship:f1","type":"ChampionshipRegistered","occurredAt":"1950","payload":{"championship":"f1","name":"Formula One","discipline":"circuit"}}
        {"stream":"competitor:max-verstappen","type":"CompetitorRegistered","occurredAt":"1997-09-30","payload":{"competitor":"max-verstappen","name":"Max Verstappen","givenName":"Max","familyName":"Verstappen","birthDate":"1997-09-30","nationality":"netherlands"}}
        {"stream":"competitor:max-verstappen","type":"CompetitorDetailsRecorded","occurredAt":"2021","payload":{"competitor":"max-verstappen","code":"VER","permanentNumber":33,"demonym":"Dutch"}}
        {"stream":"competitor:max-verstappen","type":"AliasRecorded","occurredAt":"2021","payload":{"entity":"competitor","id":"max-verstappen","alias":"max_verstappen","scheme":"ergast"}}
        {"stream":"competitor:lewis-hamilton","type":"CompetitorRegistered","occurredAt":"1985-01-07","payload":{"competitor":"lewis-hamilton","name":"Lewis Hamilton","givenName":"Lewis","familyName":"Hamilton","birthDate":"1985-01-07"}}
        {"stream":"competitor:fernando-alonso","type":"CompetitorRegistered","occurredAt":"1981-07-29","payload":{"competitor":"fernando-alonso","name":"Fernando Alonso","givenName":"Fernando","familyName":"Alonso","birthDate":"1981-07-29"}}
        {"stream":"competitor:giedo-van-der-garde","type":"CompetitorRegistered","occurredAt":"1985-04-25","payload":{"competitor":"giedo-van-der-garde","name":"Giedo van der Garde","givenName":"Giedo","familyName":"van der Garde","birthDate":"1985-04-25"}}
        {"stream":"team:red-bull","type":"TeamRegistered","occurredAt":"2005","payload":{"team":"red-bull","name":"Red Bull"}}
        {"stream":"team:red-bull","type":"TeamDetailsRecorded","occurredAt":"2005","payload":{"team":"red-bull","demonym":"Austrian","country":"Austria"}}
        {"stream":"team:mercedes","type":"TeamRegistered","occurredAt":"2010","payload":{"team":"mercedes","name":"Mercedes"}}
        {"stream":"team:mclaren","type":"TeamRegistered","occurredAt":"1966","payload":{"team":"mclaren","name":"McLaren"}}
        {"stream":"circuit:bahrain","type":"CircuitRegistered","occurredAt":"2004","payload":{"circuit":"bahrain","name":"Bahrain International Circuit","locality":"Sakhir","country":"Bahrain","latitude":26.0325,"longitude":50.5106}}
        {"stream":"season:f1:2021","type":"SeasonOpened","occurredAt":"2021","payload":{"championship":"f1","season":2021}}
        {"stream":"season:f1:2021","type":"RulesDeclared","occurredAt":"2021","payload":{"championship":"f1","season":2021,"rules":{"scoring":[{"kinds":["race"],"points":[25,18,15,12,10,8,6,4,2,1]},{"kinds":["sprint"],"points":[3,2,1]}],"bonuses":[{"kind":"fastestLap","points":1,"onlyIfClassifiedWithin":10}],"teams":{"scoring":{"mode":"allCars"},"counting":{"mode":"all"},"bonusesCount":true}}}}
        {"stream":"season:f1:2021","type":"RoundScheduled","occurredAt":"2021","payload":{"championship":"f1","season":2021,"round":1,"name":"Bahrain Grand Prix","venue":"Sakhir","startDate":"2021-03-28"}}
        {"stream":"season:f1:2021","type":"RoundScheduled","occurredAt":"2021","payload":{"championship":"f1","season":2021,"round":2,"name":"Belgian Grand Prix","startDate":"2021-04-18"}}
        {"stream":"season:f1:2021","type":"RoundScheduled","occurredAt":"2021","payload":{"championship":"f1","season":2021,"round":3,"name":"Portuguese Grand Prix","startDate":"2021-05-02"}}
        {"stream":"season:f1:2021","type":"RoundDetailsRecorded","occurredAt":"2021","payload":{"championship":"f1","season":2021,"round":1,"circuit":"bahrain","sessions":[{"kind":"qualifying","date":"2021-03-27","time":"15:00:00Z"},{"kind":"race","date":"2021-03-28","time":"15:00:00Z"}]}}
        {"stream":"season:f1:2021","type":"EntryConfirmed","occurredAt":"2021-03-28","payload":{"championship":"f1","season":2021,"competitor":"max-verstappen","team":"red-bull","number":"33"}}
        {"stream":"season:f1:2021","type":"EntryConfirmed","occurredAt":"2021-03-28","payload":{"championship":"f1","season":2021,"competitor":"lewis-hamilton","team":"mercedes","number":"44"}}
        {"stream":"season:f1:2021","type":"EntryConfirmed","occurredAt":"2021-03-28","payload":{"championship":"f1","season":2021,"competitor":"fernando-alonso","team":"mclaren","number":"14"}}
        {"stream":"season:f1:2021","type":"QualifyingRecorded","occurredAt":"2021-03-27","payload":{"championship":"f1","season":2021,"round":1,"session":"qualifying","results":[{"position":1,"competitor":"max-verstappen","team":"red-bull","number":"33","q1":"1:30.499","q2":"1:30.318","q3":"1:28.997"},{"position":2,"competitor":"lewis-hamilton","team":"mercedes","number":"44","q1":"1:30.617","q2":"1:30.085","q3":"1:29.385"},{"position":3,"competitor":"fernando-alonso","team":"mclaren","number":"14","q1":"1:31.200"},{"position":4,"competitor":"giedo-van-der-garde","team":"mclaren","number":"21","q1":"1:33.000"}]}}
        {"stream":"season:f1:2021","type":"SessionClassified","occurredAt":"2021-03-28T15:00:00Z","payload":{"championship":"f1","season":2021,"round":1,"session":"race","kind":"race","results":[{"position":1,"competitor":"lewis-hamilton","team":"mercedes","number":"44","laps":56,"time":"1:32:03.897"},{"position":2,"competitor":"max-verstappen","team":"red-bull","number":"33","laps":56,"time":"1:32:04.642","gap":"+0.745","fastestLap":true},{"competitor":"fernando-alonso","team":"mclaren","number":"14","status":"DNF","reason":"Brakes","laps":32}]}}
        {"stream":"season:f1:2021","type":"StartingGridRecorded","occurredAt":"2021-03-28","payload":{"championship":"f1","season":2021,"round":1,"session":"race","positions":[{"position":1,"competitor":"max-verstappen","number":"33"},{"position":2,"competitor":"lewis-hamilton","number":"44"},{"pitLane":true,"competitor":"fernando-alonso","number":"14"}]}}
        {"stream":"season:f1:2021","type":"FastestLapsRecorded","occurredAt":"2021-03-28","payload":{"championship":"f1","season":2021,"round":1,"session":"race","laps":[{"rank":1,"competitor":"max-verstappen","number":"33","lap":44,"time":"1:32.090"},{"rank":2,"competitor":"lewis-hamilton","number":"44","lap":40,"time":"1:32.100"}]}}
        {"stream":"season:f1:2021","type":"PitStopsRecorded","occurredAt":"2021-03-28","payload":{"championship":"f1","season":2021,"round":1,"session":"race","stops":[{"competitor":"max-verstappen","number":"33","stop":1,"lap":17,"duration":"24.767"},{"competitor":"lewis-hamilton","number":"44","stop":1,"lap":13,"duration":"24.262"},{"competitor":"max-verstappen","number":"33","stop":2,"lap":39,"duration":"23.111"}]}}
        {"stream":"season:f1:2021","type":"SessionClassified","occurredAt":"2021-04-17","payload":{"championship":"f1","season":2021,"round":2,"session":"sprint","kind":"sprint","results":[{"position":1,"competitor":"max-verstappen","team":"red-bull","number":"33","laps":17},{"position":2,"competitor":"lewis-hamilton","team":"mercedes","number":"44","laps":17}]}}
        {"stream":"season:f1:2021","type":"SessionClassified","occurredAt":"2021-04-18","payload":{"championship":"f1","season":2021,"round":2,"session":"race","kind":"race","results":[{"position":1,"competitor":"max-verstappen","team":"red-bull","number":"33","laps":63},{"position":2,"competitor":"lewis-hamilton","team":"mercedes","number":"44","laps":63},{"position":3,"competitor":"fernando-alonso","team":"mclaren","number":"14","laps":62}]}}
        {"stream":"season:f1:2021","type":"RoundMultiplierDecided","occurredAt":"2021-04-18","payload":{"championship":"f1","season":2021,"round":2,"factor":0.5,"sessions":["race"],"reason":"short race"}}
        {"stream":"season:f1:2021","type":"PenaltyApplied","occurredAt":"2021-04-18","payload":{"championship":"f1","season":2021,"round":2,"competitor":"fernando-alonso","kind":"exclusion","reason":"excluded from the drivers' championship"}}
        {"stream":"season:f1:2021","type":"PenaltyApplied","occurredAt":"2021-04-18","payload":{"championship":"f1","season":2021,"round":1,"competitor":"mclaren","kind":"exclusion","table":"teams","reason":"excluded from the constructors' championship"}}
        """#

    /// The demo log with this season appended.
    static func make() async throws -> Fixture {
        let fixture = try await Fixture()
        _ = try await NDJSONAppender(store: fixture.store).append(contentsOf: events)
        return fixture
    }
}

extension TestResponse {
    /// `MRData` of an Ergast answer.
    var mrData: [String: Any] { object["MRData"] as? [String: Any] ?? [:] }

}
