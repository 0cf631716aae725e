import EventStore
import Foundation
import HTTPTypes
import Hummingbird
import JSONToolkit
import Paddock
import Projections
import ServiceLifecycle

/// Server-Sent Events framing (WHATWG HTML §9.2).
enum ServerSentEvents {
    /// One event: `id:`, `event:`, then `data:` per line of the data, and a blank line.
    static func frame(id: Int64?, event: String, data: String) -> String {
        var text = id.map { "id: \($0)\n" } ?? ""
        text += "event: \(event)\n"
        for line in data.split(separator: "\n", omittingEmptySubsequences: false) { text += "data: \(line)\n" }
        return text + "\n"
    }

    static func comment(_ text: String) -> String { ": \(text)\n\n" }
}

/// `GET /events/stream`: the log as Server-Sent Events.
///
/// Catches up from `Last-Event-ID` (or `?after=P`; without either, from the current head), then
/// pushes each event as it is appended: `id:` the position, `event:` the type, `data:` the envelope.
/// After an event of a season stream, once the projections include it, an `event: standings`
/// notice names the championship and season whose table may have changed. A keep-alive comment
/// goes out every ``ServerSettings/keepAliveInterval``.
///
/// Every feed reads from one ``LiveFeedHub``: the catch-up reads the log in pages (each written
/// before the next is read), then joins the hub's shared frames right after the last event it
/// wrote, so nothing is missed or written twice; a feed that falls behind the hub's ring goes back
/// to pages. The feed ends when the client goes away, when it reads nothing for
/// ``ServerSettings/stallTimeout`` (the connection is closed), or at shutdown (an `event: closed`
/// with the reason, when the client can still hear it).
enum LiveFeed {
    static let lastEventID = HTTPField.Name("Last-Event-ID")!
    /// Events per page, for a catch-up and for the hub's reads.
    static let catchUpPage = 500

    static let keepAliveFrame = ByteBuffer(string: ServerSentEvents.comment("keep-alive"))

    static func frame(of event: RecordedEvent) -> ByteBuffer {
        ByteBuffer(string: ServerSentEvents.frame(id: event.position, event: event.type, data: EnvelopeLine.encode(event)))
    }

    static func notice(_ key: SeasonKey, position: Int64) -> ByteBuffer {
        let data = "{\"championship\":\(JSONWriter.quoted(key.championship)),\"season\":\(key.season),\"position\":\(position)}"
        return ByteBuffer(string: ServerSentEvents.frame(id: nil, event: "standings", data: data))
    }

    static func stream(_ request: Request, _ context: PaddockRequestContext, _ state: ServerState) async throws -> Response {
        let after: Int64
        if let header = request.headers[lastEventID] {
            guard let value = Int64(header.trimmingCharacters(in: .whitespaces)), value >= 0 else {
                throw Problem.badParameter("Last-Event-ID", "expected a log position, found '\(header.prefix(40))'")
            }
            after = value
        } else if let value = try RequestInput.queryInt("after", request, minimum: 0) {
            after = value
        } else {
            after = try await state.store.headPosition()
        }
        let subscription = try state.feeds.admit(channel: context.channel)
        var headers = HTTPFields()
        headers[.contentType] = "text/event-stream"
        headers[.cacheControl] = "no-cache"
        let body = ResponseBody { writer in
            try await request.body.consumeWithInboundCloseHandler { _ in
                try await withGracefulShutdownHandler {
                    try await run(after: after, subscription: subscription, writer: &writer, store: state.store)
                } onGracefulShutdown: {
                    subscription.close(reason: "the server is shutting down")
                }
            } onInboundClosed: {
                subscription.close(reason: nil)
            }
            try await writer.finish(nil)
        }
        return Response(status: .ok, headers: headers, body: body)
    }

    static func run(after: Int64, subscription: Subscription, writer: inout any ResponseBodyWriter, store: any EventStore) async throws {
        try await writer.write(ByteBuffer(string: "retry: 2000\n\n"))
        var last = after
        while true {
            // Catch up from the log a page at a time (the writes are the back-pressure) until the
            // hub's ring holds what follows the last event written.
            while !subscription.join(after: last) {
                let page = try await store.read(after: last, limit: catchUpPage)
                guard let end = page.last else {
                    // Nothing after `last` in the log, yet the hub has published past it: its read
                    // began later than this one. Let it finish.
                    try await Task.sleep(for: .milliseconds(20))
                    continue
                }
                let frames = page.map(frame(of:))
                try await subscription.write(frames, to: &writer)
                last = end.position
            }
            following: while true {
                switch await subscription.next() {
                case .frames(let frames, let lastEvent):
                    try await subscription.write(frames, to: &writer)
                    if let lastEvent { last = lastEvent }
                case .behind:
                    break following
                case .closed(let reason):
                    if let reason {
                        let data = "{\"reason\":\(JSONWriter.quoted(reason)),\"lastEventId\":\(last)}"
                        try? await writer.write(ByteBuffer(string: ServerSentEvents.frame(id: nil, event: "closed", data: data)))
                    }
                    return
                }
            }
        }
    }
}
