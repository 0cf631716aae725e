import EventStore
import Hummingbird
import Logging
import NIOCore
import Paddock
import Projections
import ServiceLifecycle
import Synchronization

/// One reader of the log for every live feed (`GET /events/stream`), fanning its frames out.
///
/// The hub reads each appended event once, encodes its frame once, and keeps the recent frames in
/// a bounded ring (``FrameRing``) that every subscriber reads from at its own pace. What a
/// subscriber costs is a cursor in that ring; none holds a queue of its own. A subscriber that
/// falls behind the ring's oldest frame (a slow reader) catches up from the log in pages, then
/// joins again; one whose writes make no progress for ``Limits/stallTimeout`` (a client that does
/// not read) is disconnected. Beyond ``Limits/maxSubscribers`` a new feed is refused with `503`.
///
/// ```swift
/// let hub = LiveFeedHub(store: store, live: live, head: try await store.headPosition(), limits: .init(),
///                       keepAliveInterval: .seconds(15), logger: logger)
/// let subscription = try hub.admit(channel: context.channel)  // 503 when full
/// while !subscription.join(after: last) { /* write a page read from the log */ }
/// switch await subscription.next() { case .frames(let buffers, _): ...; case .behind: ...; case .closed: ... }
/// ```
final class LiveFeedHub: Sendable {
    struct Limits: Sendable {
        /// Open feeds at most; more are refused with `503` and `Retry-After`.
        var maxSubscribers = 1_000
        /// Frames the ring keeps (events, standings notices, keep-alives): how far behind the head a
        /// subscriber may fall before it catches up from the log instead.
        var ringEntries = 4_096
        /// Bytes the ring keeps at most.
        var ringBytes = 16 << 20
        /// A subscriber whose write has not completed for this long is disconnected.
        var stallTimeout: Duration = .seconds(30)
        /// Frames and bytes written at most per write (a write holds its frames until the client reads them).
        var framesPerWrite = 128
        var bytesPerWrite = 256 << 10
    }

    /// What a subscriber writes next.
    enum Delivery: Sendable {
        /// Frames from the ring, and the position of the last event among them.
        case frames([ByteBuffer], lastEvent: Int64?)
        /// The next frame was dropped from the ring: catch up from the log after the last event written.
        case behind
        /// The feed ends, with the reason to tell the client if it can still hear it.
        case closed(reason: String?)
    }

    /// Figures for metrics and tests.
    struct Usage: Sendable, Equatable {
        var subscribers: Int
        var ringEntries: Int
        var ringBytes: Int
        var peakRingBytes: Int
        /// The most bytes handed to the connection of a subscriber that was then disconnected for
        /// reading nothing: what one client that does not read can cost, beyond the socket's buffers.
        var peakStalledBytes: Int
        var published: Int64
        var stalledDisconnects: Int
        var refused: Int
    }

    private struct Subscriber {
        let channel: (any Channel)?
        /// The next ring entry to write; nil while catching up from the log.
        var next: UInt64?
        /// Entries of events at or before this position are not written (the subscriber has them).
        var skipThrough: Int64 = 0
        var waiter: CheckedContinuation<Void, Never>?
        var writingSince: ContinuousClock.Instant?
        /// Bytes handed to the connection so far.
        var bytesWritten = 0
        var closed = false
        var closeReason: String?
    }

    private struct State {
        var ring: FrameRing
        /// The last event position the hub has published (or, with nobody listening, skipped).
        var published: Int64 = 0
        var subscribers: [UInt64: Subscriber] = [:]
        var nextId: UInt64 = 0
        var shutdownReason: String?
        var peakRingBytes = 0
        var peakStalledBytes = 0
        var stalledDisconnects = 0
        var refused = 0
    }

    let store: any EventStore
    let live: LiveProjections
    let limits: Limits
    let keepAliveInterval: Duration
    let projectionWait: Duration
    let metrics: ServerMetrics?
    let logger: Logger
    private let state: Mutex<State>

    /// - Parameter head: where the log ends now: the hub publishes what is appended after it.
    init(
        store: any EventStore, live: LiveProjections, head: Int64, limits: Limits, keepAliveInterval: Duration,
        projectionWait: Duration = .seconds(2), metrics: ServerMetrics? = nil, logger: Logger
    ) {
        self.store = store
        self.live = live
        self.limits = limits
        self.keepAliveInterval = keepAliveInterval
        self.projectionWait = projectionWait
        self.metrics = metrics
        self.logger = logger
        state = Mutex(State(ring: FrameRing(maxEntries: limits.ringEntries, maxBytes: limits.ringBytes), published: head))
    }

