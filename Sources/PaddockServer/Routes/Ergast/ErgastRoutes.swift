import Foundation
import Hummingbird
import Paddock
import Projections
import SeasonDomain

/// The Ergast API (as Jolpica-F1 serves it) under `/ergast/{championship}/...`, for every
/// championship in the log: Ergast clients work with only their base URL changed.
///
/// Bodies are rendered once per URI and projected position (``ReadCache``); `ETag` is that position,
/// so `If-None-Match` answers 304 until the log moves. Every route takes the cuts `asOf`, `knownAt`
/// and `atPosition`: the tables as they stood.
///
/// ```sh
/// curl http://127.0.0.1:8080/ergast/f1/2021/driverStandings.json
/// curl 'http://127.0.0.1:8080/ergast/f1/2021/drivers/hamilton/results.json?asOf=2021-08-29'
/// ```
enum ErgastRoutes {
    static let prefix = "/ergast/"

    static let routes: [Route] = [
        Route(.get, "/ergast/{championship}/{ergastPath}", routerPath: "/ergast/{championship}/**", answer),
        // Nothing after the championship: every season's races.
        Route(.get, "/ergast/{championship}", answer)
    ]

    static let defaultLimit = 30
    static let maxLimit = 1_000

    static func answer(_ request: Request, _ context: PaddockRequestContext, _ state: ServerState) async throws -> Response {
        let championship = try RequestInput.path("championship", context)
        let path: ErgastPath
        do {
            path = try ErgastPath(try segments(of: request.uri.path))
            try path.checkSupported()
        } catch let failure as ErgastPath.Failure {
            switch failure {
            case .notFound(let detail): throw Problem(.notFound, "ergast-path", "Not an Ergast path", detail: detail)
            case .badRequest(let detail): throw Problem(.badRequest, "ergast-request", "The Ergast request is not supported", detail: detail)
            }
        }
        let position = state.live.position
        let tag = "\"\(position)\""
        var headers: HTTPFields = [:]
        headers[.eTag] = tag
        headers[.cacheControl] = "no-cache"
        // The Ergast body keeps Ergast's shape; the head it was computed from travels as a header.
        headers[LogHead.header] = try await state.logHeads.head(at: position).text
        if let match = request.headers[.ifNoneMatch], matches(match, tag) {
            return Response(status: .notModified, headers: headers)
        }
        let host = request.head.authority ?? "localhost"
        let body = try await state.readCache.body(for: "\(host) \(cacheKey(request, position: position))", at: position) {
            try await render(path, championship: championship, request: request, host: host, state: state)
        }
        return JSONResponses.text(body.text, headers: headers, contentType: body.contentType)
    }

    /// The URI as the body depends on it: its path and its query as sent (escapes kept, so that an
    /// escaped `&` stays apart from a real one), less an `atPosition` at or past the projected position
    /// (such a cut shows everything the body is computed from: the same table as without it, not a
    /// new one). The items keep their order: the first of a repeated name counts.
    static func cacheKey(_ request: Request, position: Int64) -> String {
        let uri = request.uri
        let items = (uri.query ?? "").split(separator: "&").filter { item in
            guard item.hasPrefix("atPosition="), let value = Int64(item.dropFirst("atPosition=".count)) else { return true }
            return value < position
        }
        return items.isEmpty ? uri.path : uri.path + "?" + items.joined(separator: "&")
    }

    /// The decoded segments after `/ergast/{championship}/`.
    static func segments(of uriPath: String) throws -> [String] {
        let parts = uriPath.split(separator: "/", omittingEmptySubsequences: false).dropFirst(3)
        return try parts.map { part in
            guard let decoded = RequestInput.percentDecoded(part) else {
                throw Problem(
                    .badRequest, "ergast-request", "The Ergast request is not supported", detail: "'\(part.prefix(40))' is not valid percent-encoding")
            }
            return decoded
        }
    }

