import Chronology
import Foundation
import GRDB

extension SQLiteEventStore {
    public func read(_ query: EventQuery) async throws -> [RecordedEvent] {
        let (sql, arguments) = try Self.sql(for: query)
        return try await pool.read { db in
            let statement = try db.cachedStatement(sql: sql)
            try statement.setArguments(arguments)
            let raw = RawStatement(statement, in: db)
            defer { raw.reset() }
            var events: [RecordedEvent] = []
            if let limit = query.limit { events.reserveCapacity(min(limit, 100_000)) }
            while try raw.step() { events.append(raw.recordedEvent()) }
            return events
        }
    }

    public func recordedEventIds(among ids: [UUID]) async throws -> Set<UUID> {
        guard !ids.isEmpty else { return [] }
        return try await pool.read { db in
            var found = Set<UUID>()
            // SQLite's default bound on variables is 32,766: ask in slices well under it.
            for start in stride(from: 0, to: ids.count, by: 500) {
                let slice = ids[start..<min(ids.count, start + 500)]
                let sql = "SELECT event_id FROM events WHERE event_id IN (\(Array(repeating: "?", count: slice.count).joined(separator: ",")))"
                for text in try String.fetchAll(db, sql: sql, arguments: StatementArguments(slice.map(\.lowercased))) {
                    if let id = UUID(uuidString: text) { found.insert(id) }
                }
            }
            return found
        }
    }

    /// Visits every event after `position` in one read transaction, without building an array.
    ///
    /// ```swift
    /// var count = 0
    /// try store.forEach(after: 0) { _ in count += 1 }
    /// ```
    public func forEach(after position: Int64 = 0, upTo last: Int64? = nil, _ body: (RecordedEvent) throws -> Void) throws {
        try pool.read { db in
            let statement = try db.cachedStatement(
                sql: "SELECT \(Schema.selectColumns) FROM events WHERE position > ? AND position <= ? ORDER BY position")
            try statement.setArguments([position, last ?? Int64.max])
            let raw = RawStatement(statement, in: db)
            defer { raw.reset() }
            while try raw.step() { try body(raw.recordedEvent()) }
        }
    }

    static func sql(for query: EventQuery) throws -> (String, StatementArguments) {
        var conditions: [String] = []
        var arguments: [(any DatabaseValueConvertible)?] = []
        if let stream = query.stream {
            conditions.append("stream = ?")
            arguments.append(stream)
        }
        if let prefix = query.streamPrefix {
            conditions.append("substr(stream, 1, ?) = ?")
            arguments.append(prefix.unicodeScalars.count)  // SQLite counts code points, not grapheme clusters
            arguments.append(prefix)
        }
        if let version = query.fromStreamVersion {
            conditions.append("stream_version >= ?")
            arguments.append(version)
        }
        if let types = query.types, !types.isEmpty {
            conditions.append("type IN (\(Array(repeating: "?", count: types.count).joined(separator: ",")))")
            arguments.append(contentsOf: types.map { $0 as (any DatabaseValueConvertible)? })
        }
        if let after = query.afterPosition {
            conditions.append("position > ?")
            arguments.append(after)
        }
        if let atOrBefore = query.atOrBeforePosition {
            conditions.append("position <= ?")
            arguments.append(atOrBefore)
        }
        if let from = query.occurredFrom {
            conditions.append("occurred_utc_ms >= ?")
            arguments.append(try OccurredAt.utcMilliseconds(from))
        }
        if let before = query.occurredBefore {
            conditions.append("occurred_utc_ms < ?")
            arguments.append(try OccurredAt.utcMilliseconds(before))
        }
        if let recorded = query.recordedAtOrBefore {
            guard let cut = Timestamp.storeTime(recorded) else { throw OccurredAt.FormatError(text: recorded) }
            conditions.append("recorded_at <= ?")
            arguments.append(cut)
        }
        var sql = "SELECT \(Schema.selectColumns) FROM events"
        if !conditions.isEmpty { sql += " WHERE " + conditions.joined(separator: " AND ") }
        sql += query.stream != nil ? " ORDER BY stream_version" : " ORDER BY position"
        if let limit = query.limit {
            sql += " LIMIT ?"
            arguments.append(limit)
        }
        return (sql, StatementArguments(arguments))
    }
}

extension Timestamp {
    /// A cut on `recorded_at`: store-clock text kept as is, any other ISO-8601 text normalized
    /// (a date means the end of that day, UTC).
    public static func storeTime(_ text: String) -> String? {
        if text.utf8.count == 27, text.hasSuffix("Z"), Array(text.utf8)[10] == UInt8(ascii: "T"), OccurredAt.isValid(text) { return text }
        return normalize(text)
    }
}
