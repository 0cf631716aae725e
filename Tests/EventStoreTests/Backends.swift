import Foundation
import GRDB
import Logging
import PaddockTestSupport
import PostgresNIO
import Synchronization
import Testing

@testable import EventStore
@testable import PostgresEventStore

// MARK: - The backends every promise of the store is checked against

/// A database the conformance suites run against. SQLite always; PostgreSQL when
/// `PADDOCK_TEST_POSTGRES` names a server (`Tools/postgres-cluster start` starts one), and always
/// under CI (`CI=true`), where its absence fails every PostgreSQL case instead of skipping them.
enum Backend: String, Sendable, CaseIterable, CustomTestStringConvertible {
    case sqlite
    case postgres

    var testDescription: String { rawValue }

    static var postgresVariable: String { TestEnvironment.postgresVariable }
    static var postgresURL: String? { TestEnvironment.postgresURL }
    static var underCI: Bool { TestEnvironment.underCI }

    static var underTest: [Backend] { postgresURL != nil || underCI ? [.sqlite, .postgres] : [.sqlite] }
    static var postgresOnly: [Backend] { postgresURL != nil || underCI ? [.postgres] : [] }
}

/// Says, as a skipped test naming the variable, that the PostgreSQL cases did not run.
@Suite("PostgreSQL backend")
struct PostgresBackendAvailability {
    @Test(
        "the PostgreSQL conformance cases run",
        .enabled(
            if: Backend.postgresURL != nil || Backend.underCI,
            "\(Backend.postgresVariable) is not set: the PostgreSQL cases are skipped (Tools/postgres-cluster start prints a URL)"))
    func postgresIsConfigured() async throws {
        let url = try #require(Backend.postgresURL, "\(Backend.postgresVariable) is not set: under CI the PostgreSQL cases must run")
        let location = try PostgresLocation(url)
        let connection = try await location.connect(logger: Logger(label: "test"))
        let answer = try await connection.query("SELECT 1", logger: Logger(label: "test")).decode(Int.self).first { _ in true }
        try await connection.close()
        #expect(answer == 1)
    }
}

/// What the suites need of a store beyond the log: its lookup by id, and closing it.
protocol TestStore: EventStore, StoredEventLookup {
    func shutdown() async throws
}

extension SQLiteEventStore: TestStore {
    func shutdown() async throws { try close() }
}

extension PostgresEventStore: TestStore {
    func shutdown() async throws { await close() }
}

struct RawSQLError: Error, CustomStringConvertible {
    let description: String
}

// MARK: - One log of its own for one test

/// A log of its own on one backend: a SQLite file, or a PostgreSQL schema (dropped by ``remove()``).
/// Also the raw access an attacker or a DBA would use, around the store.
final class TestLog: Sendable {
    let backend: Backend
    let file: TempDatabase
    let postgres: PostgresLocation?
    private let opened = Mutex<[any TestStore]>([])

    init(_ backend: Backend, _ label: String = "store") throws {
        self.backend = backend
        file = try TempDatabase(label)
        switch backend {
        case .sqlite:
            postgres = nil
        case .postgres:
            guard let url = Backend.postgresURL else {
                throw RawSQLError(description: "\(Backend.postgresVariable) is not set: under CI the PostgreSQL cases must run")
            }
            let schema = "t_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(20)
            postgres = try PostgresLocation(url).inSchema(String(schema))
        }
    }

    /// What the store calls the log in its errors.
    var name: String { postgres?.redacted ?? file.path }

    /// Opens a store on the log (several may be open at once: "other processes").
    func open(clock: TestClock? = nil, pollInterval: Duration = .milliseconds(500)) async throws -> any TestStore {
        let store: any TestStore
        switch backend {
        case .sqlite:
            if let clock {
                store = try SQLiteEventStore(path: file.path, clock: clock.clock, pollInterval: pollInterval)
            } else {
                store = try SQLiteEventStore(path: file.path, pollInterval: pollInterval)
            }
        case .postgres:
            store = try await PostgresEventStore.open(postgres!, clock: clock?.clock)
        }
        opened.withLock { $0.append(store) }
        return store
    }

    /// Closes every store opened on it and deletes the log.
    func removeNow() async {
        for store in opened.withLock({ $0 }) { try? await store.shutdown() }
        switch backend {
        case .sqlite: file.remove()
        case .postgres: try? await execute(["DROP SCHEMA IF EXISTS \(postgres!.schema) CASCADE"])
        }
    }

    /// ``removeNow()`` from a `defer`: SQLite's at once, PostgreSQL's closing and dropping in a task
    /// of its own (a throwaway cluster keeps any schema the end of the test run cuts short).
    func remove() {
        switch backend {
        case .sqlite:
            for store in opened.withLock({ $0 }) { try? (store as? SQLiteEventStore)?.close() }
            file.remove()
        case .postgres:
            Task.detached { await self.removeNow() }
        }
    }

