import EventStore
import Foundation
import HTTPTypes
import Hummingbird
import Paddock
import PaddockWeb
import Projections
import SeasonDomain

/// The desk in the browser: sign in with a token once per browser session, then record through
/// forms that post to the same code as the JSON desk routes (``DeskRoutes/record``): the same
/// validation, the same 422 (shown beside the field it names), the same optimistic concurrency
/// (409: someone recorded first), the same idempotent event ids (a retried submit records
/// nothing twice). Every form carries the session's anti-forgery token; posts from another
/// origin are refused.
enum DeskWebRoutes {
    static let routes: [Route] = [
        Route(.get, "/desk", home),
        Route(.post, "/desk/sign-in", signIn),
        Route(.post, "/desk/sign-out", signOut),
        Route(.get, "/desk/{id}/{year}", season),
        Route(.get, "/desk/{id}/{year}/{form}", showForm),
        Route(.post, "/desk/{id}/{year}/{form}", submitForm)
    ]

    // MARK: - Signing in and out

    static func home(_ request: Request, _ context: PaddockRequestContext, _ state: ServerState) async throws -> Response {
        guard let session = state.web.sessions.session(of: request)?.session else {
            return WebResponses.html(DeskPages.signIn(error: nil), caching: .never)
        }
        let championships = WebRoutes.championships(await state.live.index())
        return WebResponses.html(DeskPages.seasons(championships, signedIn: signedIn(session)), caching: .never)
    }

