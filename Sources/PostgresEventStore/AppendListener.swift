import Foundation
import Logging
import PostgresNIO
import Synchronization

/// Wakes a store's subscriptions: each registers once and is signalled (at most one pending
/// signal each, so a burst of appends costs a subscriber one catch-up read, not one per append).
final class AppendSignals: Sendable {
    /// nil once the store is closed: a registration after that gets a finished stream.
    private let waiters = Mutex<[UInt64: AsyncStream<Void>.Continuation]?>([:])
    private let nextId = Atomic<UInt64>(0)
    private let signalled = Atomic<UInt64>(0)

    /// How many times the subscriptions were signalled: counted before they are woken, so a woken
    /// subscription that reads this gets a number at least that of the signal that woke it.
    var generation: UInt64 { signalled.load(ordering: .acquiring) }

    func register() -> (id: UInt64, signals: AsyncStream<Void>) {
        let (signals, continuation) = AsyncStream<Void>.makeStream(bufferingPolicy: .bufferingNewest(1))
        let id = nextId.add(1, ordering: .relaxed).newValue
        let open = waiters.withLock { waiters in
            guard waiters != nil else { return false }
            waiters?[id] = continuation
            return true
        }
        if !open { continuation.finish() }
        return (id, signals)
    }

    func unregister(_ id: UInt64) { waiters.withLock { $0?.removeValue(forKey: id) }?.finish() }

    func notifyAll() {
        signalled.add(1, ordering: .releasing)
        waiters.withLock { for continuation in ($0 ?? [:]).values { continuation.yield() } }
    }

    /// Ends every registration, now and later (the store is closed).
    func finishAll() {
        let all = waiters.withLock { waiters in
            defer { waiters = nil }
            return Array((waiters ?? [:]).values)
        }
        for continuation in all { continuation.finish() }
    }

    var count: Int { waiters.withLock { $0?.count ?? 0 } }
}

/// The store's one listening connection (LISTEN on the schema's channel), started by the first
/// subscription: every NOTIFY of an append, by this process or any other, signals every
/// subscription of the store. While the connection is down it reconnects every second and signals
/// the subscriptions each time, so that they catch up from the table; nothing polls otherwise.
final class AppendListener: Sendable {
    private enum State {
        case idle
        case starting([CheckedContinuation<Void, Never>])
        case listening
        case stopped
    }

    private let location: PostgresLocation
    private let signals: AppendSignals
    private let logger: Logger
    private let state = Mutex(State.idle)
    private let task = Mutex<Task<Void, Never>?>(nil)
    private let connection = Mutex<PostgresConnection?>(nil)
    static let retryInterval: Duration = .seconds(1)

    init(location: PostgresLocation, signals: AppendSignals, logger: Logger) {
        self.location = location
        self.signals = signals
        self.logger = logger
    }

    /// Returns once the store listens (starting the listener on first use), or after the first
    /// attempt failed: a subscription that reads after this misses no announcement.
    func ready() async {
        let start: Bool = state.withLock { state in
            if case .idle = state { state = .starting([]); return true }
            return false
        }
        if start {
            let task = Task.detached { [weak self] in
                guard let self else { return }
                await self.listen()
            }
            self.task.withLock { $0 = task }
        }
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let waitNow: Bool = state.withLock { state in
                if case .starting(var waiting) = state {
                    waiting.append(continuation)
                    state = .starting(waiting)
                    return true
                }
                return false
            }
            if !waitNow { continuation.resume() }
        }
    }

    func stop() {
        let waiting: [CheckedContinuation<Void, Never>] = state.withLock { state in
            defer { state = .stopped }
            if case .starting(let waiting) = state { return waiting }
            return []
        }
        for continuation in waiting { continuation.resume() }
        task.withLock {
            $0?.cancel(); $0 = nil
        }
        connection.withLock { connection in  // ends the wait for notifications
            _ = connection?.close() as EventLoopFuture<Void>?
            connection = nil
        }
    }

    /// Moves out of `.starting`, waking whoever waits for the first attempt.
    private func settle(listening: Bool) {
        let waiting: [CheckedContinuation<Void, Never>] = state.withLock { state in
            switch state {
            case .starting(let waiting):
                state = listening ? .listening : .starting([])
                return waiting
            case .listening where !listening:
                state = .starting([])
                return []
            default: return []
            }
        }
        for continuation in waiting { continuation.resume() }
    }

    private func listen() async {
        let channel = location.notificationChannel
        while !Task.isCancelled {
            do {
                let connection = try await location.connect(logger: logger)
                let stopped: Bool = state.withLock { state in
                    if case .stopped = state { return true }
                    self.connection.withLock { $0 = connection }
                    return false
                }
                if stopped {
                    try? await connection.close()
                    break
                }
                do {
                    try await connection.listen(on: channel) { notifications in
                        settle(listening: true)
                        signals.notifyAll()  // whatever was appended while nobody listened
                        for try await _ in notifications { signals.notifyAll() }
                    }
                } catch {
                    try? await connection.close()
                    throw error
                }
                try? await connection.close()
                self.connection.withLock { $0 = nil }
            } catch {
                self.connection.withLock { $0 = nil }
                if Task.isCancelled { break }
                logger.warning("listening for appends on \(location.redacted): \(PostgresStoreError.readable(error, location: location)); retrying")
            }
            settle(listening: false)
            signals.notifyAll()
            try? await Task.sleep(for: Self.retryInterval)
        }
    }
}
