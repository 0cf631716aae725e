import Foundation
import Hummingbird
import HummingbirdTesting
import Paddock
import Testing

@testable import PaddockServer

/// Every route in ``Routes/all`` is asked at least once through the application (no socket) over
/// the demo log with ErgastFixture's season, and each answer's status, content type, headers and
/// body are checked against `openapi.json`: drift between the code and the document fails here,
/// naming the route, the JSON path and the rule, before CI's schemathesis run.
@Suite struct OpenAPIContractTests {
    /// One request and the status it must get; `route` is the documented `METHOD /template`.
    struct Exchange: CustomStringConvertible, Sendable {
        let route: String
        let uri: String
        var role: Role? = nil
        var body: String? = nil
        var headers: HTTPFields = [:]
        let status: Int
        var description: String { "\(route.split(separator: " ")[0]) \(uri) (\(route))" }
    }

    static let season = Fixture.season
    static let stream = "/streams/" + Fixture.seasonStream + "/events"
    static let retirement = retirementEvent(id: UUID(uuidString: "6d3c1d1e-0000-4000-8000-000000000001")!)

    /// In order: the reads first, then the writes (which move the log), each route answering at
    /// least once with success and, where it has them, with its documented errors.
    static let exchanges: [Exchange] = {
        let s = season
        let standings = "GET /championships/{id}/seasons/{year}/standings"
        let calendar = "GET /championships/{id}/seasons/{year}/calendar"
        let compare = "/championships/{id}/seasons/{year}/compare"
        let ergast = "GET /ergast/{championship}/{ergastPath}"
        return [
            Exchange(route: "GET /championships", uri: "/championships", status: 200),
            Exchange(route: calendar, uri: s + "/calendar", status: 200),
            Exchange(route: calendar, uri: s + "/calendar?knownAt=2018-06-01", status: 200),
            Exchange(route: calendar, uri: "/championships/f1/seasons/2021/calendar", status: 200),
            Exchange(route: calendar, uri: "/championships/nope/seasons/1999/calendar", status: 404),
            Exchange(route: calendar, uri: s + "/calendar?atPosition=minus", status: 400),
            Exchange(route: "GET /championships/{id}/seasons/{year}/calendar.ics", uri: s + "/calendar.ics", status: 200),
            Exchange(route: "GET /championships/{id}/seasons/{year}/calendar.ics", uri: "/championships/nope/seasons/1999/calendar.ics", status: 404),
            Exchange(route: standings, uri: s + "/standings", status: 200),
            Exchange(route: standings, uri: s + "/standings?teams=true", status: 200),
            Exchange(route: standings, uri: s + "/standings?afterRound=2", status: 200),
            Exchange(route: standings, uri: s + "/standings?asOf=2018-06-10", status: 200),
            Exchange(route: standings, uri: s + "/standings?atPosition=40", status: 200),
            Exchange(route: standings, uri: "/championships/f1/seasons/2021/standings", status: 200),
            Exchange(route: standings, uri: "/championships/f1/seasons/2021/standings?teams=true", status: 200),
            Exchange(route: standings, uri: s + "/standings?afterRound=zero", status: 400),
            Exchange(route: standings, uri: "/championships/nope/seasons/1999/standings", status: 404),
            Exchange(
                route: "GET /championships/{id}/seasons/{year}/competitors/{competitor}/explanation",
                uri: s + "/competitors/jesse-kallio/explanation", status: 200),
            Exchange(
                route: "GET /championships/{id}/seasons/{year}/competitors/{competitor}/explanation",
                uri: "/championships/f1/seasons/2021/competitors/max-verstappen/explanation", status: 200),
            Exchange(
                route: "GET /championships/{id}/seasons/{year}/competitors/{competitor}/explanation",
                uri: s + "/competitors/nobody/explanation", status: 404),
            Exchange(route: "GET /championships/{id}/seasons/{year}/title", uri: s + "/title", status: 200),
            Exchange(route: "GET /championships/{id}/seasons/{year}/title", uri: "/championships/f1/seasons/2021/title?afterRound=1", status: 200),
            Exchange(route: "GET /competitors", uri: "/competitors", status: 200),
            Exchange(route: "GET /competitors", uri: "/competitors?search=kal&limit=2&offset=1", status: 200),
            Exchange(route: "GET /competitors/{id}/career", uri: "/competitors/jesse-kallio/career", status: 200),
            Exchange(route: "GET /competitors/{id}/career", uri: "/competitors/max-verstappen/career", status: 200),
            Exchange(route: "GET /competitors/{id}/career", uri: "/competitors/nobody/career", status: 404),
            Exchange(route: "GET /teams", uri: "/teams", status: 200),
            Exchange(route: "GET /teams", uri: "/teams?search=red", status: 200),
            Exchange(route: "GET /events", uri: "/events", status: 200),
            Exchange(route: "GET /events", uri: "/events?after=5&limit=3", status: 200),
            Exchange(route: "GET /events", uri: "/events?limit=0", status: 400),
            // The feed's 200 never ends; it is checked over a socket in LiveStreamTests.
            Exchange(route: "GET /events/stream", uri: "/events/stream?after=-1", status: 400),
            Exchange(route: "GET " + compare, uri: s + "/compare?from=after-round:2&to=after-round:3", status: 200),
            Exchange(route: "GET " + compare, uri: s + "/compare?rulesOf=f1:2021", status: 200),
            Exchange(route: "GET " + compare, uri: s + "/compare", status: 400),
            Exchange(route: "GET " + compare, uri: "/championships/nope/seasons/1999/compare?from=everything", status: 404),
            Exchange(route: "POST " + compare, uri: s + "/compare", body: #"{"from":"after-round:1","teams":true}"#, status: 200),
            Exchange(
                route: "POST " + compare, uri: s + "/compare",
                body: #"{"rules":{"scoring":[{"kinds":["final"],"points":[-3]}]}}"#, status: 422),
            Exchange(route: ergast, uri: "/ergast/f1/2021/driverStandings.json", status: 200),
            Exchange(route: ergast, uri: "/ergast/f1/2021/constructorStandings.json", status: 200),
            Exchange(route: ergast, uri: "/ergast/f1/2021/1/results.json", status: 200),
            Exchange(route: ergast, uri: "/ergast/f1/2021/2/sprint.json", status: 200),
            Exchange(route: ergast, uri: "/ergast/f1/2021/1/qualifying.json", status: 200),
            Exchange(route: ergast, uri: "/ergast/f1/2021/1/pitstops.json", status: 200),
            Exchange(route: ergast, uri: "/ergast/f1/2021/1/laps.json", status: 200),
            Exchange(route: ergast, uri: "/ergast/f1/2021/races.json", status: 200),
            Exchange(route: ergast, uri: "/ergast/f1/seasons.json", status: 200),
            Exchange(route: ergast, uri: "/ergast/f1/2021/drivers.json?limit=2&offset=1", status: 200),
            Exchange(route: ergast, uri: "/ergast/f1/2021/constructors.json", status: 200),
            Exchange(route: ergast, uri: "/ergast/f1/circuits.json", status: 200),
            Exchange(route: ergast, uri: "/ergast/f1/2021/status.json", status: 200),
            Exchange(route: ergast, uri: "/ergast/f1/2021/driverStandings.json?limit=none", status: 400),
            Exchange(route: ergast, uri: "/ergast/f1/2021/nonsense.json", status: 404),
            Exchange(route: "GET /ergast/{championship}", uri: "/ergast/f1", status: 200),
            Exchange(route: "GET /ergast/{championship}", uri: "/ergast/nope", status: 404),
            Exchange(route: "GET /health", uri: "/health", status: 200),
            Exchange(route: "GET /metrics", uri: "/metrics", status: 200),
            Exchange(route: "GET /openapi.json", uri: "/openapi.json", status: 200)
        ] + writes
    }()

    static let writes: [Exchange] = {
        let s = season
        let append = "POST /streams/{stream}/events"
        let penalty =
            #"{"type":"PenaltyApplied","occurredAt":"2018-06-10","payload":{"championship":"euro-rx-super1600","season":2018,"round":3,"competitor":"jesse-kallio","kind":"points","points":1,"reason":"x"}}"#
        return [
            Exchange(route: append, uri: stream, role: .recorder, body: retirement, status: 201),
            Exchange(route: append, uri: stream, role: .recorder, body: retirement, status: 200),
            Exchange(route: append, uri: stream, body: retirement, status: 401),
            Exchange(route: append, uri: stream, role: .recorder, body: penalty, status: 403),
            Exchange(route: append, uri: stream, role: .admin, body: penalty, headers: [.ifMatch: "1"], status: 409),
            Exchange(route: append, uri: stream, role: .admin, body: #"{"type":"RetirementRecorded","occurredAt":"2018","payload":{}}"#, status: 422),
            Exchange(route: append, uri: stream, role: .admin, body: "{not json", status: 400),
            Exchange(route: append, uri: stream, role: .admin, body: String(repeating: " ", count: 1_100_000) + "{}", status: 413),
            Exchange(
                route: "POST /championships/{id}/seasons/{year}/rounds", uri: s + "/rounds", role: .recorder,
                body: #"{"round":9,"startDate":"2018-10-20","venue":"Buxtehude"}"#, status: 201),
            Exchange(
                route: "POST /championships/{id}/seasons/{year}/rounds", uri: "/championships/nope/seasons/1999/rounds", role: .admin,
                body: #"{"round":1,"startDate":"1999"}"#, status: 404),
            Exchange(
                route: "POST /championships/{id}/seasons/{year}/rounds/{round}/reschedule", uri: s + "/rounds/9/reschedule", role: .recorder,
                body: #"{"startDate":"2018-10-27","reason":"storm"}"#, status: 201),
            Exchange(
                route: "POST /championships/{id}/seasons/{year}/entries", uri: s + "/entries", role: .recorder,
                body: #"{"competitor":"jesse-kallio","rounds":[9]}"#, status: 201),
            Exchange(
                route: "POST /championships/{id}/seasons/{year}/team-changes", uri: s + "/team-changes", role: .recorder,
                body: #"{"competitor":"jesse-kallio","toTeam":"set-promotion","fromRound":9}"#, status: 201),
            Exchange(
                route: "POST /championships/{id}/seasons/{year}/team-changes", uri: s + "/team-changes", role: .recorder,
                body: #"{"competitor":"jesse-kallio","toTeam":"no-such-team"}"#, status: 422),
            Exchange(
                route: "POST /championships/{id}/seasons/{year}/rounds/{round}/sessions", uri: s + "/rounds/9/sessions", role: .recorder,
                body: #"{"session":"final","kind":"final","results":[{"position":1,"competitor":"jesse-kallio","status":"classified"}]}"#, status: 201),
            Exchange(
                route: "POST /championships/{id}/seasons/{year}/rounds/{round}/retirements", uri: s + "/rounds/9/retirements", role: .recorder,
                body: #"{"competitor":"jesse-kallio","reason":"engine","occurredAt":"2018-10-27"}"#, status: 201),
            Exchange(
                route: "POST /championships/{id}/seasons/{year}/rounds/{round}/penalties", uri: s + "/rounds/3/penalties", role: .steward,
                body: #"{"competitor":"jesse-kallio","kind":"points","points":2,"reason":"y"}"#, status: 201),
            Exchange(
                route: "POST /championships/{id}/seasons/{year}/rounds/{round}/penalties", uri: s + "/rounds/3/penalties", role: .recorder,
                body: #"{"competitor":"jesse-kallio","kind":"points","points":2,"reason":"y"}"#, status: 403),
            Exchange(
                route: "POST /championships/{id}/seasons/{year}/rounds/{round}/corrections", uri: s + "/rounds/3/corrections", role: .steward,
                body:
                    #"{"session":"final","kind":"final","corrects":["00000000-0000-0000-0000-000000000000"],"results":[{"position":1,"competitor":"jesse-kallio","status":"classified"}],"reason":"x"}"#,
                status: 422)
        ]
    }()

    @Test func everyRouteIsAskedAtLeastOnce() {
        let asked = Set(Self.exchanges.map(\.route))
        let routes = Set(Routes.all.map { "\($0.method.rawValue) \($0.path)" })
        #expect(routes.subtracting(asked).isEmpty, "routes no exchange asks: \(routes.subtracting(asked).sorted())")
        #expect(asked.subtracting(routes).isEmpty, "exchanges for routes that do not exist: \(asked.subtracting(routes).sorted())")
    }

    @Test func everyAnswerIsTheDocumentedOne() async throws {
        let contract = try OpenAPIContract.served()
        let fixture = try await ErgastFixture.make()
        try await fixture.app().test(.router) { client in
            for exchange in Self.exchanges {
                var headers = exchange.headers
                if let role = exchange.role { headers[.authorization] = "Bearer \(fixture.tokens[role]!)" }
                if exchange.body != nil { headers[.contentType] = "application/json" }
                let method = HTTPRequest.Method(rawValue: String(exchange.route.split(separator: " ")[0]))!
                let response = try await client.execute(
                    uri: exchange.uri, method: method, headers: headers,
                    body: exchange.body.map { ByteBuffer(string: $0) })
                #expect(response.status.code == exchange.status, "\(exchange): \(response.status) \(response.text.prefix(300))")
                let broken = contract.check(route: exchange.route, status: response.status.code, headers: response.headerMap, body: response.text)
                #expect(broken.isEmpty, "\(exchange):\n\(broken.joined(separator: "\n"))")
            }
            // Ergast's conditional read: the ETag it gave, sent back, is a 304 with no body.
            let first = try await client.execute(uri: "/ergast/f1/2021/driverStandings.json", method: .get)
            let etag = try #require(first.headers[.eTag])
            let again = try await client.execute(uri: "/ergast/f1/2021/driverStandings.json", method: .get, headers: [.ifNoneMatch: etag])
            #expect(again.status == .notModified)
            let broken = contract.check(route: "GET /ergast/{championship}/{ergastPath}", status: again.status.code, headers: again.headerMap, body: again.text)
            #expect(broken.isEmpty, "conditional Ergast read:\n\(broken.joined(separator: "\n"))")
        }
    }

    // MARK: - The document

    @Test func everyReferenceResolvesAndEveryComponentIsUsed() throws {
        let contract = try OpenAPIContract.served()
        let references = contract.references()
        let dangling = references.filter { contract.validator.resolve($0.reference) == nil }
        #expect(dangling.isEmpty, "dangling $ref: \(dangling.map { "\($0.at) → \($0.reference)" })")
        let referenced = Set(references.map(\.reference))
        var securitySchemes = Set<String>()
        for (_, item) in contract.document["paths"]?.objectMembers ?? [:] {
            for (_, operation) in item.objectMembers ?? [:] {
                if case .array(let requirements)? = operation["security"] {
                    for requirement in requirements { securitySchemes.formUnion(requirement.objectMembers.map { Array($0.keys) } ?? []) }
                }
            }
        }
        var unused: [String] = []
        for (kind, members) in contract.document["components"]?.objectMembers ?? [:] {
            for name in (members.objectMembers ?? [:]).keys {
                let used = kind == "securitySchemes" ? securitySchemes.contains(name) : referenced.contains("#/components/\(kind)/\(name)")
                if !used { unused.append("#/components/\(kind)/\(name)") }
            }
        }
        #expect(unused.isEmpty, "components nothing refers to: \(unused.sorted())")
    }

    @Test func everySchemaKeywordIsOneTheValidatorChecks() throws {
        let contract = try OpenAPIContract.served()
        let known = SchemaValidator.keywords.union(SchemaValidator.annotations)
        var unknown: [String] = []
        for (at, schema) in contract.schemas() {
            guard let members = schema.objectMembers else { continue }
            unknown += members.keys.filter { !known.contains($0) }.map { "\(at): \($0)" }
        }
        #expect(unknown.isEmpty, "keywords the contract test would not check: \(unknown.sorted())")
        #expect(contract.schemas().count > 50, "the walk finds the document's schemas")
    }
}

extension TestResponse {
    /// The headers by lower-case name (the last value of a repeated one).
    var headerMap: [String: String] {
        var map: [String: String] = [:]
        for field in headers { map[field.name.canonicalName] = field.value }
        return map
    }
}
