import EventStore
import Foundation
import HTTPTypes
import Synchronization

/// The head of the log a read was computed from: its position and that event's hash. A table
/// quoted with its head can be proved later not to have been rewritten: `paddock verify --expect
/// POSITION:HASH` checks that the log still extends it.
struct LogHead: Sendable, Equatable {
    var position: Int64
    /// Lower-case hex SHA-256 of the event at ``position`` (64 zeros for an empty log).
    var hash: String

    static let genesis = LogHead(position: 0, hash: String(repeating: "0", count: 64))
    static let header = HTTPField.Name("Paddock-Log-Head")!

    /// `POSITION:HASH`, as the header and `paddock verify --expect` write it.
    var text: String { "\(position):\(hash)" }

    /// The JSON member reads carry: `"logHead":{"position":P,"hash":"…"}`.
    var jsonMember: String { "\"logHead\":{\"position\":\(position),\"hash\":\"\(hash)\"}" }

    /// A JSON object's text with ``jsonMember`` as its first member; other text unchanged.
    func inserted(into json: String) -> String {
        guard json.first == "{" else { return json }
        let rest = json.dropFirst().drop { $0 == " " || $0 == "\n" }
        return "{" + jsonMember + (rest.first == "}" ? "" : ",") + rest
    }
}

/// The hash at a projected position, remembered for the last few positions (reads ask for the
/// position the projections are at, which moves forward one write at a time).
final class LogHeads: Sendable {
    private let store: any EventStore
    private let recent = Mutex<[Int64: String]>([:])
    private static let remembered = 64

    init(store: any EventStore) { self.store = store }

    func head(at position: Int64) async throws -> LogHead {
        guard position > 0 else { return .genesis }
        if let hash = recent.withLock({ $0[position] }) { return LogHead(position: position, hash: hash) }
        guard let event = try await store.read(EventQuery(afterPosition: position - 1, limit: 1)).first, event.position == position else {
            return .genesis
        }
        recent.withLock { recent in
            if recent.count >= Self.remembered, let oldest = recent.keys.min() { recent[oldest] = nil }
            recent[position] = event.hash
        }
        return LogHead(position: position, hash: event.hash)
    }
}