    /// `If-None-Match`: `*`, or a list of tags (weak or strong) one of which is `tag`.
    static func matches(_ header: String, _ tag: String) -> Bool {
        header.split(separator: ",").contains { item in
            var text = item.trimmingCharacters(in: .whitespaces)
            if text == "*" { return true }
            if text.hasPrefix("W/") { text.removeFirst(2) }
            return text == tag
        }
    }

    // MARK: Rendering

    static func render(_ path: ErgastPath, championship: String, request: Request, host: String, state: ServerState) async throws -> ReadCache.Body {
        let index = await state.live.index()
        let years = index.seasons.keys.filter { $0.championship == championship }.map(\.season).sorted()
        guard index.championships[championship] != nil || !years.isEmpty else {
            throw Problem.notFound("no championship '\(championship)' in the log")
        }
        let cut = try RequestInput.cut(request)
        guard cut.afterRound == nil else {
            throw Problem.badParameter(
                "afterRound", "Ergast routes take the round in the path (/{season}/{round}/...); cuts here are asOf, knownAt and atPosition")
        }
        let limit = try RequestInput.queryInt("limit", request, minimum: 1).map(Int.init) ?? defaultLimit
        guard limit <= maxLimit else { throw Problem.badParameter("limit", "at most \(maxLimit), found \(limit)") }
        let offset = try RequestInput.queryInt("offset", request, minimum: 0).map { Int(clamping: $0) } ?? 0

        let references = index.references
        let driver = path.filters[.drivers].map { references.resolve($0, as: .competitor) { index.competitors[$0] != nil } }
        let constructor = path.filters[.constructors].map { references.resolve($0, as: .team) { index.teams[$0] != nil } }
        let circuit = path.filters[.circuits].map { references.resolve($0, as: .circuit) { references.circuits[$0] != nil } }

        var wanted: [Int]
        switch path.season {
        case .year(let year)?: wanted = years.contains(year) ? [year] : []
        case .current?: wanted = years.last.map { [$0] } ?? []
        case nil:
            wanted = years
            if let driver { wanted = wanted.filter { index.seasons[SeasonKey(championship, $0)]?.competitors.contains(driver) ?? false } }
        }
        func load(_ year: Int) async throws -> ErgastSeason {
            ErgastSeason(ledger: try await state.live.service.ledger(SeasonKey(championship, year)), cut: cut)
        }
        var seasons: [ErgastSeason] = []
        for year in wanted { seasons.append(try await load(year)) }

        var round: Int?
        if let asked = path.round, let season = seasons.first {
            // Only `last` and `next` need the season's rounds built (the first without results).
            func next() -> Int? { season.rounds.first { !$0.hasResults }?.round }
            switch asked {
            case .number(let n): round = n
            case .last: round = next().map { max(1, $0 - 1) } ?? season.rounds.last?.round
            case .next:
                if let next = next() {
                    round = next
                } else {
                    // Every round has its results: the next is the first of the following season.
                    round = 1
                    seasons = years.contains(season.key.season + 1) ? [try await load(season.key.season + 1)] : []
                }
            }
            if round == nil { seasons = [] }
        }

        let query = ErgastResources.Query(
            path: path, driver: driver, constructor: constructor, circuit: circuit, round: round,
            limit: limit, offset: offset)
        let page = ErgastResources(query: query, objects: ErgastObjects(registers: index), seasons: seasons).page()
        let document: ErgastJSON = .object([
            (
                "MRData",
                .object([
                    ("xmlns", ""), ("series", .string(championship)), ("url", .string("http://\(host)\(request.uri.path)".lowercased())),
                    ("limit", .string(String(limit))), ("offset", .string(String(offset))), ("total", .string(String(page.total))),
                    (page.tableName, .object(page.table))
                ])
            )
        ])
        return ReadCache.Body(text: document.text, contentType: "application/json")
    }
}
