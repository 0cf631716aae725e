import Foundation
import GRDB

/// The log was locked by another writer (another process appending, importing or checkpointing)
/// for longer than the store waits (its `busyTimeout`). Nothing was written; try again.
public struct EventStoreBusy: Error, Equatable, CustomStringConvertible {
    /// How long the append waited for the lock.
    public let waited: Duration

    public var description: String {
        "the event log is locked by another writer (waited \(waited)); nothing was written, try again"
    }
}

extension SQLiteEventStore {
    /// How long a write waits for another connection's lock before giving up with ``EventStoreBusy``.
    public static let defaultBusyTimeout: Duration = .seconds(10)

    /// What a connection does when another one holds the lock it needs: try again every millisecond,
    /// for at most `timeout`. SQLite's own busy timeout sleeps up to 100 ms between tries, long enough
    /// for a writer that commits page after page (a large import) to take the lock back each time:
    /// short tries let a recording in between two of its pages.
    static func busyMode(timeout: Duration) -> Database.BusyMode {
        .callback { numberOfTries in
            // The wait is timed on the clock, not by counting tries: a sleep of 1 ms lasts longer
            // on a busy machine. (A connection is used by one thread at a time: its first try,
            // on this thread, starts the clock.)
            let thread = Thread.current.threadDictionary
            let now = ContinuousClock.now
            if numberOfTries == 0 { thread[busySinceKey] = now }
            guard let since = thread[busySinceKey] as? ContinuousClock.Instant, now - since < timeout else { return false }
            usleep(1_000)
            return true
        }
    }

    private static let busySinceKey = "paddock.sqlite.busySince"

    /// A write transaction on GRDB's writer queue (never on the caller's thread: the wait for a lock
    /// held by another process must not hold a Swift concurrency thread). A lock still held after
    /// the busy timeout becomes ``EventStoreBusy``.
    func writeWaitingForLock<T: Sendable>(_ updates: @escaping @Sendable (Database) throws -> T) async throws -> T {
        let start = ContinuousClock.now
        do {
            return try await pool.write(updates)
        } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY || error.resultCode == .SQLITE_LOCKED {
            throw EventStoreBusy(waited: ContinuousClock.now - start)
        }
    }
}
