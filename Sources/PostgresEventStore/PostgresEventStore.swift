import EventStore
import Foundation
import Logging
import PostgresNIO
import Synchronization

/// The event log on PostgreSQL (postgres-nio, no ORM): the same promises, rows and hashes as
/// ``SQLiteEventStore``, for several services sharing one log.
///
/// Appends take the one row of `chain_head` as the writers' lock, from reading the head to the
/// commit: positions are gap-free in commit order, as Message DB's writer lock makes them. Triggers
/// refuse UPDATE, DELETE and TRUNCATE on `events`. Each append is announced with NOTIFY; one
/// listening connection per store wakes its subscriptions, which catch up from the table.
///
/// ```swift
/// let store = try await PostgresEventStore.open(url: "postgresql://paddock@127.0.0.1:5432/paddock")
/// try await store.append([NewEvent(type: "Note", occurredAt: "2018", payload: #"{"text":"hi"}"#)],
///                        to: "notes", expecting: .any)
/// print(try await store.verify())
/// await store.close()
/// ```
public final class PostgresEventStore: EventStore, Sendable {
    /// The store clock, when a test injects one; otherwise the database server's clock stamps
    /// `recorded_at`, so that every service on the log shares one clock.
    public typealias Clock = @Sendable () -> Date

    public let location: PostgresLocation
    let client: PostgresClient
    let clock: Clock?
    let logger: Logger
    let signals = AppendSignals()
    let listener: AppendListener
    let tail: SharedTail
    /// Pages subscriptions read from the table themselves, catching up (for tests).
    let subscriptionTableReads = Atomic<Int>(0)
    private let running: Task<Void, Never>

    /// Connects, creates or migrates the log's tables, and starts the connection pool.
    ///
    /// - Throws: ``EventStoreError/databaseTooNew(path:unknownMigrations:)`` for a schema written by
    ///   a newer Paddock, ``EventStoreError/notAnEventLog(path:reason:)`` for someone else's `events`
    ///   table, ``PostgresStoreError`` when the server cannot be reached or cannot hold the log.
    public static func open(
        _ location: PostgresLocation, clock: Clock? = nil, maximumConnections: Int = 8, logger: Logger? = nil
    ) async throws -> PostgresEventStore {
        let logger = logger ?? Self.quietLogger
        let connection = try await location.connect(logger: logger)
        do {
            try await PostgresMigrator.migrate(connection, location: location, logger: logger)
        } catch {
            try? await connection.close()
            throw PostgresStoreError.readable(error, location: location)
        }
        try? await connection.close()
        return PostgresEventStore(location: location, clock: clock, maximumConnections: maximumConnections, logger: logger)
    }

    /// ``open(_:clock:maximumConnections:logger:)`` from a `postgresql://` URL (see ``PostgresLocation``).
    public static func open(url: String, clock: Clock? = nil, maximumConnections: Int = 8, logger: Logger? = nil) async throws -> PostgresEventStore {
        try await open(try PostgresLocation(url), clock: clock, maximumConnections: maximumConnections, logger: logger)
    }

    private init(location: PostgresLocation, clock: Clock?, maximumConnections: Int, logger: Logger) {
        self.location = location
        self.clock = clock
        self.logger = logger
        let client = PostgresClient(
            configuration: location.clientConfiguration(maximumConnections: maximumConnections),
            backgroundLogger: logger)
        self.client = client
        running = Task { await client.run() }
        listener = AppendListener(location: location, signals: signals, logger: logger)
        // The tail reads through the pool, not through the store: no cycle between them.
        tail = SharedTail(
            read: { [client, location, logger] after, limit in
                do {
                    return try await client.withConnection { connection in
                        try await Self.events(
                            try await connection.query(
                                try Self.statement(for: EventQuery(afterPosition: after, limit: limit)), logger: logger))
                    }
                } catch {
                    throw PostgresStoreError.readable(error, location: location)
                }
            },
            generation: { [signals] in signals.generation })
    }

    /// postgres-nio logs connection trouble itself; the store reports what matters through its errors.
    static var quietLogger: Logger {
        var logger = Logger(label: "paddock.postgres")
        logger.logLevel = .critical
        return logger
    }

    /// Stops the listener and the pool; subscriptions end, further calls fail.
    public func close() async {
        listener.stop()
        signals.finishAll()
        running.cancel()
        _ = await running.value
    }

    deinit {
        listener.stop()
        running.cancel()
    }

    // MARK: - Connections

    /// Runs `body` on a pooled connection; postgres-nio's errors become readable ones.
    func withConnection<T: Sendable>(_ body: (PostgresConnection) async throws -> T) async throws -> T {
        do {
            return try await client.withConnection { connection in try await body(connection) }
        } catch {
            throw PostgresStoreError.readable(error, location: location)
        }
    }

    /// Runs `body` in a READ COMMITTED transaction (whatever the server's default), committing
    /// when it returns and rolling back when it throws.
    func inTransaction<T: Sendable>(_ body: (PostgresConnection) async throws -> T) async throws -> T {
        let logger = self.logger
        return try await withConnection { connection in
            try await connection.run("BEGIN ISOLATION LEVEL READ COMMITTED", logger: logger)
            let result: T
            do {
                result = try await body(connection)
            } catch {
                do {
                    try await connection.run("ROLLBACK", logger: logger)
                } catch {
                    try? await connection.close()  // never hand the pool a connection inside a failed transaction
                }
                throw error
            }
            try await connection.run("COMMIT", logger: logger)
            return result
        }
    }

    // MARK: - Small reads

    public func headPosition() async throws -> Int64 {
        try await withConnection { connection in
            try await connection.query("SELECT coalesce(max(position), 0) FROM events", logger: logger)
                .decode(Int64.self).first { _ in true } ?? 0
        }
    }

    public func version(of stream: String) async throws -> Int {
        try await withConnection { connection in
            let version =
                try await connection.query(
                    "SELECT coalesce(max(stream_version), 0) FROM events WHERE stream = \(stream)", logger: logger
                )
                .decode(Int64.self).first { _ in true } ?? 0
            return Int(version)
        }
    }

    public func streams() async throws -> [(stream: String, version: Int)] {
        let rows = try await withConnection { connection in
            var rows: [(String, Int64)] = []
            for try await row in try await connection.query(
                "SELECT stream, max(stream_version) FROM events GROUP BY stream ORDER BY stream", logger: logger
            )
            .decode((String, Int64).self) {
                rows.append(row)
            }
            return rows.map { Pair(stream: $0.0, version: $0.1) }
        }
        return rows.map { (stream: $0.stream, version: Int($0.version)) }
    }

    private struct Pair: Sendable {
        let stream: String
        let version: Int64
    }
}
