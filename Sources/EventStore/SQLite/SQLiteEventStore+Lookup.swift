import Foundation
import GRDB

extension SQLiteEventStore: StoredEventLookup {
    public func recordedEvents(withIds ids: [UUID]) async throws -> [UUID: RecordedEvent] {
        guard !ids.isEmpty else { return [:] }
        return try await pool.read { db in
            var found: [UUID: RecordedEvent] = [:]
            for id in ids {
                if let event = try Self.stored(id, in: db) { found[id] = event }
            }
            return found
        }
    }
}