    // MARK: Raw SQL, around the store

    /// Runs statements in one transaction on a connection of its own (SQL both databases read).
    func execute(_ statements: [String]) async throws {
        switch backend {
        case .sqlite:
            let queue = try DatabaseQueue(path: file.path)
            defer { try? queue.close() }
            do {
                try await queue.write { db in for sql in statements { try db.execute(sql: sql) } }
            } catch let error as DatabaseError {
                throw RawSQLError(description: error.message ?? "\(error)")
            }
        case .postgres:
            try await withPostgres { connection, logger in
                try await connection.query("BEGIN", logger: logger)
                do {
                    for sql in statements {  // read to the end: postgres-nio reports a statement's error with its rows
                        for try await _ in try await connection.query(PostgresQuery(unsafeSQL: sql), logger: logger) {}
                    }
                    try await connection.query("COMMIT", logger: logger)
                } catch {
                    _ = try? await connection.query("ROLLBACK", logger: logger)
                    throw error
                }
            }
        }
    }

    /// The first column of a query's rows, as text.
    func strings(_ sql: String) async throws -> [String] {
        switch backend {
        case .sqlite:
            let queue = try DatabaseQueue(path: file.path)
            defer { try? queue.close() }
            return try await queue.read { try String.fetchAll($0, sql: sql) }
        case .postgres:
            return try await withPostgres { connection, logger in
                var values: [String] = []
                for try await value in try await connection.query(PostgresQuery(unsafeSQL: sql), logger: logger).decode(String.self) {
                    values.append(value)
                }
                return values
            }
        }
    }

    private func withPostgres<T>(_ body: (PostgresConnection, Logger) async throws -> T) async throws -> T {
        let logger = Logger(label: "test.raw")
        let connection = try await postgres!.connect(logger: logger)
        do {
            let result = try await body(connection, logger)
            try? await connection.close()
            return result
        } catch let error as PSQLError {
            try? await connection.close()
            throw RawSQLError(description: error.serverInfo?[.message] ?? String(reflecting: error))
        } catch {
            try? await connection.close()
            throw error
        }
    }

    // MARK: What differs between the backends

    /// The table of applied schema migrations.
    var migrationsTable: String { backend == .sqlite ? "grdb_migrations" : "paddock_migrations" }

    /// The schema migrations a new log gets, by name (each backend has its own: SQLite's v4 guards
    /// against its INSERT OR REPLACE, PostgreSQL's v4 lets the writers' lock read the last row).
    var migrations: [String] {
        backend == .sqlite
            ? ["v1-events", "v2-projection-snapshots", "v4-refuse-replace"]
            : ["v1-events", "v2-projection-snapshots", "v4-lock-reads-last-row"]
    }

    /// The immutability triggers on `events`, by name.
    var triggerNames: [String] {
        backend == .sqlite
            ? ["events_refuse_delete", "events_refuse_replace", "events_refuse_update"]
            : ["events_refuse_delete", "events_refuse_truncate", "events_refuse_update"]
    }

    /// The statements that recreate the triggers exactly as they are now.
    func triggerDefinitions() async throws -> [String] {
        switch backend {
        case .sqlite:
            try await strings("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'events' ORDER BY name")
        case .postgres:
            try await strings(
                """
                SELECT pg_get_triggerdef(oid) FROM pg_trigger
                WHERE tgrelid = 'events'::regclass AND NOT tgisinternal ORDER BY tgname
                """)
        }
    }

    func dropTriggers() -> [String] {
        triggerNames.map { backend == .sqlite ? "DROP TRIGGER \($0)" : "DROP TRIGGER \($0) ON events" }
    }

    /// A trigger of that name that refuses UPDATE.
    func lonelyTrigger(_ name: String) -> String {
        backend == .sqlite
            ? "CREATE TRIGGER \(name) BEFORE UPDATE ON events BEGIN SELECT RAISE(ABORT, 'no'); END"
            : "CREATE TRIGGER \(name) BEFORE UPDATE ON events FOR EACH STATEMENT EXECUTE FUNCTION paddock_refuse_change()"
    }
}

/// Runs `body` with a fresh log on `backend`, deleting it afterwards (also when the body throws).
func withLog(_ backend: Backend, _ label: String = "store", _ body: (TestLog) async throws -> Void) async throws {
    let log = try TestLog(backend, label)
    do {
        try await body(log)
    } catch {
        await log.removeNow()
        throw error
    }
    await log.removeNow()
}

/// A text as an SQL string literal (both databases double the quote).
func sqlLiteral(_ text: String?) -> String {
    guard let text else { return "NULL" }
    return "'" + text.replacingOccurrences(of: "'", with: "''") + "'"
}