    var usage: Usage {
        state.withLock { state in
            Usage(
                subscribers: state.subscribers.count, ringEntries: state.ring.count, ringBytes: state.ring.bytes,
                peakRingBytes: state.peakRingBytes, peakStalledBytes: state.peakStalledBytes, published: state.published,
                stalledDisconnects: state.stalledDisconnects, refused: state.refused)
        }
    }

    // MARK: - Subscribers

    /// A place among the subscribers, or `503` (with `Retry-After`) when they are all taken.
    /// The place is given back when the returned subscription is released.
    func admit(channel: (any Channel)?) throws -> Subscription {
        let id: UInt64? = state.withLock { state in
            guard state.subscribers.count < limits.maxSubscribers, state.shutdownReason == nil else {
                state.refused += 1
                return nil
            }
            state.nextId += 1
            state.subscribers[state.nextId] = Subscriber(channel: channel)
            return state.nextId
        }
        guard let id else {
            metrics?.sseRefused.increment()
            throw Problem.unavailable(
                "the live feed has \(limits.maxSubscribers) subscribers already; try again later",
                retryAfterSeconds: 5)
        }
        metrics?.sseSubscribers.increment()
        return Subscription(id: id, hub: self, channel: channel)
    }

    /// Joins the shared feed right after `position` when the ring still holds what follows it (or
    /// nothing follows it yet). False: catch up from the log first.
    fileprivate func join(_ id: UInt64, after position: Int64) -> Bool {
        state.withLock { state in
            guard state.subscribers[id] != nil else { return true }  // closed: next() says so
            let next: UInt64
            if state.published <= position {
                next = state.ring.endSequence
            } else if let sequence = state.ring.sequence(ofEvent: position + 1) {
                next = sequence
            } else {
                return false
            }
            state.subscribers[id]?.next = next
            state.subscribers[id]?.skipThrough = position
            return true
        }
    }

    /// The next frames for a subscriber: at once when the ring has some, otherwise when the hub
    /// publishes (or the feed is closed).
    fileprivate func next(_ id: UInt64) async -> Delivery {
        while true {
            enum Step { case deliver(Delivery), wait }
            let step: Step = state.withLock { state in
                guard var subscriber = state.subscribers[id], !subscriber.closed else {
                    return .deliver(.closed(reason: state.subscribers[id]?.closeReason))
                }
                guard let next = subscriber.next, let taken = state.ring.entries(from: next, maxCount: limits.framesPerWrite) else {
                    state.subscribers[id]?.next = nil
                    return .deliver(.behind)
                }
                guard !taken.entries.isEmpty else { return .wait }
                subscriber.next = taken.next
                state.subscribers[id] = subscriber
                var buffers: [ByteBuffer] = []
                var lastEvent: Int64?
                for entry in taken.entries where entry.kind == .comment || entry.position > subscriber.skipThrough {
                    buffers.append(entry.bytes)
                    if entry.kind == .event { lastEvent = entry.position }
                }
                return buffers.isEmpty ? .wait : .deliver(.frames(buffers, lastEvent: lastEvent))
            }
            switch step {
            case .deliver(let delivery): return delivery
            case .wait: await waitForPublication(id)
            }
        }
    }

