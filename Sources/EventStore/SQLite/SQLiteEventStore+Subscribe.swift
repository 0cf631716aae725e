import Foundation

extension SQLiteEventStore {
    /// How many events a subscription reads at a time: the most it ever holds.
    static let subscriptionPage = 500

    /// Events after `position`: the stored ones first, then each new one as it is appended.
    ///
    /// Pulled, not pushed: a page is read only when the consumer has taken the previous one, so a
    /// slow consumer holds at most one page (``subscriptionPage`` events), however far the log runs
    /// ahead of it. Appends by this process wake the subscription at once; appends by other processes
    /// are seen within the poll interval. Stop iterating (or cancel the consuming task) to end it.
    ///
    /// ```swift
    /// for try await event in store.subscribe(after: lastSeen) { render(event) }
    /// ```
    public func subscribe(after position: Int64) -> AsyncThrowingStream<RecordedEvent, any Error> {
        // Registered before the first read, so an append between that read and the wait is not missed.
        let cursor = SubscriptionCursor(after: position, signals: SignalReceiver(notifier: notifier, pollInterval: pollInterval))
        return AsyncThrowingStream(unfolding: { [self] in try await cursor.next(from: self) })
    }

    /// A signal whenever the log may have grown: at once for appends by this process, and every poll
    /// interval for those of other processes (which no notification reaches). Signals coalesce: a
    /// consumer that is busy when several appends land finds one waiting, so it never falls behind
    /// by more than one signal. Ends when the consumer stops iterating.
    ///
    /// ```swift
    /// for await _ in store.appendSignals() { try await catchUp() }
    /// ```
    public func appendSignals() -> AsyncStream<Void> {
        let receiver = SignalReceiver(notifier: notifier, pollInterval: pollInterval)
        return AsyncStream(unfolding: { await receiver.next() })
    }
}

/// One registration with the store's append notifier, with its poll timer; unregistered when the
/// stream holding it is released. Used by one consumer at a time (a stream's iterator is not
/// shared), hence unchecked.
final class SignalReceiver: @unchecked Sendable {
    private var signals: AsyncStream<Void>.Iterator
    private let end: @Sendable () -> Void

    init(notifier: AppendNotifier, pollInterval: Duration) {
        let (id, stream) = notifier.register()
        signals = stream.makeAsyncIterator()
        let poll = Task {
            while !Task.isCancelled {
                try? await Task.sleep(for: pollInterval)
                notifier.signal(id)
            }
        }
        end = {
            poll.cancel(); notifier.unregister(id)
        }
    }

    func next() async -> Void? { await signals.next() }

    deinit { end() }
}

/// Where a subscription stands: the last position handed out and the page read but not yet taken.
/// Used by one consumer at a time, hence unchecked.
private final class SubscriptionCursor: @unchecked Sendable {
    private var last: Int64
    private var page: [RecordedEvent] = []
    private var index = 0
    private let signals: SignalReceiver

    init(after position: Int64, signals: SignalReceiver) {
        last = position
        self.signals = signals
    }

    func next(from store: SQLiteEventStore) async throws -> RecordedEvent? {
        while !Task.isCancelled {
            if index < page.count {
                defer { index += 1 }
                last = page[index].position
                return page[index]
            }
            page = try await store.read(after: last, limit: SQLiteEventStore.subscriptionPage)
            index = 0
            // At the head: wait for an append (ours, or another process's seen by polling).
            if page.isEmpty, await signals.next() == nil { return nil }
        }
        return nil
    }
}