    static func signIn(_ request: Request, _ context: PaddockRequestContext, _ state: ServerState) async throws -> Response {
        return try await guarded {
            try sameOrigin(request)
            let form = try await FormBody.read(request, context)
            let token = (form["token"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            guard !token.isEmpty, token.count <= 200 else {
                return WebResponses.html(
                    DeskPages.signIn(error: "Paste the token that 'paddock token create' printed."), status: .unauthorized, caching: .never)
            }
            let caller: Caller
            do {
                caller = try await state.auth.caller(token: token)
            } catch let problem as Problem where problem.status == .unauthorized {
                return WebResponses.html(DeskPages.signIn(error: "That token is not known here."), status: .unauthorized, caching: .never)
            }
            let (id, _) = state.web.sessions.open(for: caller)
            var headers = HTTPFields()
            headers[.setCookie] = DeskSessions.setCookie(id)
            return WebResponses.seeOther("/desk", headers: headers)
        }
    }

    static func signOut(_ request: Request, _ context: PaddockRequestContext, _ state: ServerState) async throws -> Response {
        try await guarded {
            let (id, _, _) = try await signedIn(request, context, state)
            state.web.sessions.close(id)
            var headers = HTTPFields()
            headers[.setCookie] = DeskSessions.clearCookie
            return WebResponses.seeOther("/desk", headers: headers)
        }
    }

    // MARK: - A season's forms

    static func season(_ request: Request, _ context: PaddockRequestContext, _ state: ServerState) async throws -> Response {
        try await guarded {
            guard let session = state.web.sessions.session(of: request)?.session else { return WebResponses.seeOther("/desk") }
            let desk = try await deskSeason(try RequestInput.season(context), state)
            let forms = DeskForm.all.map { ($0, session.caller.role >= Role.needed(forEventType: $0.eventType)) }
            return WebResponses.html(DeskPages.season(desk, forms: forms, signedIn: signedIn(session)), caching: .never)
        }
    }

    static func showForm(_ request: Request, _ context: PaddockRequestContext, _ state: ServerState) async throws -> Response {
        try await guarded {
            guard let session = state.web.sessions.session(of: request)?.session else { return WebResponses.seeOther("/desk") }
            let key = try RequestInput.season(context)
            let form = try deskForm(context, caller: session.caller, state: state)
            let desk = try await deskSeason(key, state)
            let rows = min(max(Int(RequestInput.query("rows", request) ?? "") ?? 10, 1), DeskSubmission.maxRows)
            var state = DeskFormState(values: freshEnvelope(desk), rows: rows)
            if let recorded = positions(RequestInput.query("recorded", request)) { state.outcome = .recorded(recorded) }
            if let already = positions(RequestInput.query("already", request)) { state.outcome = .alreadyRecorded(already) }
            return WebResponses.html(DeskPages.form(form, season: desk, state: state, signedIn: signedIn(session)), caching: .never)
        }
    }

    static func submitForm(_ request: Request, _ context: PaddockRequestContext, _ state: ServerState) async throws -> Response {
        try await guarded {
            let (_, session, body) = try await signedIn(request, context, state)
            let key = try RequestInput.season(context)
            let form = try deskForm(context, caller: session.caller, state: state)
            var values = body.values
            values["csrf"] = nil
            let submission = DeskSubmission(form: form, values: values)
            do {
                let outcome = try await DeskRoutes.record(
                    form.eventType, season: key, round: nil, caller: session.caller, expected: nil,
                    body: submission.body, state: state)
                let positions = outcome.events.map { String($0.position) }.joined(separator: ",")
                let href = Href.deskForm(key.championship, key.season, form.slug) + Href.query([(outcome.alreadyRecorded ? "already" : "recorded", positions)])
                return WebResponses.seeOther(href)
            } catch let problem as Problem where [400, 409, 422].contains(problem.status.code) {
                let desk = try await deskSeason(key, state)
                var formState = DeskFormState(values: values, rows: max(10, form.rows.map { DeskSubmission.rowCount(values, rows: $0) } ?? 0))
                explain(problem, submission: submission, desk: desk, into: &formState)
                return WebResponses.html(
                    DeskPages.form(form, season: desk, state: formState, signedIn: signedIn(session)),
                    status: problem.status, caching: .never)
            }
        }
    }

    /// Puts a refusal where the person will look: beside the field it names, or above the form.
    static func explain(_ problem: Problem, submission: DeskSubmission, desk: DeskSeason, into state: inout DeskFormState) {
        var detail = problem.detail
        if detail.hasPrefix("event "), let colon = detail.range(of: ": ") { detail = String(detail[colon.upperBound...]) }
        switch problem.slug {
        case "version-conflict":
            state.conflict = problem.currentVersion ?? desk.streamVersion
            // Submitting again records after what the others recorded (the same event id: still once).
            state.values["expectedVersion"] = String(problem.currentVersion ?? desk.streamVersion)
        case "idempotency-conflict":
            state.errors.append("This form was recorded already, with other values. Submit again to record these values as a new event.")
            state.values["eventId"] = UUID.timeOrdered().uuidString.lowercased()
            state.values["expectedVersion"] = String(desk.streamVersion)
        default:
            if let field = submission.fieldName(forProblemField: problem.field) {
                var message = detail
                if let path = problem.field, message.hasPrefix(path + ": ") { message.removeFirst(path.count + 2) }
                state.fieldErrors[field] = message
            } else {
                state.errors.append(detail)
            }
        }
    }

    // MARK: - Parts

    /// The signed-in session of a form post: the session cookie, the same origin, the session's
    /// anti-forgery token in the form.
    static func signedIn(_ request: Request, _ context: PaddockRequestContext, _ state: ServerState) async throws
        -> (id: String, session: DeskSessions.Session, body: FormBody)
    {
        try sameOrigin(request)
        guard let found = state.web.sessions.session(of: request) else {
            throw Problem.unauthorized("sign in at the desk first (/desk); sessions end when the browser closes or the service restarts")
        }
        let (id, session) = (found.id, found.session)
        let body = try await FormBody.read(request, context)
        guard let csrf = body["csrf"], DeskSessions.constantTimeEqual(csrf, session.csrf) else {
            throw Problem.forbidden("the form's anti-forgery token is missing or not this session's: reload the page and submit again")
        }
        return (id, session, body)
    }

    /// Refuses a post another site's page made: its `Origin` names another host, or the browser says it is cross-site.
    static let fetchSiteHeader = HTTPField.Name("Sec-Fetch-Site")!
    static let originHeader = HTTPField.Name("Origin")!

    static func sameOrigin(_ request: Request) throws {
        if request.headers[fetchSiteHeader] == "cross-site" {
            throw Problem.forbidden("a form from another site cannot record here")
        }
        if let origin = request.headers[originHeader], origin != "null" {
            let host = request.head.authority ?? ""
            guard let url = URL(string: origin), let originHost = url.host else {
                throw Problem.forbidden("the request's Origin is not understood")
            }
            let originAuthority = originHost + (url.port.map { ":\($0)" } ?? "")
            guard originAuthority.lowercased() == host.lowercased() else {
                throw Problem.forbidden("a form from \(origin.prefix(80)) cannot record here")
            }
        }
    }

    static func deskForm(_ context: PaddockRequestContext, caller: Caller, state: ServerState) throws -> DeskForm {
        let slug = try RequestInput.path("form", context)
        guard let form = DeskForm.named(slug) else { throw Problem.notFound("the desk has no form '\(slug.prefix(40))'") }
        try state.auth.authorize(caller, Role.needed(forEventType: form.eventType), what: "the form '\(form.title)'")
        return form
    }

    /// The hidden envelope of a new form: a new event id (a retried submit sends it again and
    /// records nothing twice), now as the time it occurred, the season's version it was made at.
    static func freshEnvelope(_ desk: DeskSeason) -> [String: String] {
        ["eventId": UUID.timeOrdered().uuidString.lowercased(), "occurredAt": DeskRoutes.now(), "expectedVersion": String(desk.streamVersion)]
    }

    static func deskSeason(_ key: SeasonKey, _ state: ServerState) async throws -> DeskSeason {
        let index = await state.live.index()
        let ledger = try await state.live.service.ledger(key)
        let stream = StreamName.season(key.championship, key.season).text
        let version = try await state.store.version(of: stream)
        let recent = try await state.store.read(stream: stream, fromVersion: max(1, version - 7)).reversed()
        let rounds = ledger.calendar(cut: .everything).rounds.map { SeasonView.RoundLabel(round: $0.round, name: $0.name ?? $0.venue) }
        let classes = Set(ledger.classes + ledger.classifications.compactMap(\.fact.className) + ledger.entries.compactMap(\.fact.className)).sorted()
        let competitors = index.competitors.values.sorted { ($0.name, $0.competitor) < ($1.name, $1.competitor) }
            .map { DeskSeason.Choice(value: $0.competitor, label: $0.name) }
        let teams = index.teams.values.sorted { ($0.name, $0.team) < ($1.name, $1.team) }.map { DeskSeason.Choice(value: $0.team, label: $0.name) }
        let classifications = ledger.classifications.filter { !ledger.isRetracted($0.meta) }.sorted { $0.meta.position > $1.meta.position }
            .map { c in
                DeskSeason.Choice(
                    value: c.meta.eventId.uuidString.lowercased(),
                    label: "round \(c.fact.round) · \(c.fact.session)" + (c.fact.className.map { " · \($0)" } ?? "") + " · #\(c.meta.position)")
            }
        return DeskSeason(
            championship: key.championship, championshipName: index.championships[key.championship]?.name ?? key.championship,
            season: key.season, rounds: rounds, classes: classes, competitors: competitors, teams: teams,
            classifications: classifications, streamVersion: version, recent: Array(recent))
    }

    static func signedIn(_ session: DeskSessions.Session) -> Layout.SignedIn {
        Layout.SignedIn(name: session.caller.name, role: session.caller.role.rawValue, csrf: session.csrf)
    }

    static func positions(_ text: String?) -> [Int64]? {
        guard let text else { return nil }
        let positions = text.split(separator: ",").compactMap { Int64($0) }.filter { $0 > 0 }.prefix(100)
        return positions.isEmpty ? nil : Array(positions)
    }

    /// Runs a desk handler; a problem (not signed in, not allowed, an unknown season) becomes a page.
    static func guarded(_ body: () async throws -> Response) async throws -> Response {
        do {
            return try await body()
        } catch {
            guard let problem = Problem.from(error) else { throw error }
            if problem.status == .unauthorized { return WebResponses.seeOther("/desk") }
            return WebResponses.problem(problem)
        }
    }
}
