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
    /// Contiguous positions, oldest first.
    private var events: [RecordedEvent] = []
    /// The signal generation the last read began at: wake-ups up to it are served.
    private var readAt: UInt64 = 0
    private var reading: (generation: UInt64, task: Task<Void, any Error>)?

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
        guard let first = events.first?.position, position >= first - 1 else { return nil }
        let start = Int(position - first + 1)
        guard start < events.count else { return [] }
        return Array(events[start..<min(events.count, start + limit)])
    }

    /// Reads what follows the tail (or `position`, when the tail is behind it or empty) up to the
    /// head, keeping the newest ``capacity`` events.
    private func refresh(after position: Int64, startedAt started: UInt64) async throws {
        defer { if reading?.generation == started { reading = nil } }
        var after = max(position, events.last?.position ?? position)
        if after > (events.last?.position ?? after) || events.isEmpty { events = [] }
        while true {
            let page = try await read(after, Self.capacity)
            if let head = events.last?.position, let next = page.first?.position, next != head + 1 { events = [] }
            events += page
            if events.count > Self.capacity { events.removeFirst(events.count - Self.capacity) }
            guard let last = page.last, page.count == Self.capacity else { break }
            after = last.position
        }
        readAt = max(readAt, started)
    }
}
