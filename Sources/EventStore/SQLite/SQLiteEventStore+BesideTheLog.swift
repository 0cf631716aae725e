import Foundation
import GRDB

// MARK: - Tables beside the log

/// An application's own tables in the log's database file (its accounts, say), reached through
/// the store's connections rather than a second pool, so that their writes queue with the appends
/// instead of contending for SQLite's lock. `package`: for targets of this package only, not the
/// library's public face. The triggers on `events` refuse UPDATE and DELETE through these
/// connections as through any other; a table beside the log keeps its own migrations, recorded
/// apart from the log's (the log refuses a database with migrations it does not know).
///
/// ```swift
/// let names = try await store.readBesideTheLog { db in try String.fetchAll(db, sql: "SELECT name FROM accounts") }
/// ```
extension SQLiteEventStore {
    /// Runs `body` in a read transaction.
    package func readBesideTheLog<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        try await pool.read(body)
    }

    /// Runs `body` in a write transaction, queued with the appends.
    package func writeBesideTheLog<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        try await pool.write(body)
    }

    /// Runs `body` in a write transaction, now, on the calling thread (opening a store is synchronous).
    package func writeBesideTheLogNow<T>(_ body: (Database) throws -> T) throws -> T {
        try pool.write(body)
    }

    /// Now by the store clock (a test's injected clock, or this machine's), as a store time.
    package var storeNow: String { Timestamp.format(clock()) }
}
