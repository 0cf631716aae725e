import EventStore
import Foundation
import HTTPTypes
import Hummingbird
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
/// goes out every ``ServerSettings/keepAliveInterval``. The feed ends when the client goes away or
/// the server shuts down.
enum LiveFeed {
    static let lastEventID = HTTPField.Name("Last-Event-ID")!
    static let catchUpPage = 500

    enum Item: Sendable {
        case event(RecordedEvent)
        case keepAlive
        case failed(String)
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
        var headers = HTTPFields()
        headers[.contentType] = "text/event-stream"
        headers[.cacheControl] = "no-cache"
        let body = ResponseBody { writer in
            state.metrics.sseSubscribers.increment()
            defer { state.metrics.sseSubscribers.decrement() }
            let (items, feed) = AsyncStream<Item>.makeStream()
            try await request.body.consumeWithInboundCloseHandler { _ in
                try await withGracefulShutdownHandler {
                    try await run(after: after, items: items, feed: feed, writer: &writer, state: state)
                } onGracefulShutdown: {
                    feed.finish()
                }
            } onInboundClosed: {
                feed.finish()
            }
            try await writer.finish(nil)
        }
        return Response(status: .ok, headers: headers, body: body)
    }

    static func run(after: Int64, items: AsyncStream<Item>, feed: AsyncStream<Item>.Continuation,
                    writer: inout any ResponseBodyWriter, state: ServerState) async throws {
        try await writer.write(ByteBuffer(string: "retry: 2000\n\n"))
        // Catch-up page by page (the writes are the back-pressure), then follow from where it ended.
        var last = after
        while true {
            let page = try await state.store.read(after: last, limit: catchUpPage)
            for event in page {
                try await writer.write(ByteBuffer(string: ServerSentEvents.frame(id: event.position, event: event.type, data: EnvelopeLine.encode(event))))
                last = event.position
            }
            if page.count < catchUpPage { break }
        }
        let subscription = Task { [last] in
            do {
                for try await event in state.store.subscribe(after: last) { feed.yield(.event(event)) }
            } catch {
                feed.yield(.failed(String(describing: error)))
            }
            feed.finish()
        }
        let keepAlive = Task {
            while !Task.isCancelled {
                try await Task.sleep(for: state.settings.keepAliveInterval)
                feed.yield(.keepAlive)
            }
        }
        defer {
            subscription.cancel()
            keepAlive.cancel()
            feed.finish()
        }
        for await item in items {
            switch item {
            case .event(let event):
                try await writer.write(ByteBuffer(string: ServerSentEvents.frame(id: event.position, event: event.type, data: EnvelopeLine.encode(event))))
                if let key = Timeline.seasonKey(ofStream: event.stream) {
                    await state.live.waitUntilProjected(event.position, timeout: state.settings.projectionWait)
                    let data = "{\"championship\":\(RawJSON.quoted(key.championship)),\"season\":\(key.season),\"position\":\(event.position)}"
                    try await writer.write(ByteBuffer(string: ServerSentEvents.frame(id: nil, event: "standings", data: data)))
                }
            case .keepAlive:
                try await writer.write(ByteBuffer(string: ServerSentEvents.comment("keep-alive")))
            case .failed(let reason):
                state.logger.error("live feed: \(reason)")
                return
            }
        }
    }
}
