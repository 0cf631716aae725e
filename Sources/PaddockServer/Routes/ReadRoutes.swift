import EventStore
import Foundation
import Hummingbird
import Paddock
import Projections

/// Reading, from the in-memory projections: championships, calendars, standings, explanations,
/// title maths, competitors, careers, teams. Standings, explanations and calendars take a cut.
enum ReadRoutes {
    static let season = "/championships/{id}/seasons/{year}"

    static let routes: [Route] = [
        cached("/championships", championships),
        cached(season + "/calendar", calendar),
        cached(season + "/calendar.ics", calendarICS),
        cached(season + "/standings", standings),
        cached(season + "/competitors/{competitor}/explanation", explanation),
        cached(season + "/title", title),
        cached("/competitors", competitors),
        cached("/competitors/{id}/career", career),
        cached("/teams", teams)
    ]

    typealias Renderer = @Sendable (Request, PaddockRequestContext, ServerState) async throws -> ReadCache.Body

    /// A GET route whose body comes from ``ServerState/readCache`` while the projections stay where
    /// they were. The body (a JSON object's first member) and the `Paddock-Log-Head` header carry
    /// the log head it was computed from.
    static func cached(_ path: String, _ render: @escaping Renderer) -> Route {
        Route(.get, path) { request, context, state in
            let position = state.live.position
            let head = try await state.logHeads.head(at: position)
            let body = try await state.readCache.body(for: request.uri.description, at: position) {
                var body = try await render(request, context, state)
                if body.contentType == "application/json" { body.text = head.inserted(into: body.text) }
                return body
            }
            var headers = HTTPFields()
            headers[LogHead.header] = head.text
            return JSONResponses.text(body.text, headers: headers, contentType: body.contentType)
        }
    }

    struct Championship: Encodable {
        var id: String
        var name: String
        var discipline: String?
        var seasons: [Int]
    }

    static func championships(_ request: Request, _ context: PaddockRequestContext, _ state: ServerState) async throws -> ReadCache.Body {
        let index = await state.live.index()
        var seasons: [String: [Int]] = [:]
        for key in index.seasons.keys { seasons[key.championship, default: []].append(key.season) }
        let ids = Set(index.championships.keys).union(seasons.keys).sorted()
        let list = ids.map { id in
            Championship(
                id: id, name: index.championships[id]?.name ?? id,
                discipline: index.championships[id]?.discipline.rawValue, seasons: (seasons[id] ?? []).sorted())
        }
        return try JSONResponses.body(["championships": list])
    }

    static func calendar(_ request: Request, _ context: PaddockRequestContext, _ state: ServerState) async throws -> ReadCache.Body {
        let calendar = try await state.live.service.calendar(try RequestInput.season(context), cut: try RequestInput.cut(request))
        return try JSONResponses.body(calendar)
    }

    static func calendarICS(_ request: Request, _ context: PaddockRequestContext, _ state: ServerState) async throws -> ReadCache.Body {
        let key = try RequestInput.season(context)
        let calendar = try await state.live.service.calendar(key, cut: try RequestInput.cut(request))
        let name = await state.live.index().championships[key.championship]?.name
        return ReadCache.Body(
            text: ICalendar.render(calendar, championshipName: name, stampedAt: Date()),
            contentType: "text/calendar; charset=utf-8")
    }

    static func standings(_ request: Request, _ context: PaddockRequestContext, _ state: ServerState) async throws -> ReadCache.Body {
        let key = try RequestInput.season(context)
        let cut = try RequestInput.cut(request)
        let teams = try RequestInput.queryBool("teams", request)
        let className = RequestInput.query("class", request)
        let rules = try await CompareRoutes.rulesOf(RequestInput.query("rulesOf", request), state)
        let result = try await state.live.service.standings(key, className: className, kind: teams ? .teams : .competitors, cut: cut, rules: rules)
        let index = await state.live.index()
        let names = index.names(ofTeams: teams)
        return try JSONResponses.body(Documents.standings(result.table, names: names, hypotheticalRules: rules.map { "hypothetical: " + $0.used.source }))
    }

    static func explanation(_ request: Request, _ context: PaddockRequestContext, _ state: ServerState) async throws -> ReadCache.Body {
        let key = try RequestInput.season(context)
        let competitor = try RequestInput.path("competitor", context)
        let explanation = try await state.live.service.explanation(
            key, className: RequestInput.query("class", request), competitor: competitor, cut: try RequestInput.cut(request))
        let name = await state.live.index().name(ofCompetitor: competitor)
        return try JSONResponses.body(Documents.explanation(explanation, name: name))
    }

    static func title(_ request: Request, _ context: PaddockRequestContext, _ state: ServerState) async throws -> ReadCache.Body {
        let key = try RequestInput.season(context)
        let afterRound = try RequestInput.queryInt("afterRound", request, minimum: 1).map(Int.init)
        let outlooks = try await state.live.service.titleOutlooks(key, className: RequestInput.query("class", request), afterRound: afterRound)
        return try JSONResponses.body(["outlooks": outlooks])
    }

    /// A competitor or a team, as the search routes list them.
    struct Person: Encodable {
        var id: String
        var name: String
        var nationality: String?

        /// Those matching `search` (``matches(_:_:_:)``), by name then id.
        static func list(_ all: [Person], search: String?) -> [Person] {
            all.filter { matches(search, $0.id, $0.name) }.sorted { ($0.name, $0.id) < ($1.name, $1.id) }
        }
    }

    static func competitors(_ request: Request, _ context: PaddockRequestContext, _ state: ServerState) async throws -> ReadCache.Body {
        let people = await state.live.index().competitors.values.map { Person(id: $0.competitor, name: $0.name, nationality: $0.nationality) }
        return try JSONResponses.body(["competitors": Person.list(people, search: RequestInput.query("search", request))])
    }

    static func career(_ request: Request, _ context: PaddockRequestContext, _ state: ServerState) async throws -> ReadCache.Body {
        try JSONResponses.body(try await state.live.service.career(try RequestInput.path("id", context)))
    }

    static func teams(_ request: Request, _ context: PaddockRequestContext, _ state: ServerState) async throws -> ReadCache.Body {
        let teams = await state.live.index().teams.values.map { Person(id: $0.team, name: $0.name, nationality: $0.nationality) }
        return try JSONResponses.body(["teams": Person.list(teams, search: RequestInput.query("search", request))])
    }

    /// Case- and diacritic-insensitive substring match on id or name; no search matches everything.
    static func matches(_ search: String?, _ id: String, _ name: String) -> Bool {
        guard let search, !search.isEmpty else { return true }
        let options: String.CompareOptions = [.caseInsensitive, .diacriticInsensitive]
        return name.range(of: search, options: options) != nil || id.range(of: search, options: options) != nil
    }
}
