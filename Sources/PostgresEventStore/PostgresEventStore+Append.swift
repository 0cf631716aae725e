import EventStore
import Foundation
import PostgresNIO

extension PostgresEventStore {
    /// An event id of the batch is stored already: the append is answered by the idempotent path.
    private struct DuplicateEventId: Error {}
    /// PostgreSQL refused a payload as JSON; which one is found after the rollback.
    private struct PayloadNotJSON: Error {}

    /// Rows per INSERT statement: a bulk append or restore is written in several, in one transaction.
    static let rowsPerStatement = 10_000

    @discardableResult
    public func append(_ batches: [AppendBatch]) async throws -> [AppendResult] {
        let occurred = try AppendRules.validate(batches)
        let results: [AppendResult]
        do {
            results = try await inTransaction { connection in try await self.insert(batches, occurred, on: connection) }
        } catch is DuplicateEventId {
            results = try await inTransaction { connection in
                try await self.insertWithDuplicates(batches, occurred, on: connection)
            }
        } catch is PayloadNotJSON {
            throw try await firstPayloadNotJSON(batches)
        }
        if results.contains(where: { !$0.alreadyRecorded }) { signals.notifyAll() }
        return results
    }

    // MARK: - The writers' lock

    struct LockedHead {
        /// False when a stream was found at another version than its first batch expects: the lock
        /// was not taken, and nothing may be written.
        var locked: Bool
        var position: Int64
        var hash: [UInt8]
        var recordedAt: String
        var nowMicros: Int64
        var versions: [String: Int]
        /// When not locked: those of the batches' first event ids that are stored already.
        var knownIds: Set<UUID>
    }

    /// Takes the writers' lock (held to the end of the transaction); returns the head, the database
    /// clock and the versions of the streams, as committed by every writer before. Without taking
    /// the lock when a stream is already at another version than its first batch expects.
    ///
    /// - Throws: ``EventStoreError/chainBroken(reason:)`` when the log's last row is not the last
    ///   acknowledged append (`chain_head`) or its hash is not hex: nothing is appended to it.
    func lockHead(
        _ batches: [(stream: String, expected: ExpectedVersion, firstId: UUID?)],
        on connection: PostgresConnection
    ) async throws -> LockedHead {
        var streams: [String] = []
        var expected: [Int64] = []
        var seen = Set<String>()
        for batch in batches where seen.insert(batch.stream).inserted {
            streams.append(batch.stream)
            switch batch.expected {
            case .any: expected.append(-1)
            case .noStream: expected.append(0)
            case .exactly(let version): expected.append(Int64(version))
            }
        }
        let firstIds = batches.compactMap(\.firstId)
        let rows = try await connection.query(
            "SELECT * FROM paddock_lock_head(\(streams), \(expected), \(firstIds))", logger: logger)
        for try await (locked, headPosition, headHash, now, names, versions, known, lastPosition, lastHash, lastRecordedAt)
            in rows.decode((Bool, Int64?, String?, Int64, [String], [Int64], [UUID], Int64?, String?, String?).self)
        {
            var head = LockedHead(
                locked: locked, position: 0, hash: ChainHasher.genesis, recordedAt: lastRecordedAt ?? "", nowMicros: now,
                versions: Dictionary(zip(names, versions.map { Int($0) }), uniquingKeysWith: { first, _ in first }),
                knownIds: Set(known))
            guard locked else { return head }  // a conflict: nothing will be written after this head
            guard let headPosition, let headHash else {
                throw EventStoreError.chainBroken(reason: "the log's acknowledged head (the chain_head row) is missing")
            }
            (head.position, head.hash) = try AcknowledgedHead.check(
                lastRow: lastPosition.map { (position: $0, hash: lastHash ?? "") },
                acknowledged: headPosition == 0 ? nil : (position: headPosition, hash: headHash))  // 0: nothing appended yet
            return head
        }
        throw PostgresStoreError.server(message: "paddock_lock_head returned no row", detail: "run paddock verify", sqlState: nil)
    }

    /// Writes rows in statements of ``rowsPerStatement``, the last one moving the head to `head`.
    func write(_ rows: [(RecordedEvent, Int64)], on connection: PostgresConnection) async throws {
        var start = 0
        while start < rows.count {
            let end = min(start + Self.rowsPerStatement, rows.count)
            var columns = EventColumns()
            for (event, millis) in rows[start..<end] { columns.append(event, occurredMillis: millis) }
            try await connection.run(
                columns.insertStatement(head: rows[end - 1].0, channel: location.notificationChannel), logger: logger)
            start = end
        }
    }

