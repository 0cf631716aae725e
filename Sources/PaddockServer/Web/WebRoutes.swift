import EventStore
import Foundation
import HTTPTypes
import Hummingbird
import Paddock
import PaddockWeb
import Projections

/// The web app's pages (HTML for people), served beside the JSON API from the same process and
/// port. They are registered apart from ``Routes/all``, the API's table that `openapi.json`
/// documents: a page is not an API operation, and its address may change with its design.
///
/// Public pages are rendered once per address and projected position (``ReadCache``, like the
/// API's reads); the desk's pages (``DeskWebRoutes``) are rendered for each signed-in request.
enum WebRoutes {
    static let all: [Route] =
        [
            Route(.get, "/", page(home)),
            Route(.get, "/seasons/{id}/{year}", page(season)),
            Route(.get, "/seasons/{id}/{year}/explain/{competitor}", page(explanation)),
            Route(.get, "/careers/{id}", page(career)),
            // The log is read from the store, not the projections: not kept in the read cache.
            Route(.get, "/log", page(cached: false, log)),
            Route(.get, "/log/verify", page(cached: false, verify)),
            Route(.get, "/log/{position}", page(cached: false, event)),
            Route(.get, "/assets/{name}", asset)
        ] + DeskWebRoutes.routes

    typealias Renderer = @Sendable (Request, PaddockRequestContext, ServerState) async throws -> String

    /// A public page: answered from the read cache while the projections stay where they were;
    /// a problem (an unknown season, a cut not understood) is a page too, with its status.
    static func page(cached: Bool = true, _ render: @escaping Renderer) -> Route.Handler {
        { request, context, state in
            do {
                let page: ReadCache.Body
                if cached {
                    page = try await state.readCache.body(for: "web:" + request.uri.description, at: state.live.position) {
                        try await LogHeadMarker.filled(render(request, context, state), state.logHeads)
                    }
                } else {
                    page = try await LogHeadMarker.filled(render(request, context, state), state.logHeads)
                }
                var headers = HTTPFields()
                headers[LogHead.header] = page.logHead
                return WebResponses.html(page.text, headers: headers)
            } catch {
                guard let problem = Problem.from(error) else { throw error }
                return WebResponses.problem(problem)
            }
        }
    }

    static func home(_ request: Request, _ context: PaddockRequestContext, _ state: ServerState) async throws -> String {
        let index = await state.live.index()
        let search = RequestInput.query("q", request).map { $0.trimmingCharacters(in: .whitespaces) }.flatMap { $0.isEmpty ? nil : String($0.prefix(100)) }
        var competitors: [HomeView.Found] = [], teams: [HomeView.Found] = []
        if let search {
            competitors = index.competitors.values.filter { ReadRoutes.matches(search, $0.competitor, $0.name) }
                .map { HomeView.Found(id: $0.competitor, name: $0.name, nationality: $0.nationality) }.sorted { ($0.name, $0.id) < ($1.name, $1.id) }
            teams = index.teams.values.filter { ReadRoutes.matches(search, $0.team, $0.name) }
                .map { HomeView.Found(id: $0.team, name: $0.name, nationality: $0.nationality) }.sorted { ($0.name, $0.id) < ($1.name, $1.id) }
        }
        return HomePage.render(
            HomeView(
                championships: championships(index), search: search, competitors: Array(competitors.prefix(50)), teams: Array(teams.prefix(50)),
                competitorMatches: competitors.count, teamMatches: teams.count, position: state.live.position))
    }

    /// The championships with their seasons, by name.
    static func championships(_ index: TimelineIndex) -> [HomeView.Championship] {
        var seasons: [String: [Int]] = [:]
        for key in index.seasons.keys { seasons[key.championship, default: []].append(key.season) }
        return Set(index.championships.keys).union(seasons.keys).map { id in
            HomeView.Championship(
                id: id, name: index.championships[id]?.name ?? id,
                discipline: index.championships[id]?.discipline.rawValue, seasons: (seasons[id] ?? []).sorted())
        }.sorted { ($0.name, $0.id) < ($1.name, $1.id) }
    }

    static func season(_ request: Request, _ context: PaddockRequestContext, _ state: ServerState) async throws -> String {
        SeasonPage.render(try await SeasonPageData.season(try RequestInput.season(context), request, state))
    }

    static func explanation(_ request: Request, _ context: PaddockRequestContext, _ state: ServerState) async throws -> String {
        let view = try await SeasonPageData.explanation(
            try RequestInput.season(context), competitor: try RequestInput.path("competitor", context),
            request, state)
        return ExplanationPage.render(view)
    }

    static func career(_ request: Request, _ context: PaddockRequestContext, _ state: ServerState) async throws -> String {
        let position = state.live.position
        return CareerPage.render(try await state.live.service.career(try RequestInput.path("id", context)), position: position)
    }

    static func log(_ request: Request, _ context: PaddockRequestContext, _ state: ServerState) async throws -> String {
        let (filter, problem) = try LogPageData.filter(request)
        return LogPage.render(try await LogPageData.page(filter, problem: problem, state: state))
    }

    static func event(_ request: Request, _ context: PaddockRequestContext, _ state: ServerState) async throws -> String {
        let position = try RequestInput.pathInt("position", context)
        guard position >= 1 else { throw Problem.badParameter("position", "log positions start at 1") }
        let (entry, head) = try await LogPageData.event(Int64(position), state: state)
        return LogPage.renderEvent(entry, headPosition: head)
    }

    /// Re-walks the chain: once per head position, however many ask at once (``ChainVerification``).
    static func verify(_ request: Request, _ context: PaddockRequestContext, _ state: ServerState) async throws -> String {
        let head = try await state.store.headPosition()
        return LogPage.renderVerification(try await state.web.verification.report(of: state.store), headPosition: head)
    }

    /// Paddock's style sheet, script and icon: kept a year by browsers (the address changes with the file).
    static func asset(_ request: Request, _ context: PaddockRequestContext, _ state: ServerState) async throws -> Response {
        let name = try RequestInput.path("name", context)
        guard let file = Assets.file(named: name) else { return WebResponses.problem(.notFound("no asset '\(name.prefix(60))'")) }
        var headers = HTTPFields()
        headers[.contentType] = file.contentType
        headers[.eTag] = "\"\(file.version)\""
        headers[.cacheControl] = RequestInput.query("v", request) == file.version ? "public, max-age=31536000, immutable" : "no-cache"
        WebResponses.secure(&headers)
        if request.headers[.ifNoneMatch] == "\"\(file.version)\"" { return Response(status: .notModified, headers: headers) }
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: file.text)))
    }
}
