import Foundation
import Hummingbird
import HummingbirdTesting
import Paddock
import Testing

@testable import PaddockServer

/// The Ergast routes over ``ErgastFixture``'s season: Ergast's JSON exactly (key order, numbers as
/// strings, absent facts left out), filters, paging, cuts, caching headers and errors.
@Suite struct ErgastRouteTests {
    static let max =
        #"{"driverId":"max-verstappen","permanentNumber":"33","code":"VER","givenName":"Max","familyName":"Verstappen","dateOfBirth":"1997-09-30","nationality":"Dutch"}"#
    static let hamilton = #"{"driverId":"lewis-hamilton","givenName":"Lewis","familyName":"Hamilton","dateOfBirth":"1985-01-07"}"#
    static let alonso = #"{"driverId":"fernando-alonso","givenName":"Fernando","familyName":"Alonso","dateOfBirth":"1981-07-29"}"#
    static let redBull = #"{"constructorId":"red-bull","name":"Red Bull","nationality":"Austrian"}"#
    static let garde = #"{"driverId":"giedo-van-der-garde","givenName":"Giedo","familyName":"van der Garde","dateOfBirth":"1985-04-25"}"#
    static let mercedes = #"{"constructorId":"mercedes","name":"Mercedes"}"#
    static let mclaren = #"{"constructorId":"mclaren","name":"McLaren"}"#
    static let bahrain =
        #"{"season":"2021","round":"1","raceName":"Bahrain Grand Prix","Circuit":{"circuitId":"bahrain","circuitName":"Bahrain International Circuit","Location":{"lat":"26.0325","long":"50.5106","locality":"Sakhir","country":"Bahrain"}},"date":"2021-03-28","time":"15:00:00Z""#

    @Test func driverStandingsAsErgastWritesThem() async throws {
        let fixture = try await ErgastFixture.make()
        try await fixture.app().test(.router) { client in
            let response = try await client.execute(uri: "/ergast/f1/2021/driverStandings.json", method: .get)
            #expect(response.status == .ok)
            #expect(response.text.hasPrefix(#"{"MRData":{"xmlns":"","series":"f1","url":"http://"#))
            #expect(
                response.text.contains(
                    #"/ergast/f1/2021/driverstandings.json","limit":"30","offset":"0","total":"3","StandingsTable":{"season":"2021","round":"2","StandingsLists":[{"season":"2021","round":"2","DriverStandings":["#
                ))
            #expect(
                response.text.contains(
                    #"{"position":"1","positionText":"1","points":"36","wins":"1","Driver":\#(Self.hamilton),"Constructors":[\#(Self.mercedes)]}"#))
            #expect(
                response.text.contains(
                    #"{"position":"2","positionText":"2","points":"34.5","wins":"1","Driver":\#(Self.max),"Constructors":[\#(Self.redBull)]}"#))
            // Excluded from the drivers' table: no position, D, the points his results earned.
            #expect(response.text.contains(#"{"positionText":"D","points":"7.5","wins":"0","Driver":\#(Self.alonso),"Constructors":[\#(Self.mclaren)]}"#))
            // Either case, and a final position.
            let first = try await client.execute(uri: "/ergast/f1/2021/driverstandings/1.json", method: .get)
            #expect(first.mrData["total"] as? String == "1")
            #expect(first.text.contains(#""StandingsTable":{"season":"2021","round":"2","driverStandings":"1","StandingsLists""#))
        }
    }

    @Test func constructorStandingsShowAnExcludedTeamAsE() async throws {
        let fixture = try await ErgastFixture.make()
        try await fixture.app().test(.router) { client in
            let response = try await client.execute(uri: "/ergast/f1/2021/2/constructorStandings/", method: .get)
            #expect(
                response.text.contains(
                    #""ConstructorStandings":[{"position":"1","positionText":"1","points":"36","wins":"1","Constructor":\#(Self.mercedes)},{"position":"2","positionText":"2","points":"34.5","wins":"1","Constructor":\#(Self.redBull)},{"positionText":"E","points":"0","wins":"0","Constructor":\#(Self.mclaren)}]"#
                ))
        }
    }

