import Foundation
import GRDB
import Synchronization

/// The embedded event log: one SQLite database in WAL mode, through GRDB.
///
/// The store is the only writer of its database. Rows of `events` can be inserted but never updated
/// or deleted (triggers refuse it), and each row's hash chains it to the previous one.
///
/// ```swift
/// let store = try SQLiteEventStore(path: "paddock.sqlite")
/// try await store.append([NewEvent(type: "Note", occurredAt: "2018", payload: #"{"text":"hi"}"#)],
///                        to: "notes", expecting: .any)
/// print(try await store.verify())
/// ```
public final class SQLiteEventStore: EventStore, Sendable {
    /// The store clock: recorded times come from here (tests inject their own).
    public typealias Clock = @Sendable () -> Date

    public let path: String
    let pool: DatabasePool
    let clock: Clock
    let notifier = AppendNotifier()
    /// Set when checkpoints run beside the appends (``Checkpointing/background(every:)``).
    let checkpointer: BackgroundCheckpointer?
    /// How often a subscription also looks for events appended by another process.
    let pollInterval: Duration

    /// Opens (and creates or migrates) the log at `path`.
    ///
    /// - Throws: ``EventStoreError/databaseTooNew(path:unknownMigrations:)`` for a database written
    ///   by a newer Paddock, ``EventStoreError/notAnEventLog(path:reason:)`` for another kind of file.
    ///   `checkpointing` says who copies the WAL back into the database file (``Checkpointing``).
    ///   `durability` says when an acknowledged append survives a power loss (``Durability``);
    ///   `busyTimeout`, how long a write waits for another process's lock before ``EventStoreBusy``;
    ///   `pageCache`, how much of the database each connection keeps in memory (``PageCache``).
    public init(
        path: String, clock: @escaping Clock = { Date() }, pollInterval: Duration = .milliseconds(500),
        checkpointing: Checkpointing = .automatic, durability: Durability = .checkpointed,
        busyTimeout: Duration = SQLiteEventStore.defaultBusyTimeout, pageCache: PageCache = .large
    ) throws {
        self.path = path
        self.clock = clock
        self.pollInterval = pollInterval
        var configuration = Configuration()
        configuration.busyMode = Self.busyMode(timeout: busyTimeout)
        let autocheckpoint = checkpointing == .automatic ? 8192 : 0
        configuration.prepareDatabase { db in
            // A larger cache and rarer checkpoints let batch appends run close to SQLite's own insert speed.
            try db.execute(
                sql: """
                    PRAGMA synchronous = \(durability.pragma);
                    PRAGMA cache_size = \(pageCache.cacheSize(readOnly: db.configuration.readonly));
                    PRAGMA wal_autocheckpoint = \(autocheckpoint);
                    PRAGMA journal_size_limit = 67108864;
                    """)
        }
        Self.createOwnerOnly(path)
        do {
            pool = try DatabasePool(path: path, configuration: configuration)
            try pool.write { db in
                let unknown = try Schema.unknownMigrations(db)
                if !unknown.isEmpty { throw EventStoreError.databaseTooNew(path: path, unknownMigrations: unknown) }
                if try db.tableExists("events"), try !db.tableExists("grdb_migrations") {
                    throw EventStoreError.notAnEventLog(path: path, reason: "it has an events table that Paddock did not create")
                }
            }
            try Schema.migrator.migrate(pool)
            // Again on the writer: GRDB sets `synchronous = NORMAL` when it turns WAL on, after `prepareDatabase`.
            try pool.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA synchronous = \(durability.pragma)") }
            if case .background(let interval) = checkpointing {
                checkpointer = try BackgroundCheckpointer(path: path, every: interval)
            } else {
                checkpointer = nil
            }
        } catch let error as EventStoreError {
            throw error
        } catch let error as DatabaseError where error.resultCode == .SQLITE_NOTADB {
            throw EventStoreError.notAnEventLog(path: path, reason: "not a SQLite database")
        }
    }

    /// Creates a missing database file readable and writable by its owner only (SQLite gives its
    /// WAL and shared-memory files the database file's permissions): results not yet published and
    /// the application's tables beside the log are nobody else's to read.
    static func createOwnerOnly(_ path: String) {
        guard path != ":memory:", !path.isEmpty, !FileManager.default.fileExists(atPath: path) else { return }
        FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600])
    }

    // MARK: - Small reads

    public func headPosition() async throws -> Int64 {
        try await pool.read { db in try Int64.fetchOne(db, sql: "SELECT MAX(position) FROM events") ?? 0 }
    }

    public func version(of stream: String) async throws -> Int {
        try await pool.read { db in try Self.version(of: stream, in: db) }
    }

    public func streams() async throws -> [(stream: String, version: Int)] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: "SELECT stream, MAX(stream_version) AS v FROM events GROUP BY stream ORDER BY stream")
                .map { (stream: $0["stream"], version: $0["v"]) }
        }
    }

    static func version(of stream: String, in db: Database) throws -> Int {
        let statement = try db.cachedStatement(sql: "SELECT MAX(stream_version) FROM events WHERE stream = ?")
        return try Int.fetchOne(statement, arguments: [stream]) ?? 0
    }

    /// Closes the database. Further calls fail.
    public func close() throws {
        checkpointer?.stop()
        try pool.close()
    }

    deinit { checkpointer?.stop() }
}

/// Wakes subscriptions when this process appends.
final class AppendNotifier: Sendable {
    private let waiters = Mutex<[UUID: AsyncStream<Void>.Continuation]>([:])

    func register() -> (id: UUID, signals: AsyncStream<Void>) {
        let (signals, continuation) = AsyncStream<Void>.makeStream(bufferingPolicy: .bufferingNewest(1))
        let id = UUID()
        waiters.withLock { $0[id] = continuation }
        return (id, signals)
    }

    func signal(_ id: UUID) { _ = waiters.withLock { $0[id]?.yield() } }

    func unregister(_ id: UUID) { waiters.withLock { $0.removeValue(forKey: id)?.finish() } }

    func notifyAll() { waiters.withLock { for continuation in $0.values { continuation.yield() } } }
}
