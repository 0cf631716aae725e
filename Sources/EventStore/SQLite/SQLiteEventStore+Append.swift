import Foundation
import GRDB

extension SQLiteEventStore {
    /// Thrown inside a write to roll it back when an event id turns out to be stored already.
    private struct DuplicateEventId: Error {}

    @discardableResult
    public func append(_ batches: [AppendBatch]) async throws -> [AppendResult] {
        let occurred = try AppendRules.validate(batches)
        let results: [AppendResult]
        do {
            let write: @Sendable (Database) throws -> [AppendResult] = { db in
                try batches.indices.map { index in
                    try Self.inBatch(index) {
                        try self.insert(
                            batches[index].events, occurredMillis: occurred[index], stream: batches[index].stream,
                            expected: batches[index].expected, in: db)
                    }
                }
            }
            results = try await writeWaitingForLock(write)
        } catch is DuplicateEventId {
            results = try await writeWaitingForLock { db in
                try batches.indices.map { index in
                    try Self.inBatch(index) {
                        try self.appendWithDuplicates(
                            batches[index].events, occurredMillis: occurred[index],
                            stream: batches[index].stream, expected: batches[index].expected, in: db)
                    }
                }
            }
        }
        if results.contains(where: { !$0.alreadyRecorded }) {
            notifier.notifyAll()
            checkpointer?.appended()
        }
        return results
    }

    /// A batch's error, with its index; a broken chain is the log's, not the batch's, and stays as it is.
    private static func inBatch<T>(_ index: Int, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as EventStoreError {
            if case .chainBroken = error { throw error }
            throw EventStoreError.inBatch(index, error)
        }
    }

    // MARK: - The fast path: nothing in the batch is stored yet

    private func insert(
        _ events: [NewEvent], occurredMillis: [Int64], stream: String, expected: ExpectedVersion, in db: Database
    ) throws -> AppendResult {
        let actual = try Self.version(of: stream, in: db)
        guard expected.accepts(actual) else {
            if let first = events.first, try Self.storedPosition(of: first.eventId, in: db) != nil {
                throw DuplicateEventId()  // a retry of a batch that was recorded: answer idempotently
            }
            throw EventStoreError.versionConflict(stream: stream, expected: expected, actual: actual)
        }
        let head = try Self.head(in: db)
        let now = Timestamp.format(clock())
        let recordedAt = now > head.recordedAt ? now : head.recordedAt
        var previous = head.hash
        var hasher = ChainHasher()
        let insert = RawStatement(try db.cachedStatement(sql: Schema.insertEvent), in: db)
        defer { insert.reset() }
        var texts = TextColumns()
        var recorded: [RecordedEvent] = []
        recorded.reserveCapacity(events.count)
        for (index, event) in events.enumerated() {
            var row = RecordedEvent(
                position: head.position + Int64(index) + 1, eventId: event.eventId, stream: stream,
                streamVersion: actual + index + 1, type: event.type, schemaVersion: event.schemaVersion,
                occurredAt: event.occurredAt, recordedAt: recordedAt, actor: event.actor,
                correlationId: event.correlationId, causationId: event.causationId, payload: event.payload, hash: "")
            let eventIdText = Hex.uuid(event.eventId)
            previous = hasher.hash(previous: previous, row, eventIdText: eventIdText)
            row.hash = Hex.encode(previous)
            do {
                try Self.insert(row, eventIdText: eventIdText, occurredMillis: occurredMillis[index], with: insert, texts: &texts)
            } catch let error as DatabaseError
                where error.resultCode == .SQLITE_CONSTRAINT
                && (error.message ?? "").contains(Schema.duplicateEventIdMessage) || (error.message ?? "").contains("events.event_id")
            {
                throw DuplicateEventId()
            } catch let error as DatabaseError where error.extendedResultCode == .SQLITE_CONSTRAINT_CHECK {
                throw EventStoreError.invalidEvent(index: index, reason: "payload is not valid JSON")
            }
            recorded.append(row)
        }
        let last = recorded[recorded.count - 1]
        try db.cachedStatement(sql: Schema.updateHead).execute(arguments: [last.position, last.hash])
        return AppendResult(stream: stream, streamVersion: last.streamVersion, events: recorded, alreadyRecorded: false)
    }

