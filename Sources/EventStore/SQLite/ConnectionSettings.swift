import Foundation

/// When an acknowledged append is safe from a power loss (SQLite's `synchronous` setting in WAL mode).
///
/// ```swift
/// // A service that answers "recorded" only once the event would survive a power cut.
/// let store = try SQLiteEventStore(path: "paddock.sqlite", durability: .everyCommit)
/// ```
public enum Durability: Sendable, Equatable {
    /// Each commit is flushed to the disk (the WAL is fsynced) before the append returns
    /// (`synchronous = FULL`): what was acknowledged survives a power loss. Costs one fsync per append.
    case everyCommit
    /// Commits are flushed at each checkpoint (`synchronous = NORMAL`): a crash of the process loses
    /// nothing, but a power loss can undo the last appends since the previous checkpoint. Right for
    /// batch work that can be run again (imports, benches).
    case checkpointed

    var pragma: String { self == .everyCommit ? "FULL" : "NORMAL" }
}

/// How much of the database each connection keeps in memory (SQLite's page cache, filled as pages
/// are read; the store has one writer connection and up to five readers).
///
/// ```swift
/// // A service that runs for months: its memory must not depend on how much of the log it has read.
/// let store = try SQLiteEventStore(path: "paddock.sqlite", pageCache: .small)
/// ```
public enum PageCache: Sendable, Equatable {
    /// Up to 64 MiB per connection: batch appends and whole-log scans run close to SQLite's speed.
    case large
    /// Up to 8 MiB for the writer (the indexes an append touches) and 2 MiB per reader: at most
    /// 18 MiB, where `large` can reach 384 MiB after reading the whole log a few times.
    case small

    /// `PRAGMA cache_size` for a connection (negative: KiB).
    func cacheSize(readOnly: Bool) -> Int {
        switch self {
        case .large: -65_536
        case .small: readOnly ? -2_048 : -8_192
        }
    }
}