    @Test func raceResultsWithGridTimesFastestLapsAndStatuses() async throws {
        let fixture = try await ErgastFixture.make()
        try await fixture.app().test(.router) { client in
            let response = try await client.execute(uri: "/ergast/f1/2021/1/results.json", method: .get)
            #expect(response.mrData["total"] as? String == "4")
            let expected =
                #"{"MRData":{"xmlns":"","series":"f1","url":"http://localhost/ergast/f1/2021/1/results.json","limit":"30","offset":"0","total":"4","RaceTable":{"season":"2021","round":"1","Races":[\#(Self.bahrain),"Results":[{"number":"44","position":"1","positionText":"1","points":"25","Driver":\#(Self.hamilton),"Constructor":\#(Self.mercedes),"grid":"2","laps":"56","status":"Finished","Time":{"millis":"5523897","time":"1:32:03.897"},"FastestLap":{"rank":"2","lap":"40","Time":{"time":"1:32.100"}}},{"number":"33","position":"2","positionText":"2","points":"19","Driver":\#(Self.max),"Constructor":\#(Self.redBull),"grid":"1","laps":"56","status":"Finished","Time":{"millis":"5524642","time":"+0.745"},"FastestLap":{"rank":"1","lap":"44","Time":{"time":"1:32.090"}}},{"number":"14","position":"3","positionText":"R","points":"0","Driver":\#(Self.alonso),"Constructor":\#(Self.mclaren),"grid":"0","laps":"32","status":"Brakes"},{"number":"21","position":"4","positionText":"F","points":"0","Driver":\#(Self.garde),"Constructor":\#(Self.mclaren),"status":"Did not qualify"}]}]}}}"#
            #expect(response.text.replacingOccurrences(of: #"http://[^/]*/"#, with: "http://localhost/", options: .regularExpression) == expected)
            // A lapped car is +1 Lap; half points show as 12.5 and 7.5.
            let round2 = try await client.execute(uri: "/ergast/f1/2021/2/results.json", method: .get)
            #expect(round2.text.contains(#""points":"12.5""#))
            #expect(round2.text.contains(#""laps":"62","status":"+1 Lap"}"#))
        }
    }

