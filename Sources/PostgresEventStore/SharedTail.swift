import EventStore

/// The newest events of the log, read once for all of a store's subscriptions. A subscription that
/// is caught up and woken by an append asks here instead of querying the table itself: a thousand
/// live feeds on one service cost one read per wake-up, not a thousand. Holds at most ``capacity``
/// events; a subscription further behind reads the table.
///
/// A read serves a wake-up only if it began after that wake-up's signal was counted (the signal
/// follows the commit, so such a read sees the append): pages are as complete as the subscription's
/// own read would have been.
actor SharedTail {
    static let capacity = 2_000

    private let read: @Sendable (_ after: Int64, _ limit: Int) async throws -> [RecordedEvent]
    private let generation: @Sendable () -> UInt64
    /// The position the tail follows on from (nil before the first read): `events` are the ones
    /// after it, contiguous, oldest first, up to what the last read found.
    private var start: Int64?
    private var events: [RecordedEvent] = []
    /// The signal generation the last read began at: wake-ups up to it are served.
    private var readAt: UInt64 = 0
    private var reading: (generation: UInt64, task: Task<Void, any Error>)?
    /// How many pages it read from the table (for tests: one per wake-up, whatever the subscriptions).
    private(set) var reads = 0

    init(read: @escaping @Sendable (Int64, Int) async throws -> [RecordedEvent], generation: @escaping @Sendable () -> UInt64) {
        self.read = read
        self.generation = generation
    }

    /// Events after `position`, at most `limit`, as of a read that began at signal `wanted` or
    /// later; nil when the tail does not reach back to `position` (read the table instead).
    func page(after position: Int64, limit: Int, freshAs wanted: UInt64) async throws -> [RecordedEvent]? {
        while readAt < wanted {
            if let reading {  // one read at a time: an older one first, then perhaps a newer one
                try await reading.task.value
                continue
            }
            let started = generation()
            let task = Task { try await self.refresh(after: position, startedAt: started) }
            reading = (started, task)
            try await task.value
        }
        return served(after: position, limit: limit)
    }

    private func served(after position: Int64, limit: Int) -> [RecordedEvent]? {
        guard let start, position >= start else { return nil }
        let offset = Int(position - start)
        guard offset < events.count else { return [] }  // nothing after it as of the last read
        return Array(events[offset..<min(events.count, offset + limit)])
    }

    /// Reads what follows the tail (or `position`, when the tail ends before it or is empty) up to
    /// the head, keeping the newest ``capacity`` events.
    private func refresh(after position: Int64, startedAt started: UInt64) async throws {
        defer { if reading?.generation == started { reading = nil } }
        if let start, position <= start + Int64(events.count) {
            // the tail reaches `position`: read on from its end
        } else {
            start = position
            events = []
        }
        while true {
            let after = (start ?? position) + Int64(events.count)
            let page = try await read(after, Self.capacity)
            reads += 1
            if let first = page.first?.position, first != after + 1 {  // only a tampered log has gaps
                start = first - 1
                events = []
            }
            events += page
            if events.count > Self.capacity {
                let dropped = events.count - Self.capacity
                events.removeFirst(dropped)
                start = (start ?? position) + Int64(dropped)
            }
            guard page.count == Self.capacity else { break }
        }
        readAt = max(readAt, started)
    }
}