    /// Inserts one row; `texts` is a scratch buffer reused from row to row.
    static func insert(
        _ row: RecordedEvent, eventIdText: String? = nil, occurredMillis: Int64, with statement: RawStatement,
        texts: inout TextColumns
    ) throws {
        statement.reset()
        statement.bind(1, row.position)
        statement.bind(4, Int64(row.streamVersion))
        statement.bind(6, Int64(row.schemaVersion))
        statement.bind(8, occurredMillis)
        texts.removeAll()
        texts.append(2, eventIdText ?? Hex.uuid(row.eventId))
        texts.append(3, row.stream)
        texts.append(5, row.type)
        texts.append(7, row.occurredAt)
        texts.append(9, row.recordedAt)
        texts.append(10, row.actor)
        texts.append(11, row.correlationId)
        texts.append(12, row.causationId)
        texts.append(13, row.payload)
        texts.append(14, row.hash)
        try statement.execute(binding: texts)
    }

    // MARK: - The slow path: some event ids are already stored

    private func appendWithDuplicates(
        _ events: [NewEvent], occurredMillis: [Int64], stream: String, expected: ExpectedVersion, in db: Database
    ) throws -> AppendResult {
        var stored: [RecordedEvent] = []
        var new: [UUID] = []
        for event in events {
            guard let existing = try Self.stored(event.eventId, in: db) else {
                new.append(event.eventId)
                continue
            }
            if let field = AppendRules.firstDifference(existing, event, stream: stream) {
                throw EventStoreError.idempotencyConflict(eventId: event.eventId, position: existing.position, field: field)
            }
            stored.append(existing)
        }
        if new.isEmpty {
            return AppendResult(
                stream: stream, streamVersion: try Self.version(of: stream, in: db), events: stored, alreadyRecorded: true)
        }
        if stored.isEmpty {  // the duplicate was appended meanwhile by someone else and is gone: retry plainly
            return try insert(events, occurredMillis: occurredMillis, stream: stream, expected: expected, in: db)
        }
        throw EventStoreError.partiallyRecordedBatch(stream: stream, recorded: stored.map(\.eventId), new: new)
    }

    // MARK: - Restore (import of exported envelopes)

    public func restore(_ events: [RecordedEvent]) async throws {
        guard !events.isEmpty else { return }
        try await pool.write { db in
            let head = try Self.head(in: db)
            var check = RestoreCheck(position: head.position, hash: head.hash, recordedAt: head.recordedAt)
            let insert = RawStatement(try db.cachedStatement(sql: Schema.insertEvent), in: db)
            defer { insert.reset() }
            var texts = TextColumns()
            for event in events {
                let occurred = try check.next(event) { try Self.version(of: $0, in: db) }
                do {
                    try Self.insert(event, occurredMillis: occurred, with: insert, texts: &texts)
                } catch let error as DatabaseError where error.resultCode == .SQLITE_CONSTRAINT {
                    throw EventStoreError.importMismatch(position: event.position, reason: error.message ?? "constraint failed")
                }
            }
            let last = events[events.count - 1]
            try db.cachedStatement(sql: Schema.updateHead).execute(arguments: [last.position, check.lastHash])
        }
        notifier.notifyAll()
    }

    // MARK: - Lookups inside a write

    /// The last row, checked against the last acknowledged append (``AcknowledgedHead``): a log
    /// whose end was cut, edited or extended behind the store's back, or whose last hash is not
    /// hex, is not continued.
    static func head(in db: Database) throws -> (position: Int64, hash: [UInt8], recordedAt: String) {
        let statement = try db.cachedStatement(sql: "SELECT position, hash, recorded_at FROM events ORDER BY position DESC LIMIT 1")
        let last = try Row.fetchOne(statement)
        let acknowledged = try Row.fetchOne(db.cachedStatement(sql: "SELECT position, hash FROM chain_head WHERE id = 1"))
        let head = try AcknowledgedHead.check(
            lastRow: last.map { (position: $0["position"], hash: $0["hash"]) },
            acknowledged: acknowledged.map { (position: $0["position"], hash: $0["hash"]) })
        return (head.position, head.hash, last?["recorded_at"] ?? "")
    }

    static func storedPosition(of eventId: UUID, in db: Database) throws -> Int64? {
        try Int64.fetchOne(db, sql: "SELECT position FROM events WHERE event_id = ?", arguments: [eventId.lowercased])
    }

    static func stored(_ eventId: UUID, in db: Database) throws -> RecordedEvent? {
        let statement = RawStatement(
            try db.cachedStatement(sql: "SELECT \(Schema.selectColumns) FROM events WHERE event_id = ?"), in: db)
        defer { statement.reset() }
        statement.reset()
        statement.bind(1, eventId.lowercased)
        return try statement.step() ? statement.recordedEvent() : nil
    }
}
