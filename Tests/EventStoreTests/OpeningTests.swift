import Foundation
import GRDB
import PaddockTestSupport
import Testing

@testable import EventStore

@Suite("Opening databases")
struct OpeningTests {
    @Test("a database with an unknown migration was written by a newer Paddock and is refused", arguments: Backend.underTest)
    func databaseTooNew(_ backend: Backend) async throws {
        let db = try TestLog(backend)
        defer { db.remove() }
        let store = try await db.open()
        let seeded = try await seedThreeStreams(store, count: 3)
        try await store.shutdown()

        let migrations = "SELECT identifier FROM \(db.migrationsTable) ORDER BY identifier"
        #expect(try await db.strings(migrations) == db.migrations)
        try await db.execute(["INSERT INTO \(db.migrationsTable) (identifier) VALUES ('v99-future')"])

        let error = await eventStoreError { _ = try await db.open() }
        #expect(error == .databaseTooNew(path: db.name, unknownMigrations: ["v99-future"]))
        #expect(error?.description.contains("v99-future") == true)

        // Refusing did not change it: once the unknown migration is gone, it opens with its events.
        #expect(try await db.strings(migrations) == db.migrations + ["v99-future"])
        try await db.execute(["DELETE FROM \(db.migrationsTable) WHERE identifier = 'v99-future'"])
        let reopened = try await db.open()
        #expect(try await everything(reopened) == seeded)
        #expect(try await reopened.verify().isIntact)
    }

    @Test("a file that is not SQLite, or a SQLite database Paddock did not create, is not an event log")
    func notAnEventLog() async throws {
        let db = try TempDatabase("garbage")
        defer { db.remove() }
        var generator = SystemRandomNumberGenerator()
        let garbage =
            Data("this is not a database, just some text and noise: ".utf8)
            + Data((0..<8192).map { _ in UInt8.random(in: 0...255, using: &generator) })
        try garbage.write(to: URL(fileURLWithPath: db.path))

        let error = await eventStoreError { _ = try db.open() }
        guard case let .notAnEventLog(path, reason)? = error else {
            Issue.record("expected .notAnEventLog, got \(String(describing: error))")
            return
        }
        #expect(path == db.path)
        #expect(!reason.isEmpty)
        #expect(try Data(contentsOf: URL(fileURLWithPath: db.path)) == garbage)  // untouched

        // Someone else's SQLite database with an `events` table.
        let foreign = try TempDatabase("foreign")
        defer { foreign.remove() }
        let queue = try foreign.raw()
        try await queue.write { try $0.execute(sql: "CREATE TABLE events (id INTEGER PRIMARY KEY, name TEXT)") }
        try queue.close()
        let foreignError = await eventStoreError { _ = try foreign.open() }
        guard case let .notAnEventLog(foreignPath, _)? = foreignError else {
            Issue.record("expected .notAnEventLog, got \(String(describing: foreignError))")
            return
        }
        #expect(foreignPath == foreign.path)
    }

    @Test("a PostgreSQL schema with someone else's events table is not an event log", arguments: Backend.postgresOnly)
    func foreignPostgresTable(_ backend: Backend) async throws {
        let db = try TestLog(backend, "foreign")
        defer { db.remove() }
        try await db.execute(["CREATE SCHEMA \(db.postgres!.schema)", "CREATE TABLE \(db.postgres!.schema).events (id integer PRIMARY KEY, name text)"])
        let error = await eventStoreError { _ = try await db.open() }
        #expect(error == .notAnEventLog(path: db.name, reason: "it has an events table that Paddock did not create"))
        #expect(try await db.strings("SELECT coalesce(to_regclass('paddock_migrations')::text, 'none')") == ["none"])
    }

    @Test("services starting together on an empty PostgreSQL schema migrate it once", arguments: Backend.postgresOnly)
    func concurrentMigrations(_ backend: Backend) async throws {
        let db = try TestLog(backend)
        defer { db.remove() }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<4 { group.addTask { _ = try await db.open() } }
            try await group.waitForAll()
        }
        #expect(try await db.strings("SELECT identifier FROM paddock_migrations ORDER BY identifier") == db.migrations)
        let store = try await db.open()
        #expect(try await store.headPosition() == 0)
        #expect(try await store.verify().isIntact)
    }

    @Test("a new file becomes an empty log; reopening keeps what was appended", arguments: Backend.underTest)
    func createAndReopen(_ backend: Backend) async throws {
        let db = try TestLog(backend)
        defer { db.remove() }
        var store = try await db.open()
        #expect(try await store.headPosition() == 0)
        #expect(try await store.streams().isEmpty)
        let seeded = try await seedThreeStreams(store, count: 10)
        try await store.shutdown()
        await #expect(throws: (any Error).self) { _ = try await store.headPosition() }  // closed

        store = try await db.open()
        #expect(try await everything(store) == seeded)
        let next = try await store.append([note()], to: "season:f1:1988", expecting: .any)
        #expect(next.events[0].position == 11)
        #expect(try await store.verify().eventsChecked == 11)
    }
}