    /// The store time of an append after `head`: the injected clock's or the database's, never
    /// before the last append's.
    private func recordedAt(after head: LockedHead) -> String {
        let now = clock.map { Timestamp.format($0()) } ?? Timestamp.format(micros: head.nowMicros)
        return now > head.recordedAt ? now : head.recordedAt
    }

    /// The envelopes of an append, numbered and chained after the head, as they will be inserted.
    private struct PendingRows {
        private var position: Int64
        private var previous: [UInt8]
        private let recordedAt: String
        private var hasher = ChainHasher()
        private(set) var rows: [(RecordedEvent, Int64)] = []

        init(after head: LockedHead, recordedAt: String, capacity: Int) {
            position = head.position
            previous = head.hash
            self.recordedAt = recordedAt
            rows.reserveCapacity(capacity)
        }

        /// Adds a batch to a stream at version `actual`; returns what the append will have recorded.
        mutating func add(_ batch: AppendBatch, after actual: Int, occurredMillis: [Int64]) -> AppendResult {
            var recorded: [RecordedEvent] = []
            recorded.reserveCapacity(batch.events.count)
            for (k, event) in batch.events.enumerated() {
                position += 1
                var row = RecordedEvent(
                    position: position, eventId: event.eventId, stream: batch.stream, streamVersion: actual + k + 1,
                    type: event.type, schemaVersion: event.schemaVersion, occurredAt: event.occurredAt, recordedAt: recordedAt,
                    actor: event.actor, correlationId: event.correlationId, causationId: event.causationId,
                    payload: event.payload, hash: "")
                previous = hasher.hash(previous: previous, row)
                row.hash = Hex.encode(previous)
                recorded.append(row)
                rows.append((row, occurredMillis[k]))
            }
            return AppendResult(stream: batch.stream, streamVersion: actual + batch.events.count, events: recorded, alreadyRecorded: false)
        }
    }

    // MARK: - The fast path: nothing in the batch is stored yet

    private func insert(_ batches: [AppendBatch], _ occurred: [[Int64]], on connection: PostgresConnection) async throws -> [AppendResult] {
        var head = try await lockHead(batches.map { ($0.stream, $0.expected, $0.events.first?.eventId) }, on: connection)
        var chain = PendingRows(after: head, recordedAt: recordedAt(after: head), capacity: batches.reduce(0) { $0 + $1.events.count })
        var results: [AppendResult] = []
        for (index, batch) in batches.enumerated() {
            let actual = head.versions[batch.stream, default: 0]
            guard batch.expected.accepts(actual) else {
                if let first = batch.events.first?.eventId,
                    head.locked ? try await storedEvents([first], on: connection)[first] != nil : head.knownIds.contains(first)
                {
                    throw DuplicateEventId()  // a retry of a batch that was recorded: answer idempotently
                }
                throw EventStoreError.inBatch(index, .versionConflict(stream: batch.stream, expected: batch.expected, actual: actual))
            }
            results.append(chain.add(batch, after: actual, occurredMillis: occurred[index]))
            head.versions[batch.stream] = actual + batch.events.count
        }
        let rows = chain.rows
        guard head.locked else {  // cannot be: an expectation the lock check refused passed here
            throw PostgresStoreError.server(message: "append checked without the writers' lock", detail: nil, sqlState: nil)
        }
        do {
            try await write(rows, on: connection)
        } catch let error as PSQLError where error.sqlState == "23505" && error.constraintName == "events_event_id_key" {
            throw DuplicateEventId()
        } catch let error as PSQLError where error.sqlState == "22P02" || error.sqlState == "22025" {
            throw PayloadNotJSON()  // invalid_text_representation / invalid_escape_sequence, from payload::json
        }
        return results
    }

    /// After a batch refused for a payload: the first payload PostgreSQL does not take as JSON.
    private func firstPayloadNotJSON(_ batches: [AppendBatch]) async throws -> EventStoreError {
        var remaining = try await firstNotJSON(batches.flatMap { $0.events.map(\.payload) })
        for (index, batch) in batches.enumerated() {
            if remaining < batch.events.count {
                return .inBatch(index, .invalidEvent(index: remaining, reason: "payload is not valid JSON"))
            }
            remaining -= batch.events.count
        }
        return .inBatch(0, .invalidEvent(index: 0, reason: "payload is not valid JSON"))
    }

    /// The index of the first of `payloads` that PostgreSQL does not take as JSON (0 if none is found).
    private func firstNotJSON(_ payloads: [String]) async throws -> Int {
        let ordinal = try await withConnection { connection in
            try await connection.query(
                """
                SELECT i FROM unnest(\(payloads)::text[]) WITH ORDINALITY AS p(payload, i)
                WHERE NOT paddock_is_json(payload) ORDER BY i LIMIT 1
                """, logger: logger
            ).decode(Int64.self).first { _ in true }
        }
        return max(0, Int(ordinal ?? 1) - 1)
    }

