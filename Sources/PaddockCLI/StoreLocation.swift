import EventStore
import Foundation
import PostgresEventStore

/// Opens a log from what a user typed: a `postgresql://` URL, or else a SQLite file's path.
///
/// ```swift
/// let store = try await StoreLocation.open("postgresql://paddock@127.0.0.1:5432/paddock")
/// ```
enum StoreLocation {
    static func open(
        _ text: String, checkpointing: Checkpointing = .automatic, durability: Durability = .checkpointed,
        pageCache: PageCache = .large
    ) async throws -> any EventStore {
        if PostgresLocation.isPostgresURL(text) {
            let location: PostgresLocation
            do { location = try PostgresLocation(text) } catch { throw UserError(error.description) }
            return try await PostgresEventStore.open(location)
        }
        return try SQLiteEventStore(path: text, checkpointing: checkpointing, durability: durability, pageCache: pageCache)
    }

    /// The location for messages: a PostgreSQL URL without its password, a path as given.
    static func display(_ text: String) -> String {
        guard PostgresLocation.isPostgresURL(text), let location = try? PostgresLocation(text) else { return text }
        return location.redacted
    }

    /// Releases the store's connections (PostgreSQL) or its file (SQLite).
    static func close(_ store: any EventStore) async {
        if let postgres = store as? PostgresEventStore { await postgres.close() }
        if let sqlite = store as? SQLiteEventStore { try? sqlite.close() }
    }
}
