import Chronology
import EventStore
import Foundation
import PostgresNIO

extension PostgresEventStore: StoredEventLookup {
    public func read(_ query: EventQuery) async throws -> [RecordedEvent] {
        let statement = try Self.statement(for: query)
        return try await withConnection { connection in
            try await Self.events(try await connection.query(statement, logger: logger), capacity: query.limit)
        }
    }

    public func recordedEventIds(among ids: [UUID]) async throws -> Set<UUID> {
        guard !ids.isEmpty else { return [] }
        return try await withConnection { connection in
            var found = Set<UUID>()
            for start in stride(from: 0, to: ids.count, by: Self.idsPerQuery) {
                let slice = Array(ids[start..<min(ids.count, start + Self.idsPerQuery)])
                for try await id in try await connection.query(
                    "SELECT event_id FROM events WHERE event_id = ANY(\(slice))", logger: logger
                ).decode(UUID.self) {
                    found.insert(id)
                }
            }
            return found
        }
    }

    /// Ids bound as one array per query: a long list is asked in slices, each one round trip.
    static let idsPerQuery = 10_000

    /// The stored envelopes among these ids, by id (for a bulk append's idempotency check).
    public func recordedEvents(withIds ids: [UUID]) async throws -> [UUID: RecordedEvent] {
        guard !ids.isEmpty else { return [:] }
        return try await withConnection { connection in
            var found: [UUID: RecordedEvent] = [:]
            for start in stride(from: 0, to: ids.count, by: Self.idsPerQuery) {
                let slice = Array(ids[start..<min(ids.count, start + Self.idsPerQuery)])
                found.merge(try await self.storedEvents(slice, on: connection)) { first, _ in first }
            }
            return found
        }
    }

    /// Decodes rows selected with ``PostgresSchema/selectColumns``.
    static func events(_ rows: PostgresRowSequence, capacity: Int? = nil) async throws -> [RecordedEvent] {
        var events: [RecordedEvent] = []
        if let capacity { events.reserveCapacity(min(capacity, 100_000)) }
        for try await row in rows { events.append(try event(row)) }
        return events
    }

    static func event(_ row: PostgresRow) throws -> RecordedEvent {
        let (
            position, eventId, stream, streamVersion, type, schemaVersion, occurredAt, recordedAt, actor, correlationId,
            causationId, payload, hash
        ) = try row.decode(
            (Int64, UUID, String, Int64, String, Int64, String, String, String?, String?, String?, String, String).self)
        return RecordedEvent(
            position: position, eventId: eventId, stream: stream, streamVersion: Int(streamVersion), type: type,
            schemaVersion: Int(schemaVersion), occurredAt: occurredAt, recordedAt: recordedAt, actor: actor,
            correlationId: correlationId, causationId: causationId, payload: payload, hash: hash)
    }

    /// The SELECT for a query, its values bound as parameters.
    static func statement(for query: EventQuery) throws -> PostgresQuery {
        var conditions: [String] = []
        var binds = PostgresBindings()
        func parameter() -> String { "$\(binds.count)" }
        if let stream = query.stream {
            binds.append(stream)
            conditions.append("stream = \(parameter())")
        }
        if let prefix = query.streamPrefix {
            // By code point, as SQLite's substr: a range of the (stream, stream_version) index when
            // the prefix has a successor, then the exact test.
            binds.append(prefix)
            let start = parameter()
            conditions.append("stream >= \(start)")
            if let end = successor(of: prefix) {
                binds.append(end)
                conditions.append("stream < \(parameter())")
            }
            conditions.append("starts_with(stream, \(start))")
        }
        if let version = query.fromStreamVersion {
            binds.append(Int64(version))
            conditions.append("stream_version >= \(parameter())")
        }
        if let types = query.types, !types.isEmpty {
            binds.append(types)
            conditions.append("type = ANY(\(parameter()))")
        }
        if let after = query.afterPosition {
            binds.append(after)
            conditions.append("position > \(parameter())")
        }
        if let atOrBefore = query.atOrBeforePosition {
            binds.append(atOrBefore)
            conditions.append("position <= \(parameter())")
        }
        if let from = query.occurredFrom {
            binds.append(try OccurredAt.utcMilliseconds(from))
            conditions.append("occurred_utc_ms >= \(parameter())")
        }
        if let before = query.occurredBefore {
            binds.append(try OccurredAt.utcMilliseconds(before))
            conditions.append("occurred_utc_ms < \(parameter())")
        }
        if let recorded = query.recordedAtOrBefore {
            guard let cut = Timestamp.storeTime(recorded) else { throw OccurredAt.FormatError(text: recorded) }
            binds.append(cut)
            conditions.append("recorded_at <= \(parameter())")
        }
        var sql = "SELECT \(PostgresSchema.selectColumns) FROM events"
        if !conditions.isEmpty { sql += " WHERE " + conditions.joined(separator: " AND ") }
        sql += query.stream != nil ? " ORDER BY stream_version" : " ORDER BY position"
        if let limit = query.limit {
            binds.append(Int64(max(0, limit)))
            sql += " LIMIT \(parameter())"
        }
        return PostgresQuery(unsafeSQL: sql, binds: binds)
    }

