import Foundation
import Hummingbird
import JSONToolkit
import Paddock
import Projections
import SeasonDomain

/// Two tables of a season side by side (``Comparison``): `GET …/compare?from=CUT&to=CUT` (cached like
/// every read), and `POST …/compare` with rules in the body: a hypothesis, never recorded.
enum CompareRoutes {
    static let path = ReadRoutes.season + "/compare"

    static let routes: [Route] = [
        ReadRoutes.cached(path, compare),
        Route(.post, path, compareWithRules)
    ]

    /// `from` (required unless `rulesOf` is given), `to` (default everything), `teams`, `class`, `rulesOf`.
    static func compare(_ request: Request, _ context: PaddockRequestContext, _ state: ServerState) async throws -> ReadCache.Body {
        let rules = try await rulesOf(RequestInput.query("rulesOf", request), state)
        return try await render(
            key: try RequestInput.season(context), from: RequestInput.query("from", request),
            to: RequestInput.query("to", request), teams: try RequestInput.queryBool("teams", request),
            className: RequestInput.query("class", request), rules: rules, state: state)
    }

    /// The body: `{"from": CUT, "to": CUT, "teams": bool, "class": text, "rules": RULES | "rulesOf": "f1:2010"}`.
    struct Body {
        static let shape = "expected {\"from\", \"to\", \"teams\", \"class\", \"rules\" or \"rulesOf\"}"

        var from: String?
        var to: String?
        var teams: Bool?
        var `class`: String?
        var rulesOf: String?
        /// The rules' exact text, for ``HypotheticalRules``.
        var rules: String?

        /// Reads the members of the body's one scan; other members are ignored.
        init(_ members: [RequestJSON.Member]) throws(Problem) {
            func value(_ name: String) -> JSONValue? {
                members.last { $0.key == name }.flatMap { JSONValue.parse($0.value) }.flatMap { $0.isNull ? nil : $0 }
            }
            func string(_ name: String) throws(Problem) -> String? {
                guard let found = value(name) else { return nil }
                guard let text = found.string else { throw Problem.badBody("\(Body.shape): '\(name)' must be a string") }
                return text
            }
            from = try string("from")
            to = try string("to")
            `class` = try string("class")
            rulesOf = try string("rulesOf")
            if let found = value("teams") {
                guard let flag = found.bool else { throw Problem.badBody("\(Body.shape): 'teams' must be true or false") }
                teams = flag
            }
            rules = members.first { $0.key == "rules" }?.value
        }
    }

    static func compareWithRules(_ request: Request, _ context: PaddockRequestContext, _ state: ServerState) async throws -> Response {
        let key = try RequestInput.season(context)
        let text = try await RequestInput.body(request, context)
        let body = try Body(RequestJSON.members(ofObject: text, notObject: Body.shape))
        var rules = try await rulesOf(body.rulesOf, state)
        if let member = body.rules {
            guard rules == nil else { throw Problem.invalid("rules", "rules: give rules or rulesOf, not both") }
            do {
                rules = try HypotheticalRules.parse(Data(member.utf8), source: "the rules in the request")
            } catch {
                throw Problem.invalid("rules" + error.path.dropFirst("payload.rules".count), "rules: \(error.description)")
            }
        }
        let rendered = try await render(
            key: key, from: body.from, to: body.to, teams: body.teams ?? false, className: body.class,
            rules: rules, state: state)
        let head = try await state.logHeads.head(at: state.live.position)
        var headers = HTTPFields()
        headers[LogHead.header] = head.text
        return JSONResponses.text(head.inserted(into: rendered.text), headers: headers)
    }

    static func rulesOf(_ text: String?, _ state: ServerState) async throws -> HypotheticalRules? {
        guard let text else { return nil }
        guard let key = SeasonKey(reference: text) else {
            throw Problem.badParameter("rulesOf", "expected CHAMPIONSHIP:SEASON (e.g. f1:2010), found '\(text.prefix(60))'")
        }
        guard await state.live.index().seasons[key] != nil else { throw Problem.notFound("rulesOf: no season '\(key.championship)' \(key.season) in the log") }
        return try await state.live.service.rules(of: key)
    }

    static func render(
        key: SeasonKey, from: String?, to: String?, teams: Bool, className: String?, rules: HypotheticalRules?,
        state: ServerState
    ) async throws -> ReadCache.Body {
        guard from != nil || rules != nil else {
            throw Problem.badParameter("from", "a cut is needed (after-round:8, as-of:2018-08-21, known-at:TIME, position:P), unless rules are given")
        }
        let fromCut = try cut("from", from), toCut = try cut("to", to)
        let comparison = try await state.live.service.comparison(
            key, className: className, kind: teams ? .teams : .competitors,
            from: fromCut, to: toCut, rules: rules)
        let index = await state.live.index()
        let names = index.names(ofTeams: teams)
        return try JSONResponses.body(Documents.comparison(comparison, names: names))
    }

    static func cut(_ name: String, _ text: String?) throws -> Cut {
        do { return try CutText.parse(text ?? "") } catch { throw Problem.badParameter(name, error.description) }
    }
}
