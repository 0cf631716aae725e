import EventStore
import Foundation

/// A fresh SQLite event log in a directory of its own, removed (log, WAL and anything else written
/// beside it) when the value goes away.
///
/// ```swift
/// let temp = try TemporaryStore()
/// try await temp.store.append(events, to: "season:f1:1988", expecting: .any)
/// runPaddock(["verify", "--db", temp.path])
/// ```
public final class TemporaryStore: Sendable {
    /// The directory the log lives in; tests may write their input files beside it.
    public let directory: URL
    /// The log's SQLite file.
    public let path: String
    public let store: SQLiteEventStore
    private let scratch: TemporaryDirectory

    public init(
        _ label: String = "store", pollInterval: Duration = .milliseconds(500),
        busyTimeout: Duration = SQLiteEventStore.defaultBusyTimeout
    ) throws {
        scratch = try TemporaryDirectory(label)
        directory = scratch.url
        path = scratch.file("log.sqlite")
        store = try SQLiteEventStore(path: path, pollInterval: pollInterval, busyTimeout: busyTimeout)
    }
}