    private func waitForPublication(_ id: UInt64) async {
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let resumeNow = state.withLock { state -> Bool in
                    guard let subscriber = state.subscribers[id], !subscriber.closed, !Task.isCancelled,
                        let next = subscriber.next, next >= state.ring.endSequence
                    else { return true }
                    state.subscribers[id]?.waiter = continuation
                    return false
                }
                if resumeNow { continuation.resume() }
            }
        } onCancel: {
            close(id, reason: nil)
        }
    }

    /// Marks a subscriber's write of `bytes` in progress (or done, with nil), so that one that never
    /// completes can be found.
    fileprivate func writing(_ id: UInt64, bytes: Int?) {
        state.withLock { state in
            if let bytes { state.subscribers[id]?.bytesWritten += bytes }
            state.subscribers[id]?.writingSince = bytes == nil ? nil : .now
        }
    }

    /// Ends a subscriber's feed: its next delivery is `.closed(reason)`.
    fileprivate func close(_ id: UInt64, reason: String?) {
        let waiter = state.withLock { state -> CheckedContinuation<Void, Never>? in
            guard state.subscribers[id] != nil else { return nil }
            state.subscribers[id]?.closed = true
            if state.subscribers[id]?.closeReason == nil { state.subscribers[id]?.closeReason = reason }
            defer { state.subscribers[id]?.waiter = nil }
            return state.subscribers[id]?.waiter
        }
        waiter?.resume()
    }

    fileprivate func leave(_ id: UInt64) {
        let removed = state.withLock { $0.subscribers.removeValue(forKey: id) }
        guard let removed else { return }
        removed.waiter?.resume()
        metrics?.sseSubscribers.decrement()
    }

    // MARK: - Publishing

    /// Adds entries to the ring and wakes every subscriber waiting for them.
    private func publish(_ entries: [FrameRing.Entry], published: Int64? = nil) {
        let waiters = state.withLock { state -> [CheckedContinuation<Void, Never>] in
            for entry in entries { state.ring.append(entry) }
            if let published { state.published = max(state.published, published) }
            state.peakRingBytes = max(state.peakRingBytes, state.ring.bytes)
            var waiters: [CheckedContinuation<Void, Never>] = []
            for (id, subscriber) in state.subscribers {
                guard let waiter = subscriber.waiter else { continue }
                waiters.append(waiter)
                state.subscribers[id]?.waiter = nil
            }
            return waiters
        }
        for waiter in waiters { waiter.resume() }
    }

    /// Reads what was appended after the last published event, a page at a time, and publishes each
    /// event's frame, then, once the projections include them, the standings notices of its seasons.
    /// With nobody listening, only notes where the log ends.
    func publishAppended() async throws {
        while true {
            let (listening, after) = state.withLock { ($0.subscribers.isEmpty == false, $0.published) }
            guard listening else {
                let head = try await store.headPosition()
                let skipped = state.withLock { state in
                    guard state.subscribers.isEmpty else { return false }
                    state.published = max(state.published, head)
                    state.ring.removeAll()
                    return true
                }
                if skipped { return }
                continue  // someone came meanwhile: publish for them
            }
            let page = try await store.read(after: after, limit: LiveFeed.catchUpPage)
            guard let last = page.last else { return }
            publish(page.map { FrameRing.Entry(position: $0.position, kind: .event, bytes: LiveFeed.frame(of: $0)) }, published: last.position)
            var notices: [FrameRing.Entry] = []
            var lastSeasonEvent: Int64?
            for event in page {
                guard let key = Timeline.seasonKey(ofStream: event.stream) else { continue }
                lastSeasonEvent = event.position
                notices.append(FrameRing.Entry(position: event.position, kind: .notice, bytes: LiveFeed.notice(key, position: event.position)))
            }
            if let lastSeasonEvent {
                await live.waitUntilProjected(lastSeasonEvent, timeout: projectionWait)
                publish(notices)
            }
            if page.count < LiveFeed.catchUpPage { return }
        }
    }

    /// Publishes a keep-alive comment and disconnects subscribers whose write has stalled.
    func tick(keepAlive: Bool) {
        let now = ContinuousClock.now
        let stalled = state.withLock { state -> [(UInt64, any Channel, CheckedContinuation<Void, Never>?)] in
            var stalled: [(UInt64, any Channel, CheckedContinuation<Void, Never>?)] = []
            for (id, subscriber) in state.subscribers where !subscriber.closed {
                guard let since = subscriber.writingSince, now - since > limits.stallTimeout, let channel = subscriber.channel else { continue }
                state.subscribers[id]?.closed = true
                state.subscribers[id]?.closeReason = "the client read nothing for \(limits.stallTimeout)"
                stalled.append((id, channel, subscriber.waiter))
                state.subscribers[id]?.waiter = nil
                state.stalledDisconnects += 1
                state.peakStalledBytes = max(state.peakStalledBytes, subscriber.bytesWritten)
            }
            return stalled
        }
        for (id, channel, waiter) in stalled {
            logger.info("live feed: disconnecting subscriber \(id), which read nothing for \(limits.stallTimeout)")
            metrics?.sseStalled.increment()
            // Its write waits for a client that does not read: only closing the connection ends it.
            channel.close(promise: nil)
            waiter?.resume()
        }
        if keepAlive, state.withLock({ !$0.subscribers.isEmpty }) {
            let published = state.withLock { $0.published }
            publish([FrameRing.Entry(position: published, kind: .comment, bytes: LiveFeed.keepAliveFrame)])
        }
    }

    /// Ends every feed (graceful shutdown) and refuses new ones.
    func shutdown(reason: String) {
        let waiters = state.withLock { state -> [CheckedContinuation<Void, Never>] in
            state.shutdownReason = reason
            var waiters: [CheckedContinuation<Void, Never>] = []
            for id in Array(state.subscribers.keys) {
                state.subscribers[id]?.closed = true
                state.subscribers[id]?.closeReason = reason
                if let waiter = state.subscribers[id]?.waiter { waiters.append(waiter) }
                state.subscribers[id]?.waiter = nil
            }
            return waiters
        }
        for waiter in waiters { waiter.resume() }
    }

    // MARK: - Running

    /// Follows the log (woken by appends, or by polling for those of other processes) and ticks
    /// (keep-alives, stalled subscribers) until cancelled.
    func run() async {
        await withDiscardingTaskGroup { group in
            group.addTask {
                for await _ in self.store.appendSignals() {
                    do {
                        try await self.publishAppended()
                    } catch {
                        self.logger.error("live feed: reading the log: \(error); retrying on the next append")
                    }
                }
            }
            group.addTask {
                let interval = min(self.keepAliveInterval, .seconds(1), self.limits.stallTimeout / 2)
                var sinceKeepAlive: Duration = .zero
                while !Task.isCancelled {
                    try? await Task.sleep(for: interval)
                    sinceKeepAlive += interval
                    let keepAlive = sinceKeepAlive >= self.keepAliveInterval
                    if keepAlive { sinceKeepAlive = .zero }
                    self.tick(keepAlive: keepAlive)
                }
            }
        }
    }
}

