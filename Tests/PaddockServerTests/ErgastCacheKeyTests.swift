import HTTPTypes
import Hummingbird
import Testing

@testable import PaddockServer

/// Which Ergast URLs share a rendered body: a cut at or past the projected position shows the same
/// table as no cut, so it must not cost a computation of its own; anything else that could change
/// the body keeps the URLs apart.
@Suite struct ErgastCacheKeyTests {
    func key(_ pathAndQuery: String, position: Int64 = 531) -> String {
        let head = HTTPRequest(method: .get, scheme: "http", authority: "paddock", path: pathAndQuery)
        return ErgastRoutes.cacheKey(Request(head: head, body: .init(buffer: ByteBuffer())), position: position)
    }

    @Test func aPositionAtOrPastTheHeadIsTheTableWithoutACut() {
        let plain = key("/ergast/f1/2023/driverStandings.json?limit=5")
        #expect(key("/ergast/f1/2023/driverStandings.json?atPosition=531&limit=5") == plain)
        #expect(key("/ergast/f1/2023/driverStandings.json?limit=5&atPosition=100531") == plain)
        #expect(key("/ergast/f1/2023/driverStandings.json") == "/ergast/f1/2023/driverStandings.json")
        #expect(key("/ergast/f1/2023/driverStandings.json?atPosition=9000") == "/ergast/f1/2023/driverStandings.json")
    }

    @Test func aPositionBeforeTheHeadOrAnythingElseKeepsItsOwnKey() {
        let plain = key("/ergast/f1/2023/driverStandings.json")
        #expect(key("/ergast/f1/2023/driverStandings.json?atPosition=530") != plain)
        #expect(key("/ergast/f1/2023/driverStandings.json?atPosition=530") != key("/ergast/f1/2023/driverStandings.json?atPosition=529"))
        #expect(key("/ergast/f1/2023/driverStandings.json?atPosition=-1") != plain)
        #expect(key("/ergast/f1/2023/driverStandings.json?atPosition=x") != plain)
        #expect(key("/ergast/f1/2023/driverStandings.json?knownAt=2023-06-01") != plain)
        // The first of a repeated item counts: its order matters.
        #expect(key("/ergast/f1/2023/results.json?limit=5&limit=10") != key("/ergast/f1/2023/results.json?limit=10&limit=5"))
        #expect(key("/ergast/f1/2022/driverStandings.json") != plain)
        // An escaped `&` is part of a value, not a second item.
        #expect(key("/ergast/f1/2023/results.json?limit=5%26offset%3D10") != key("/ergast/f1/2023/results.json?limit=5&offset=10"))
    }
}