    @Test func sprintQualifyingPitStopsAndLaps() async throws {
        let fixture = try await ErgastFixture.make()
        try await fixture.app().test(.router) { client in
            let sprint = try await client.execute(uri: "/ergast/f1/2021/sprint.json", method: .get)
            #expect(
                sprint.text.contains(
                    #""SprintResults":[{"number":"33","position":"1","positionText":"1","points":"3","Driver":\#(Self.max),"Constructor":\#(Self.redBull),"laps":"17","status":"Finished"}"#
                ))
            let qualifying = try await client.execute(uri: "/ergast/f1/2021/1/qualifying/1.json", method: .get)
            #expect(
                qualifying.text.contains(
                    #""QualifyingResults":[{"number":"33","position":"1","Driver":\#(Self.max),"Constructor":\#(Self.redBull),"Q1":"1:30.499","Q2":"1:30.318","Q3":"1:28.997"}]"#
                ))
            let stops = try await client.execute(uri: "/ergast/f1/2021/1/drivers/max_verstappen/pitstops.json", method: .get)
            #expect(
                stops.text.contains(
                    #""PitStops":[{"driverId":"max-verstappen","lap":"17","stop":"1","duration":"24.767"},{"driverId":"max-verstappen","lap":"39","stop":"2","duration":"23.111"}]"#
                ))
            let second = try await client.execute(uri: "/ergast/f1/2021/1/pitstops/2.json", method: .get)
            #expect(second.mrData["total"] as? String == "1")
            let laps = try await client.execute(uri: "/ergast/f1/2021/1/laps.json", method: .get)
            #expect(laps.mrData["total"] as? String == "0")
            #expect(laps.text.contains(#""RaceTable":{"season":"2021","round":"1","Races":[]}"#))
        }
    }

    @Test func racesSeasonsDriversConstructorsCircuitsAndStatus() async throws {
        let fixture = try await ErgastFixture.make()
        try await fixture.app().test(.router) { client in
            let races = try await client.execute(uri: "/ergast/f1/2021.json", method: .get)
            #expect(races.mrData["total"] as? String == "3")
            #expect(races.text.contains(Self.bahrain + #","Qualifying":{"date":"2021-03-27","time":"15:00:00Z"}}"#))
            #expect(races.text.contains(#"{"season":"2021","round":"2","raceName":"Belgian Grand Prix","date":"2021-04-18"}"#))
            for uri in ["/ergast/f1", "/ergast/f1/"] {
                let every = try await client.execute(uri: uri, method: .get)
                #expect(every.mrData["total"] as? String == "3", "\(uri)")
            }
            let seasons = try await client.execute(uri: "/ergast/f1/seasons.json", method: .get)
            #expect(seasons.text.contains(#""SeasonTable":{"Seasons":[{"season":"2021"}]}"#))
            let drivers = try await client.execute(uri: "/ergast/f1/2021/drivers.json", method: .get)
            // By family name: Alonso, Hamilton, van der Garde, Verstappen.
            #expect(drivers.text.contains(#""Drivers":[\#(Self.alonso),\#(Self.hamilton),\#(Self.garde),\#(Self.max)]"#))
            let winners = try await client.execute(uri: "/ergast/f1/2021/results/1/drivers.json", method: .get)
            #expect(winners.text.contains(#""DriverTable":{"season":"2021","position":"1","Drivers":[\#(Self.hamilton),\#(Self.max)]}"#))
            let teams = try await client.execute(uri: "/ergast/f1/2021/drivers/max_verstappen/constructors.json", method: .get)
            #expect(teams.text.contains(#""ConstructorTable":{"season":"2021","driverId":"max_verstappen","Constructors":[\#(Self.redBull)]}"#))
            let circuits = try await client.execute(uri: "/ergast/f1/circuits/bahrain.json", method: .get)
            #expect(
                circuits.text.contains(
                    #""CircuitTable":{"circuitId":"bahrain","Circuits":[{"circuitId":"bahrain","circuitName":"Bahrain International Circuit""#))
            let status = try await client.execute(uri: "/ergast/f1/2021/status.json", method: .get)
            #expect(
                status.text.contains(
                    #""Status":[{"statusId":"1","count":"4","status":"Finished"},{"statusId":"11","count":"1","status":"+1 Lap"},{"statusId":"23","count":"1","status":"Brakes"},{"statusId":"81","count":"1","status":"Did not qualify"}]"#
                ))
            let byStatus = try await client.execute(uri: "/ergast/f1/2021/status/23/results.json", method: .get)
            #expect(byStatus.mrData["total"] as? String == "1")
        }
    }

    @Test func aliasesUnknownIdsPagingAndKeywords() async throws {
        let fixture = try await ErgastFixture.make()
        try await fixture.app().test(.router) { client in
            let alias = try await client.execute(uri: "/ergast/f1/2021/drivers/max_verstappen/results.json", method: .get)
            #expect(alias.mrData["total"] as? String == "2")
            #expect(alias.text.contains(#""RaceTable":{"season":"2021","driverId":"max_verstappen","Races":["#))
            let unknown = try await client.execute(uri: "/ergast/f1/2021/drivers/nobody/results.json", method: .get)
            #expect(unknown.status == .ok)
            #expect(unknown.mrData["total"] as? String == "0")
            #expect(unknown.text.contains(#""Races":[]"#))
            let page = try await client.execute(uri: "/ergast/f1/2021/results.json?limit=2&offset=1", method: .get)
            #expect(page.mrData["total"] as? String == "7")
            #expect(page.mrData["limit"] as? String == "2")
            #expect(page.mrData["offset"] as? String == "1")
            let pageRaces = (page.mrData["RaceTable"] as? [String: Any])?["Races"] as? [[String: Any]] ?? []
            #expect(pageRaces.count == 1)
            #expect((pageRaces.first?["Results"] as? [[String: Any]])?.compactMap { $0["position"] as? String } == ["2", "3"])
            let next = try await client.execute(uri: "/ergast/f1/current/next.json", method: .get)
            #expect(next.text.contains(#""RaceTable":{"season":"2021","round":"3","Races":[{"season":"2021","round":"3","raceName":"Portuguese Grand Prix""#))
            let last = try await client.execute(uri: "/ergast/f1/current/last/results.json", method: .get)
            #expect(last.text.contains(#""RaceTable":{"season":"2021","round":"2","Races""#))
            #expect(last.mrData["total"] as? String == "3")
        }
    }

    @Test func cutsShowTheTablesAsTheyStood() async throws {
        let fixture = try await ErgastFixture.make()
        try await fixture.app().test(.router) { client in
            let april = try await client.execute(uri: "/ergast/f1/2021/driverStandings.json?asOf=2021-04-01", method: .get)
            #expect(april.text.contains(#""StandingsTable":{"season":"2021","round":"1","StandingsLists""#))
            #expect(april.text.contains(#"{"position":"1","positionText":"1","points":"25","wins":"1","Driver":\#(Self.hamilton)"#))
            #expect(april.text.contains(#"{"position":"2","positionText":"2","points":"19","wins":"0","Driver":\#(Self.max)"#))
            // Before the season's events were appended, there was no season.
            let before = try await client.execute(uri: "/ergast/f1/2021/results.json?atPosition=\(Fixture.demoHead)", method: .get)
            #expect(before.mrData["total"] as? String == "0")
        }
    }

    @Test func etagsRevalidateUntilTheLogMoves() async throws {
        let fixture = try await ErgastFixture.make()
        try await fixture.app().test(.router) { client in
            let uri = "/ergast/f1/2021/driverStandings.json"
            let first = try await client.execute(uri: uri, method: .get)
            let tag = try #require(first.headers[.eTag])
            #expect(first.headers[.cacheControl] == "no-cache")
            let same = try await client.execute(uri: uri, method: .get, headers: [.ifNoneMatch: tag])
            #expect(same.status == .notModified)
            #expect(same.body.readableBytes == 0)
            let weak = try await client.execute(uri: uri, method: .get, headers: [.ifNoneMatch: "\"1\", W/\(tag)"])
            #expect(weak.status == .notModified)
            // A penalty moves the log: the old tag no longer matches and the table changes.
            let penalty = #"{"championship":"f1","season":2021,"round":2,"competitor":"lewis-hamilton","kind":"points","points":10,"reason":"late penalty"}"#
            let posted = try await client.execute(
                uri: "/streams/season:f1:2021/events", method: .post, headers: fixture.auth(.steward),
                body: .json(#"{"type":"PenaltyApplied","occurredAt":"2021-04-20","payload":\#(penalty)}"#))
            #expect(posted.status == .created)
            let after = try await client.execute(uri: uri, method: .get, headers: [.ifNoneMatch: tag])
            #expect(after.status == .ok)
            #expect(after.headers[.eTag] != tag)
            #expect(after.text.contains(#"{"position":"1","positionText":"1","points":"34.5","wins":"1","Driver":\#(Self.max)"#))
            #expect(after.text.contains(#""points":"26","wins":"1","Driver":\#(Self.hamilton)"#))
        }
    }

    @Test(arguments: [
        ("/ergast/f1/2021/grid/1/driverStandings.json", 400),  // a filter standings cannot take (as Jolpica)
        ("/ergast/f1/2021/constructors/mercedes/driverStandings.json", 400),
        ("/ergast/f1/2021/pitstops.json", 400),  // pit stops need a round
        ("/ergast/f1/2021/laps/x/laps.json", 400),
        ("/ergast/f1/2021/grid/1/grid/2/results.json", 400),
        ("/ergast/f1/2021/seasons/2021.json", 400),
        ("/ergast/f1/2021/results.xml", 400),
        ("/ergast/f1/2021/results.json?limit=1001", 400),
        ("/ergast/f1/2021/results.json?limit=0", 400),
        ("/ergast/f1/2021/results.json?afterRound=1", 400),
        ("/ergast/f1/2021/podiums.json", 404),
        ("/ergast/f1/5/results.json", 404),
        ("/ergast/nowhere/2021/results.json", 404)
    ])
    func badRequestsAreProblems(_ uri: String, _ status: Int) async throws {
        let fixture = try await ErgastFixture.make()
        try await fixture.app().test(.router) { client in
            let response = try await client.execute(uri: uri, method: .get)
            #expect(response.status.code == status, "\(uri): \(response.text)")
            #expect(response.contentType == "application/problem+json")
            #expect((response.object["detail"] as? String)?.isEmpty == false)
        }
    }

    @Test func everyChampionshipIsServed() async throws {
        let fixture = try await Fixture()
        try await fixture.app().test(.router) { client in
            let response = try await client.execute(uri: "/ergast/euro-rx-super1600/2018/driverStandings.json", method: .get)
            #expect(response.status == .ok)
            #expect(response.mrData["series"] as? String == "euro-rx-super1600")
            let lists = (response.mrData["StandingsTable"] as? [String: Any])?["StandingsLists"] as? [[String: Any]] ?? []
            #expect(lists.count == 1)
        }
    }
}
