import Paddock
import SeasonDomain
import Testing

@testable import PaddockServer

/// The Ergast URL grammar (Jolpica-F1's): season and round first, filters in any order, the
/// resource with an optional final value, `.json` or a trailing slash.
@Suite struct ErgastPathTests {
    func parse(_ path: String) throws(ErgastPath.Failure) -> ErgastPath {
        try ErgastPath(path.split(separator: "/", omittingEmptySubsequences: false).map(String.init))
    }

    @Test func seasonRoundFiltersAndResource() throws {
        let path = try parse("2021/5/drivers/hamilton/grid/1/results.json")
        #expect(path.season == .year(2021))
        #expect(path.round == .number(5))
        #expect(path.filters == [.drivers: "hamilton", .grid: "1"])
        #expect(path.resource == .results)
        #expect(path.number == nil)
    }

    @Test func filtersInAnyOrder() throws {
        let a = try parse("grid/1/constructors/red_bull/circuits/monaco/seasons")
        let b = try parse("circuits/monaco/grid/1/constructors/red_bull/seasons.json")
        #expect(a == b)
        #expect(a.season == nil)
        #expect(a.resource == .seasons)
    }

    @Test func finalValues() throws {
        #expect(try parse("2021/results/1.json").number == 1)
        #expect(try parse("2021/results/1.json").filters.isEmpty)
        #expect(try parse("drivers/alonso.json").filters == [.drivers: "alonso"])
        #expect(try parse("drivers/alonso.json").resource == .drivers)
        #expect(try parse("2021/5/pitstops/2").number == 2)
        #expect(try parse("2021/driverstandings/1/").resource == .driverStandings)
        #expect(try parse("2021/constructorStandings").resource == .constructorStandings)
        #expect(try parse("status/11.json").filters == [.status: "11"])
        // results/1 before a resource is the results filter.
        #expect(try parse("2021/results/1/drivers.json").filters == [.results: "1"])
    }

    @Test func shortcutsAndKeywords() throws {
        let season = try parse("2021.json")
        #expect(season.season == .year(2021))
        #expect(season.resource == .races)
        let round = try parse("2021/5.json")
        #expect(round.round == .number(5))
        #expect(round.resource == .races)
        #expect(try parse("current/last/results").season == .current)
        #expect(try parse("current/last/results").round == .last)
        #expect(try parse("current/next.json").round == .next)
        #expect(try parse("").resource == .races)
    }

    @Test(
        arguments: [
            ("2021/podiums.json", ErgastPath.Failure.notFound("'podiums' is not an Ergast filter or resource")),
            ("5/results.json", .notFound("'5' is not a season (four digits or current); a round comes after its season")),
            ("2021/grid/x/results", .badRequest("grid/x: expected a number 0...9999")),
            ("2021/grid/1/grid/2/results", .badRequest("grid is given twice")),
            ("2021/races/3.json", .badRequest("races does not take a final value ('3')")),
            ("2021/results.xml", .badRequest("only JSON is served: ask for .json (or no extension)")),
            (
                "2021/qualifying/1/drivers/alonso/results",
                .badRequest("'qualifying' is not a filter: only the last word (or the last but one) names the resource")
            ),
            ("2021/drivers", ErgastPath.Failure?.none)
        ] as [(String, ErgastPath.Failure?)])
    func refusals(_ path: String, _ expected: ErgastPath.Failure?) {
        do {
            _ = try parse(path)
            #expect(expected == nil)
        } catch {
            #expect(error == expected)
        }
    }

    @Test func unsupportedFiltersAndMissingRounds() throws {
        #expect(throws: ErgastPath.Failure.badRequest("driverStandings cannot be filtered by grid (unsupported filter for this resource)")) {
            try parse("2021/grid/1/driverStandings").checkSupported()
        }
        #expect(throws: ErgastPath.Failure.badRequest("results cannot be filtered by laps (unsupported filter for this resource)")) {
            try parse("2021/5/laps/3/results").checkSupported()
        }
        #expect(throws: ErgastPath.Failure.badRequest("pitstops needs a season and a round: /{season}/{round}/pitstops")) {
            try parse("2021/pitstops").checkSupported()
        }
        try parse("2021/5/laps/3/pitstops").checkSupported()
        try parse("2021/drivers/hamilton/driverStandings").checkSupported()
    }
}

@Suite struct ErgastJSONTests {
    @Test func keysKeepTheirOrderAndAbsentValuesAreLeftOut() {
        let value = ErgastJSON.members([("season", "2021"), ("url", nil), ("raceName", "Grand Prix \"de\" Ö\\"), ("Results", .array([]))])
        #expect(value.text == #"{"season":"2021","raceName":"Grand Prix \"de\" Ö\\","Results":[]}"#)
        #expect(ErgastJSON.string("a\u{1}\nb").text == #""a\u0001\nb""#)
    }

    @Test func pointsAndDecimalsAsErgastWritesThem() {
        #expect(ErgastObjects.points(25) == "25")
        #expect(ErgastObjects.points(Points(25, 2)) == "12.5")
        #expect(ErgastObjects.points(Points(1, 7)) == "0.14")
        #expect(ErgastObjects.decimal(40.3725) == "40.3725")
        #expect(ErgastObjects.decimal(-1.01694) == "-1.01694")
        #expect(ErgastObjects.decimal(12) == "12")
    }

    @Test func timesAsGapsAndMilliseconds() {
        #expect(ErgastSeason.format(745) == "0.745")
        #expect(ErgastSeason.format(62_345) == "1:02.345")
        #expect(ErgastSeason.format(3_605_007) == "1:00:05.007")
    }

    @Test func segmentsAreDecodedOnlyWhereTheyHoldEscapes() throws {
        #expect(RequestInput.percentDecoded("max-verstappen") == "max-verstappen")
        #expect(RequestInput.percentDecoded("driverStandings.json"[...]) == "driverStandings.json")
        #expect(RequestInput.percentDecoded("r%C3%A4ikk%C3%B6nen") == "räikkönen")
        #expect(RequestInput.percentDecoded("a%2Fb") == "a/b")
        #expect(RequestInput.percentDecoded("%E0%A4%A") == nil)
        #expect(RequestInput.percentDecoded("%FF") == nil)
        #expect(try ErgastRoutes.segments(of: "/ergast/f1/2021/drivers/r%C3%A4ikk%C3%B6nen/results.json") == ["2021", "drivers", "räikkönen", "results.json"])
    }
}