/// One subscriber's place in the hub; released (and its place given back) when this is.
final class Subscription: Sendable {
    let id: UInt64
    let hub: LiveFeedHub
    let channel: (any Channel)?

    fileprivate init(id: UInt64, hub: LiveFeedHub, channel: (any Channel)?) {
        self.id = id
        self.hub = hub
        self.channel = channel
    }

    /// Joins the shared feed after `position`; false when the ring no longer holds what follows it.
    func join(after position: Int64) -> Bool { hub.join(id, after: position) }

    func next() async -> LiveFeedHub.Delivery { await hub.next(id) }

    /// Runs a write, marked in progress so that a stalled one is found and its connection closed.
    ///
    /// A write from outside the channel's event loop is only queued on that loop: the channel sees it,
    /// and turns unwritable past its high-water mark, later. Without waiting for the loop to take it,
    /// a feed whose client does not read would queue the whole log in memory before the writer
    /// ever suspended. So the write ends with a round trip through the loop: by then the channel's
    /// writability counts this write, and the next one waits while the client is not reading.
    ///
    /// Frames go out at most ``LiveFeedHub/Limits/framesPerWrite`` and ``LiveFeedHub/Limits/bytesPerWrite``
    /// at a time, so that what waits for one client is bounded whatever a page of the log holds.
    func write(_ frames: [ByteBuffer], to writer: inout any ResponseBodyWriter) async throws {
        var start = frames.startIndex
        while start < frames.endIndex {
            var end = start
            var bytes = 0
            while end < frames.endIndex, end - start < hub.limits.framesPerWrite,
                end == start || bytes + frames[end].readableBytes <= hub.limits.bytesPerWrite
            {
                bytes += frames[end].readableBytes
                end += 1
            }
            hub.writing(id, bytes: bytes)
            defer { hub.writing(id, bytes: nil) }
            try await writer.write(contentsOf: frames[start..<end])
            if let channel { try await channel.eventLoop.submit {}.get() }
            start = end
        }
    }

    func close(reason: String?) { hub.close(id, reason: reason) }

    deinit { hub.leave(id) }
}

/// The hub as a service: follows the log beside the HTTP server and ends the feeds on graceful shutdown.
struct LiveFeedService: Service {
    let hub: LiveFeedHub

    func run() async throws {
        let hub = self.hub
        await cancelWhenGracefulShutdown { await hub.run() }
        hub.shutdown(reason: "the server is shutting down")
    }
}
