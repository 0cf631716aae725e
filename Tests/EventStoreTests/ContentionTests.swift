import Foundation
import GRDB
import PaddockTestSupport
import Testing

@testable import EventStore

/// Another process holding the log's write lock (a large import beside the service): an append
/// waits for it rather than failing, gives up with ``EventStoreBusy`` only after the busy timeout,
/// and reads never wait. And the durability setting reaches SQLite.
@Suite(.tags(.slow)) struct ContentionTests {
    /// Holds a write transaction on another connection for `duration` (what `paddock append` does
    /// while it writes a page), on a thread of its own. The task returns the instant it let go.
    func holdWriteLock(_ path: String, for duration: Duration) async throws -> Task<ContinuousClock.Instant, any Error> {
        let locked = AsyncStream<Void>.makeStream()
        let task = Task.detached {
            let other = try DatabaseQueue(path: path)
            return try await other.writeWithoutTransaction { db in
                var released = ContinuousClock.now
                try db.inTransaction(.immediate) {
                    locked.continuation.yield()
                    Thread.sleep(forTimeInterval: Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18)
                    released = ContinuousClock.now
                    return .rollback
                }
                return released
            }
        }
        var iterator = locked.stream.makeAsyncIterator()
        await iterator.next()
        return task
    }

    @Test func anAppendWaitsForAnotherWritersLockThenSucceeds() async throws {
        let db = try TempDatabase("busy-wait")
        defer { db.remove() }
        let store = try db.open()
        try await store.append(notes(1), to: "s", expecting: .any)
        let holder = try await holdWriteLock(db.path, for: .seconds(3))  // long enough for a read on a loaded machine
        // Reads go on while the lock is held (WAL): they do not wait for it.
        #expect(try await store.read(after: 0, limit: 10).count == 1)
        let readDone = ContinuousClock.now
        let result = try await store.append(notes(1), to: "s", expecting: .exactly(1))
        let appended = ContinuousClock.now
        let released = try await holder.value
        #expect(readDone < released, "the read waited for the lock")
        #expect(appended >= released, "the append did not wait for the lock")
        #expect(result.streamVersion == 2)
        #expect(try await store.verify().isIntact)
    }

    @Test func anAppendGivesUpAfterTheBusyTimeoutWithNothingWritten() async throws {
        let db = try TempDatabase("busy-timeout")
        defer { db.remove() }
        let store = try SQLiteEventStore(path: db.path, busyTimeout: .milliseconds(200))
        try await store.append(notes(1), to: "s", expecting: .any)
        let holder = try await holdWriteLock(db.path, for: .seconds(3))
        await #expect(throws: EventStoreBusy.self) { try await store.append(notes(3), to: "s", expecting: .any) }
        let refused = ContinuousClock.now
        let released = try await holder.value
        #expect(refused < released, "the append waited for the lock to be released")
        #expect(try await store.headPosition() == 1)
        #expect(try await store.append(notes(1), to: "s", expecting: .exactly(1)).streamVersion == 2)
    }

    @Test func durabilityChoosesSQLitesSynchronousSetting() async throws {
        let db = try TempDatabase("durability")
        defer { db.remove() }
        let full = try SQLiteEventStore(path: db.path, durability: .everyCommit)
        // PRAGMA synchronous: 1 is NORMAL, 2 is FULL.
        #expect(try await full.pool.write { try Int.fetchOne($0, sql: "PRAGMA synchronous") } == 2)
        #expect(try await full.pool.read { try Int.fetchOne($0, sql: "PRAGMA synchronous") } == 2)
        try full.close()
        let normal = try SQLiteEventStore(path: db.path)
        #expect(try await normal.pool.write { try Int.fetchOne($0, sql: "PRAGMA synchronous") } == 1)
        #expect(try await normal.pool.read { try Int.fetchOne($0, sql: "PRAGMA cache_size") } == -65_536)
        try normal.close()
    }

    @Test func aSmallPageCacheBoundsEveryConnection() async throws {
        let db = try TempDatabase("page-cache")
        defer { db.remove() }
        let store = try SQLiteEventStore(path: db.path, pageCache: .small)
        // Negative: KiB. The writer keeps 8 MiB, each reader 2 MiB.
        #expect(try await store.pool.write { try Int.fetchOne($0, sql: "PRAGMA cache_size") } == -8_192)
        #expect(try await store.pool.read { try Int.fetchOne($0, sql: "PRAGMA cache_size") } == -2_048)
        try store.close()
    }

    @Test func appendSignalsCoalesceWhileTheConsumerIsBusy() async throws {
        let db = try TempDatabase("signals")
        defer { db.remove() }
        let store = try SQLiteEventStore(path: db.path, pollInterval: .seconds(60))
        var signals = store.appendSignals().makeAsyncIterator()
        for index in 0..<5 { try await store.append(notes(1, "n\(index)-"), to: "s", expecting: .any) }
        let first = ContinuousClock.now
        #expect(await signals.next() != nil)
        #expect(ContinuousClock.now - first < .milliseconds(500))
        // Five appends while nobody waited left one signal, not five: the next wait lasts until the next append.
        let waiting = Task { [signals] in
            var signals = signals
            _ = await signals.next()
            return ContinuousClock.now
        }
        try await Task.sleep(for: .milliseconds(300))
        let appending = ContinuousClock.now
        try await store.append(notes(1, "late"), to: "s", expecting: .any)
        let woken = await waiting.value
        #expect(woken >= appending, "a second signal was left by the first five appends")
        #expect(woken - appending < .seconds(10), "not the append's signal: the poll interval is 60 s")
    }
}