    /// The smallest text after every text that starts with `prefix`, by code point: the prefix with
    /// its last code point incremented (nil for an empty prefix or one ending in U+10FFFF).
    static func successor(of prefix: String) -> String? {
        var scalars = Array(prefix.unicodeScalars)
        guard let last = scalars.popLast() else { return nil }
        var next = last.value + 1
        if (0xD800...0xDFFF).contains(next) { next = 0xE000 }  // no scalars among the surrogates
        guard let scalar = Unicode.Scalar(next) else { return nil }
        scalars.append(scalar)
        var text = ""
        text.unicodeScalars.append(contentsOf: scalars)
        return text
    }

    // MARK: - Subscriptions

    /// Events after `position`: the stored ones first, then each new one as it is appended, by this
    /// process or any other on the same log (woken by NOTIFY through the store's one listening
    /// connection). Pulled a page at a time as the consumer asks, so a slow consumer holds at most
    /// one page. Stop iterating (or cancel the consuming task) to end it.
    ///
    /// ```swift
    /// for try await event in store.subscribe(after: lastSeen) { render(event) }
    /// ```
    public func subscribe(after position: Int64) -> AsyncThrowingStream<RecordedEvent, any Error> {
        let cursor = SubscriptionCursor(store: self, after: position)
        return AsyncThrowingStream(unfolding: { try await cursor.next() })
    }

    static let subscriptionPage = 1000

    /// A signal whenever the log may have grown: at once for appends by this store, and through the
    /// store's listening connection (NOTIFY) for those of any other process on the same log; also
    /// each time that connection is re-established, for whatever was appended while it was down.
    /// Signals coalesce: a consumer busy while several appends land finds one waiting. Ends when
    /// the consumer stops iterating or the store is closed.
    ///
    /// ```swift
    /// for await _ in store.appendSignals() { try await catchUp() }
    /// ```
    public func appendSignals() -> AsyncStream<Void> {
        let receiver = SignalReceiver(signals: signals)  // registered now: an append after this call is not missed
        // Started now, not at the first wait: a consumer that catches up before waiting finds the
        // listener's own signal (for whatever it could not hear before it listened) already waiting.
        Task { [listener] in await listener.ready() }
        return AsyncStream(unfolding: { await receiver.next() })
    }
}

/// One registration with the store's signals, for ``PostgresEventStore/appendSignals()``;
/// unregistered when the stream holding it is released. Used by one consumer at a time (a stream's
/// iterator is not shared), hence unchecked.
final class SignalReceiver: @unchecked Sendable {
    private let signals: AppendSignals
    private let id: UInt64
    private var wakeUps: AsyncStream<Void>.Iterator

    init(signals: AppendSignals) {
        self.signals = signals
        let (id, stream) = signals.register()
        self.id = id
        wakeUps = stream.makeAsyncIterator()
    }

    func next() async -> Void? { await wakeUps.next() }

    deinit { signals.unregister(id) }
}

/// One subscription's place in the log: a page of events read and not yet handed out, and its
/// wake-ups. Registered at creation, so that an append between a read and the wait is not missed.
actor SubscriptionCursor {
    private let store: PostgresEventStore
    private var last: Int64
    private var page: [RecordedEvent] = []
    private var index = 0
    private let id: UInt64
    private var wakeUps: AsyncStream<Void>.Iterator
    private var listening = false
    /// The last read was short: the next read waits for an append.
    private var caughtUp = false

    init(store: PostgresEventStore, after position: Int64) {
        self.store = store
        last = position
        let (id, signals) = store.signals.register()
        self.id = id
        wakeUps = signals.makeAsyncIterator()
    }

    deinit { store.signals.unregister(id) }

    func next() async throws -> RecordedEvent? {
        if !listening {
            await store.listener.ready()
            listening = true
        }
        while !Task.isCancelled {
            if index < page.count {
                defer { index += 1 }
                last = page[index].position
                return page[index]
            }
            if caughtUp {
                var iterator = wakeUps  // one consumer at a time: the stream asks for one element after another
                let woken: Void? = await iterator.next(isolation: self)
                wakeUps = iterator
                if woken == nil { return nil }
                // Caught up and woken: the store's shared tail, read once for every subscription.
                if let shared = try await store.tail.page(
                    after: last, limit: PostgresEventStore.subscriptionPage, freshAs: store.signals.generation)
                {
                    page = shared
                    index = 0
                    caughtUp = page.count < PostgresEventStore.subscriptionPage
                    continue
                }
            }
            page = try await store.read(after: last, limit: PostgresEventStore.subscriptionPage)
            store.subscriptionTableReads.add(1, ordering: .relaxed)
            index = 0
            caughtUp = page.count < PostgresEventStore.subscriptionPage
        }
        return nil
    }
}
