import Hummingbird
import Synchronization

/// Rendered read responses, by request URI and the projected position they were rendered at.
///
/// Every read route is a pure function of its URI and the projections, so a body rendered when the
/// projections had reached position P answers the same URI for as long as they stay at P. Under
/// load, one request per URI and position derives and encodes; requests that arrive meanwhile wait
/// for that rendering instead of repeating it, and later ones copy bytes. (A body rendered while the
/// follower moved on may include events after P: never older than P, so read-your-writes holds.)
/// Errors are shared with those waiting, not kept. Bounded: a newer position replaces an entry, and
/// when keeping one more body would pass ``maxBytes`` the cache starts again empty.
///
/// ```swift
/// let cache = ReadCache()
/// let body = try await cache.body(for: "/championships", at: 212) { try render() }
/// ```
final class ReadCache: Sendable {
    struct Body: Sendable {
        var text: String
        var contentType: String
        /// The `POSITION:HASH` a web page was made at (JSON documents carry theirs inside).
        var logHead: String? = nil
    }

    private enum Slot {
        case ready(Body)
        case rendering(Task<Body, any Error>)
    }

    private struct Entry {
        var position: Int64
        var slot: Slot
    }

    private struct Entries {
        var byURI: [String: Entry] = [:]
        var bytes = 0

        mutating func remove(_ uri: String) {
            if case .ready(let body)? = byURI.removeValue(forKey: uri)?.slot { bytes -= Entries.size(uri, body) }
        }

        static func size(_ uri: String, _ body: Body) -> Int { uri.utf8.count + body.text.utf8.count }
    }

    let maxBytes: Int
    private let entries = Mutex(Entries())

    init(maxBytes: Int = 32 << 20) {
        self.maxBytes = maxBytes
    }

    /// The body kept for `uri` at `position`, the one being rendered for them, or the one `render`
    /// makes (then kept).
    func body(for uri: String, at position: Int64, render: @escaping @Sendable () async throws -> Body) async throws -> Body {
        enum Found {
            case body(Body)
            case wait(Task<Body, any Error>, owned: Bool)
            case renderUncached
        }
        let found: Found = entries.withLock { entries in
            if let entry = entries.byURI[uri] {
                if entry.position > position { return .renderUncached }
                if entry.position == position {
                    switch entry.slot {
                    case .ready(let body): return .body(body)
                    case .rendering(let task): return .wait(task, owned: false)
                    }
                }
                entries.remove(uri)
            }
            let task = Task { try await render() }
            entries.byURI[uri] = Entry(position: position, slot: .rendering(task))
            return .wait(task, owned: true)
        }
        switch found {
        case .body(let body):
            return body
        case .renderUncached:
            // The request read an older position than the cache already holds: answer, keep nothing.
            return try await render()
        case .wait(let task, let owned):
            do {
                let body = try await task.value
                if owned { keep(body, for: uri, at: position) }
                return body
            } catch {
                if owned { entries.withLock { if $0.byURI[uri]?.position == position { $0.remove(uri) } } }
                throw error
            }
        }
    }

    private func keep(_ body: Body, for uri: String, at position: Int64) {
        let size = Entries.size(uri, body)
        entries.withLock { entries in
            guard entries.byURI[uri]?.position == position else { return }
            entries.remove(uri)
            guard size <= maxBytes else { return }
            if entries.bytes + size > maxBytes {
                // Start again, but keep the renderings in flight: their owners will keep their bodies.
                entries.byURI = entries.byURI.filter { if case .rendering = $0.value.slot { true } else { false } }
                entries.bytes = 0
            }
            entries.byURI[uri] = Entry(position: position, slot: .ready(body))
            entries.bytes += size
        }
    }

    /// How many bodies are kept, and their bytes (for tests).
    var usage: (count: Int, bytes: Int) {
        entries.withLock { entries in
            (entries.byURI.values.filter { if case .ready = $0.slot { true } else { false } }.count, entries.bytes)
        }
    }
}
