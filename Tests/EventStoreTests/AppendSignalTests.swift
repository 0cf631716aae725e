import Foundation
import PaddockTestSupport
import Testing

@testable import EventStore
@testable import PostgresEventStore

/// `appendSignals()`: a coalesced "the log may have grown" for followers that read for themselves.
@Suite("Append signals", .tags(.slow))
struct AppendSignalTests {
    /// The next signal's arrival, failing after `seconds` instead of hanging.
    static func nextSignal(_ signals: AsyncStream<Void>, within seconds: Double) async throws -> ContinuousClock.Instant {
        try await withTimeout(seconds) {
            var iterator = signals.makeAsyncIterator()
            guard await iterator.next() != nil else { throw SignalsEnded() }
            return ContinuousClock.now
        }
    }

    struct SignalsEnded: Error {}

    /// Returns once a PostgreSQL store listens for NOTIFY and the signal it sends on starting to
    /// listen has been sent (a SQLite store polls: nothing to wait for).
    static func listening(_ store: any TestStore) async throws {
        if let postgres = store as? PostgresEventStore { await postgres.listener.ready() }
        try await Task.sleep(for: .milliseconds(300))
    }

    @Test(
        "appends by this store signal at once; a burst while the consumer is busy leaves one signal, not one per append",
        arguments: Backend.underTest)
    func coalesced(_ backend: Backend) async throws {
        try await withLog(backend, "signals") { db in
            let store = try await db.open(pollInterval: .seconds(60))  // SQLite: no poll within the test
            let signals = store.appendSignals()
            try await Self.listening(store)
            for index in 0..<5 { try await store.append(notes(1, "n\(index)-"), to: "s", expecting: .any) }
            try await Task.sleep(for: .seconds(1))  // PostgreSQL: every NOTIFY of the burst has arrived
            // The burst's signal is already waiting: it is there without another append.
            _ = try await Self.nextSignal(signals, within: 5)

            // The burst left one signal: the next wait lasts until the next append.
            let waiting = Task { try await Self.nextSignal(signals, within: 30) }
            try await Task.sleep(for: .milliseconds(400))
            let appending = ContinuousClock.now
            try await store.append(notes(1, "late"), to: "s", expecting: .any)
            let woken = try await waiting.value
            #expect(woken >= appending, "a second signal was left by the burst")
            #expect(woken - appending < .seconds(10), "not the append's signal")
        }
    }

    @Test("an append by another store on the same log signals (SQLite by polling, PostgreSQL by NOTIFY)", arguments: Backend.underTest)
    func otherProcess(_ backend: Backend) async throws {
        try await withLog(backend, "signals") { db in
            let follower = try await db.open(pollInterval: .milliseconds(100))
            let writer = try await db.open(pollInterval: .seconds(60))
            // The head the follower reads after each signal: only a signal after the append can see 2.
            let signals = follower.appendSignals()
            let consumer = Task {
                var heads: [Int64] = []
                for await _ in signals {
                    heads.append(try await follower.headPosition())
                    if heads.last == 2 { break }
                }
                return heads
            }
            try await Self.listening(follower)  // the signals of the start are taken (head 0) before the append
            try await writer.append(notes(2), to: "elsewhere", expecting: .noStream)
            let heads = try await withTimeout(10) { try await consumer.value }
            #expect(heads.last == 2)
        }
    }

    @Test("a PostgreSQL store's signals end when it is closed, also for a stream asked for afterwards", arguments: Backend.postgresOnly)
    func endOnClose(_ backend: Backend) async throws {
        try await withLog(backend, "signals") { db in
            let store = try await db.open()
            let signals = store.appendSignals()
            let ended = Task {
                var iterator = signals.makeAsyncIterator()
                while await iterator.next() != nil {}
                return true
            }
            try await Task.sleep(for: .milliseconds(200))
            try await store.shutdown()
            #expect(try await withTimeout(10) { await ended.value })
            let late = store.appendSignals()
            #expect(
                try await withTimeout(10) {
                    var iterator = late.makeAsyncIterator()
                    return await iterator.next() == nil
                })
        }
    }
}
