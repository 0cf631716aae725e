import EventStore
import Logging
import Paddock
import Projections
import ServiceLifecycle
import Synchronization

/// One ``ProjectionService`` kept up to date with the log, so that reads are served from memory.
///
/// The follower (``follow()``) folds in what any process appends; a write through this server folds
/// its own events before answering (read-your-writes, without waiting for the follower's turn).
/// Handlers read the index and ledgers; the live feed waits (woken, not polling) until the
/// projections include an event before announcing a standings change.
final class LiveProjections: Sendable {
    let service: ProjectionService
    let store: any EventStore
    let logger: Logger
    private let progress = ProjectionProgress()

    init(store: any EventStore, logger: Logger) {
        self.store = store
        self.service = ProjectionService(store: store)
        self.logger = logger
    }

    /// The last log position the in-memory projections include.
    var position: Int64 { progress.position }

    /// The registers and seasons, as of ``position``.
    func index() async -> TimelineIndex { await service.index }

    /// Loads the persisted snapshot and folds the rest of the log.
    func start() async throws {
        try await service.catchUp()
        try? await service.persist()
        advance(to: await service.position)
    }

    /// Follows the log until cancelled: each append signal wakes a catch-up, which reads what it
    /// needs itself, a bounded page at a time (the signals carry no events: a follower that falls
    /// behind by a million events holds none of them).
    func follow(onProgress: @Sendable (Int64) async -> Void = { _ in }) async {
        var unpersisted = 0
        for await _ in store.appendSignals() {
            do {
                let folded = try await service.catchUp()
                guard folded > 0 else { continue }
                unpersisted += folded
                let reached = await service.position
                advance(to: reached)
                await onProgress(reached)
                if unpersisted >= 1000 {
                    try? await service.persist()
                    unpersisted = 0
                }
                if folded >= MemoryRelease.afterEvents { MemoryRelease.now() }
            } catch {
                logger.error("projection follower: \(error); retrying on the next signal")
            }
        }
        try? await service.persist()
    }

    /// Folds a write's own events (read back from the log only when another writer came between)
    /// and returns when the projections include them: the writer does not wait for the follower's
    /// next turn. Falls back to waiting for the follower, at most `timeout`, if folding fails.
    /// Returns whether they include them.
    @discardableResult
    func include(appended events: [RecordedEvent], timeout: Duration) async -> Bool {
        guard let target = events.map(\.position).max(), position < target else { return true }
        do {
            advance(to: try await service.catchUp(appended: events))
        } catch {
            logger.warning("catch-up after a write: \(error); waiting for the follower")
        }
        return await waitUntilProjected(target, timeout: timeout)
    }

    /// Waits until the projections include `target`, at most `timeout`. Returns whether they do.
    @discardableResult
    func waitUntilProjected(_ target: Int64, timeout: Duration) async -> Bool {
        guard position < target else { return true }
        return await withTaskGroup(of: Bool.self) { group in
            group.addTask { await self.progress.wait(for: target) }
            group.addTask {
                try? await Task.sleep(for: timeout)
                return false
            }
            let first = await group.next() ?? false
            group.cancelAll()
            return first || self.position >= target
        }
    }

    private func advance(to reached: Int64) { progress.advance(to: reached) }
}

/// The position the in-memory projections include, and the tasks waiting for it to reach theirs,
/// woken when it does (or when they are cancelled).
final class ProjectionProgress: Sendable {
    private struct State {
        var position: Int64 = 0
        var next: UInt64 = 0
        var waiting: [UInt64: (target: Int64, continuation: CheckedContinuation<Bool, Never>)] = [:]
        var cancelledEarly: Set<UInt64> = []
    }

    private let state = Mutex(State())

    var position: Int64 { state.withLock { $0.position } }

    /// Returns true once ``advance(to:)`` reaches `target`; false if the task is cancelled first.
    func wait(for target: Int64) async -> Bool {
        let id = state.withLock { state in
            state.next += 1
            return state.next
        }
        return await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                let answer: Bool? = state.withLock { state in
                    if state.cancelledEarly.remove(id) != nil { return false }
                    // Checked under the lock that `advance` takes: no wake-up falls between check and registration.
                    if state.position >= target { return true }
                    state.waiting[id] = (target, continuation)
                    return nil
                }
                if let answer { continuation.resume(returning: answer) }
            }
        } onCancel: {
            let continuation = state.withLock { state in
                guard let waiter = state.waiting.removeValue(forKey: id) else {
                    state.cancelledEarly.insert(id)
                    return CheckedContinuation<Bool, Never>?.none
                }
                return waiter.continuation
            }
            continuation?.resume(returning: false)
        }
    }

    /// Moves the position forward (never back) and wakes every waiter it reaches.
    func advance(to reached: Int64) {
        let ready = state.withLock { state in
            state.position = max(state.position, reached)
            let ready = state.waiting.filter { $0.value.target <= state.position }
            for id in ready.keys { state.waiting[id] = nil }
            return ready.values.map(\.continuation)
        }
        for continuation in ready { continuation.resume(returning: true) }
    }
}

/// The service that runs the follower beside the HTTP server, until graceful shutdown.
struct ProjectionFollower: Service {
    let live: LiveProjections
    let metrics: ServerMetrics
    let logger: Logger

    func run() async throws {
        let live = self.live
        let metrics = self.metrics
        await cancelWhenGracefulShutdown {
            await live.follow { position in metrics.projectedPosition.set(Double(position)) }
        }
    }
}
