import EventStore
import Foundation
import Logging
import PostgresNIO

// MARK: - Tables beside the log

/// An application's own tables in the log's database and schema (its accounts, say), reached
/// through the store's pool, so that they share its connections, its search path and its readable
/// errors. `package`: for targets of this package only, not the library's public face. The
/// triggers on `events` refuse UPDATE, DELETE and TRUNCATE through these connections as through
/// any other; a table beside the log keeps its own migrations, recorded apart from the log's (the
/// log refuses a schema with migrations it does not know).
///
/// ```swift
/// let count = try await store.withConnectionBesideTheLog { connection in
///     try await connection.query("SELECT count(*) FROM accounts", logger: store.loggerBesideTheLog)
///         .decode(Int.self).first { _ in true }
/// }
/// ```
extension PostgresEventStore {
    /// Runs `body` on a pooled connection; postgres-nio's errors become readable ones (``PostgresStoreError``).
    package func withConnectionBesideTheLog<T: Sendable>(_ body: (PostgresConnection) async throws -> T) async throws -> T {
        try await withConnection(body)
    }

    /// Runs `body` in a READ COMMITTED transaction, committed when it returns, rolled back when it throws.
    package func inTransactionBesideTheLog<T: Sendable>(_ body: (PostgresConnection) async throws -> T) async throws -> T {
        try await inTransaction(body)
    }

    /// The store's logger, for the statements run beside the log.
    package var loggerBesideTheLog: Logger { logger }

    /// Now as a store time: the injected clock's, or this machine's (tables beside the log are not
    /// chained, so the database clock is not needed to order their rows).
    package var storeNow: String { Timestamp.format(clock?() ?? Date()) }
}