    // MARK: - The slow path: some event ids are already stored

    private func insertWithDuplicates(
        _ batches: [AppendBatch], _ occurred: [[Int64]], on connection: PostgresConnection
    ) async throws -> [AppendResult] {
        // Expectations are checked below, batch by batch, after the idempotent ones are set aside.
        var head = try await lockHead(batches.map { ($0.stream, .any, nil) }, on: connection)
        let stored = try await storedEvents(batches.flatMap { $0.events.map(\.eventId) }, on: connection)
        var chain = PendingRows(after: head, recordedAt: recordedAt(after: head), capacity: 0)
        var results: [AppendResult] = []
        for (index, batch) in batches.enumerated() {
            let actual = head.versions[batch.stream, default: 0]
            var recorded: [RecordedEvent] = []
            var new: [UUID] = []
            for event in batch.events {
                guard let existing = stored[event.eventId] else {
                    new.append(event.eventId)
                    continue
                }
                if let field = AppendRules.firstDifference(existing, event, stream: batch.stream) {
                    throw EventStoreError.inBatch(index, .idempotencyConflict(eventId: event.eventId, position: existing.position, field: field))
                }
                recorded.append(existing)
            }
            if new.isEmpty {
                results.append(AppendResult(stream: batch.stream, streamVersion: actual, events: recorded, alreadyRecorded: true))
                continue
            }
            guard recorded.isEmpty else {
                throw EventStoreError.inBatch(index, .partiallyRecordedBatch(stream: batch.stream, recorded: recorded.map(\.eventId), new: new))
            }
            guard batch.expected.accepts(actual) else {
                throw EventStoreError.inBatch(index, .versionConflict(stream: batch.stream, expected: batch.expected, actual: actual))
            }
            results.append(chain.add(batch, after: actual, occurredMillis: occurred[index]))
            head.versions[batch.stream] = actual + batch.events.count
        }
        let rows = chain.rows
        if !rows.isEmpty {
            do {
                try await write(rows, on: connection)
            } catch let error as PSQLError where error.sqlState == "22P02" || error.sqlState == "22025" {
                throw PayloadNotJSON()
            }
        }
        return results
    }

    /// The stored envelopes of those ids that are in the log.
    func storedEvents(_ ids: [UUID], on connection: PostgresConnection) async throws -> [UUID: RecordedEvent] {
        let rows = try await connection.query(
            PostgresQuery(
                unsafeSQL: "SELECT \(PostgresSchema.selectColumns) FROM events WHERE event_id = ANY($1)",
                binds: {
                    var binds = PostgresBindings()
                    binds.append(ids)
                    return binds
                }()), logger: logger)
        var found: [UUID: RecordedEvent] = [:]
        for try await row in rows {
            let event = try Self.event(row)
            found[event.eventId] = event
        }
        return found
    }

    // MARK: - Restore (import of exported envelopes)

    public func restore(_ events: [RecordedEvent]) async throws {
        guard !events.isEmpty else { return }
        do {
            try await restoreInTransaction(events)
        } catch is PayloadNotJSON {
            let index = try await firstNotJSON(events.map(\.payload))
            throw EventStoreError.importMismatch(position: events[min(index, events.count - 1)].position, reason: "payload is not valid JSON")
        }
        signals.notifyAll()
    }

    private func restoreInTransaction(_ events: [RecordedEvent]) async throws {
        try await inTransaction { connection in
            let head = try await lockHead(events.map { ($0.stream, .any, nil) }, on: connection)
            var check = RestoreCheck(position: head.position, hash: head.hash, recordedAt: head.recordedAt)
            var rows: [(RecordedEvent, Int64)] = []
            rows.reserveCapacity(events.count)
            for event in events {
                rows.append((event, try check.next(event) { head.versions[$0, default: 0] }))
            }
            do {
                try await write(rows, on: connection)
            } catch let error as PSQLError where error.sqlState == "23505" {
                throw EventStoreError.importMismatch(
                    position: Self.offendingPosition(error, in: events),
                    reason: error.serverInfo?[.detail] ?? "a unique constraint failed")
            } catch let error as PSQLError where error.sqlState == "22P02" || error.sqlState == "22025" {
                throw PayloadNotJSON()
            }
        }
    }

    /// The restored event a unique violation names (`Key (event_id)=(...) already exists.`).
    private static func offendingPosition(_ error: PSQLError, in events: [RecordedEvent]) -> Int64 {
        let detail = error.serverInfo?[.detail] ?? ""
        return events.first { detail.contains($0.eventId.lowercased) }?.position ?? events[0].position
    }
}
