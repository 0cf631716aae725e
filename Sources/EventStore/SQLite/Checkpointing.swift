import Foundation
import GRDB
import Synchronization

/// When the log's write-ahead log is copied back into the database file (SQLite's checkpoint).
///
/// ```swift
/// // A service answering writes live: no append waits for a checkpoint.
/// let store = try SQLiteEventStore(path: "paddock.sqlite", checkpointing: .background(every: .seconds(1)))
/// ```
public enum Checkpointing: Sendable, Equatable {
    /// By the append whose commit takes the WAL past 8,192 pages (SQLite's automatic checkpoint):
    /// right for imports and batch work; that one append pays for the copy (tens to hundreds of ms).
    case automatic
    /// By a connection of the store's own, at most every `interval` after appends, beside them:
    /// right for a service recording live, where one slow commit in thousands is a slow answer.
    /// (A passive checkpoint: it copies what no reader still needs and never blocks an append.)
    case background(every: Duration)
}

/// Runs passive checkpoints on its own connection while appends go on.
final class BackgroundCheckpointer: Sendable {
    private let connection: DatabaseQueue
    private let pending = Mutex(false)
    private let loop = Mutex<Task<Void, Never>?>(nil)

    init(path: String, every interval: Duration) throws {
        var configuration = Configuration()
        // A restarting checkpoint holds the write lock while it waits for readers of older snapshots
        // (a `verify` or `export` beside the service can read for minutes): it waits only briefly,
        // so that appends are never held up behind it; the next turn tries again.
        configuration.busyMode = SQLiteEventStore.busyMode(timeout: Self.restartWait)
        connection = try DatabaseQueue(path: path, configuration: configuration)
        let task = Task.detached(priority: .utility) { [weak self] in
            while !Task.isCancelled {
                try? await Task.sleep(for: interval)
                guard let self else { return }
                guard
                    self.pending.withLock({ pending in
                        defer { pending = false }; return pending
                    })
                else { continue }
                // Busy (another checkpoint, a reader on an old snapshot): the next turn copies the rest.
                // On GRDB's queue: the copy and its fsync must not hold a Swift concurrency thread.
                _ = try? await self.connection.writeWithoutTransaction { db in try Self.checkpoint(db) }
            }
        }
        loop.withLock { $0 = task }
    }

    /// Something was appended: checkpoint on the next turn.
    func appended() { pending.withLock { $0 = true } }

    /// Stops the loop and closes the connection.
    func stop() {
        loop.withLock {
            $0?.cancel(); $0 = nil
        }
        try? connection.close()
    }

    /// The WAL frames (pages) beyond which a turn also restarts the WAL: 16 MiB of 4 KiB pages.
    static let restartAfterFrames = 4096

    /// Runs one turn now: a passive checkpoint, then, when the WAL has grown past
    /// ``restartAfterFrames``, a restarting one. Appends that commit while a passive checkpoint
    /// copies keep it from ever finishing, so the WAL would never start again from its beginning
    /// and would grow without end; the restarting checkpoint waits for the appends in progress,
    /// blocks new ones while it copies what the passive one left (little) and lets the next append
    /// write from the WAL's beginning. (Truncating the file as well made those appends wait ~35 ms
    /// instead of a few; `journal_size_limit` bounds the file.) Returns the WAL frames and those
    /// copied by the passive checkpoint.
    @discardableResult
    func checkpointNow() throws -> (walFrameCount: Int, checkpointedFrameCount: Int) {
        try connection.inDatabase { db in try Self.checkpoint(db) }
    }

    /// How long a restarting checkpoint waits for readers and writers before giving up until the next turn.
    static let restartWait: Duration = .milliseconds(10)

    private static func checkpoint(_ db: Database) throws -> (walFrameCount: Int, checkpointedFrameCount: Int) {
        let passive = try db.checkpoint(.passive)
        if passive.walFrameCount >= restartAfterFrames { _ = try? db.checkpoint(.restart) }
        return passive
    }
}
