import Foundation

extension SQLiteEventStore {
    /// Events after `position`: the stored ones first, then each new one as it is appended.
    ///
    /// Appends by this process wake the subscription at once; appends by other processes are seen
    /// within the poll interval. Cancel the consuming task (or stop iterating) to end it.
    ///
    /// ```swift
    /// for try await event in store.subscribe(after: lastSeen) { render(event) }
    /// ```
    public func subscribe(after position: Int64) -> AsyncThrowingStream<RecordedEvent, any Error> {
        let (stream, continuation) = AsyncThrowingStream<RecordedEvent, any Error>.makeStream()
        // Registered before the first read, so an append between that read and the wait is not missed.
        let (id, signals) = notifier.register()
        let notifier = self.notifier
        let poll = Task { [pollInterval] in
            while !Task.isCancelled {
                try? await Task.sleep(for: pollInterval)
                notifier.signal(id)
            }
        }
        let pump = Task {
            var last = position
            var wakeUps = signals.makeAsyncIterator()
            do {
                while !Task.isCancelled {
                    let page = try await self.read(after: last, limit: 1000)
                    for event in page {
                        continuation.yield(event)
                        last = event.position
                    }
                    if page.count < 1000, await wakeUps.next() == nil { break }
                }
                continuation.finish()
            } catch {
                continuation.finish(throwing: error)
            }
        }
        continuation.onTermination = { _ in
            pump.cancel()
            poll.cancel()
            notifier.unregister(id)
        }
        return stream
    }
}
