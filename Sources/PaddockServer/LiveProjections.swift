import EventStore
import Logging
import Paddock
import Projections
import ServiceLifecycle
import Synchronization

/// One ``ProjectionService`` kept up to date with the log, so that reads are served from memory.
///
/// Only the follower (``follow()``) folds new events in, one catch-up at a time; handlers read
/// the index and ledgers and, after a write, wait until it includes their events (read-your-writes).
final class LiveProjections: Sendable {
    let service: ProjectionService
    let store: any EventStore
    let logger: Logger
    private let projected = Mutex<Int64>(0)

    init(store: any EventStore, logger: Logger) {
        self.store = store
        self.service = ProjectionService(store: store)
        self.logger = logger
    }

    /// The last log position the in-memory projections include.
    var position: Int64 { projected.withLock { $0 } }

    /// The registers and seasons, as of ``position``.
    func index() async -> TimelineIndex { await service.index }

    /// Loads the persisted snapshot and folds the rest of the log.
    func start() async throws {
        try await service.catchUp()
        try? await service.persist()
        let position = await service.position
        projected.withLock { $0 = position }
    }

    /// Follows the log until cancelled: each appended event wakes a catch-up.
    func follow(onProgress: @Sendable (Int64) async -> Void = { _ in }) async {
        var unpersisted = 0
        while !Task.isCancelled {
            do {
                for try await event in store.subscribe(after: position) where event.position > position {
                    unpersisted += try await service.catchUp()
                    let reached = await service.position
                    projected.withLock { $0 = reached }
                    await onProgress(reached)
                    if unpersisted >= 1000 {
                        try? await service.persist()
                        unpersisted = 0
                    }
                }
            } catch {
                logger.error("projection follower: \(error); retrying in 1 s")
                try? await Task.sleep(for: .seconds(1))
            }
        }
        try? await service.persist()
    }

    /// Waits (polling, bounded by `timeout`) until the projections include `target`. Returns whether they do.
    @discardableResult
    func waitUntilProjected(_ target: Int64, timeout: Duration) async -> Bool {
        let deadline = ContinuousClock.now + timeout
        while position < target {
            guard ContinuousClock.now < deadline, !Task.isCancelled else { return false }
            try? await Task.sleep(for: .milliseconds(2))
        }
        return true
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
