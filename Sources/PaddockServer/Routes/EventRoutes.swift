import EventStore
import Foundation
import Hummingbird
import Paddock

/// The log itself: paged envelopes, the live feed, and appends to any stream.
enum EventRoutes {
    static let routes: [Route] = [
        Route(.get, "/events", page),
        Route(.get, "/events/stream", LiveFeed.stream),
        Route(.post, "/streams/{stream}/events", append)
    ]

    static let maxPage: Int64 = 1000

    /// `GET /events?after=P&limit=N`: envelopes after position P (default 0), at most N (default 100, at most 1000).
    static func page(_ request: Request, _ context: PaddockRequestContext, _ state: ServerState) async throws -> Response {
        let after = try RequestInput.queryInt("after", request, minimum: 0) ?? 0
        let limit = try RequestInput.queryInt("limit", request, minimum: 1) ?? 100
        guard limit <= maxPage else { throw Problem.badParameter("limit", "at most \(maxPage), found \(limit)") }
        let events = try await state.store.read(after: after, limit: Int(limit))
        let next = events.count == Int(limit) ? events.last.map { String($0.position) } ?? "null" : "null"
        let body = "{\"events\":[" + events.map(EnvelopeLine.encode).joined(separator: ",") + "],\"next\":\(next)}"
        return JSONResponses.text(body)
    }

    /// `POST /streams/{stream}/events`: one event or an array of them, each an NDJSON append line
    /// without `stream` (and without `actor`: the token's name is recorded).
    static func append(_ request: Request, _ context: PaddockRequestContext, _ state: ServerState) async throws -> Response {
        let stream = try RequestInput.path("stream", context)
        let caller = try await state.auth.caller(of: request)
        let expected = try RequestInput.ifMatch(request)
        let text = try await RequestInput.body(request, context)
        let events: [[RequestJSON.Member]?]
        switch try RequestJSON.scan(text) {
        case .object(let members): events = [members]
        case .array(let items): events = items
        case .other: throw Problem.badBody("expected an event object or an array of them")
        }
        var texts: [String] = []
        for (index, members) in events.enumerated() {
            guard let members else { throw Problem.invalid(nil, "event \(index + 1): expected a JSON object", event: index + 1) }
            texts.append(try Appending.lineText(members, stream: stream, index: index + 1))
        }
        return try await Appending.append(texts, to: stream, expected: expected, caller: caller, state: state)
    }
}
