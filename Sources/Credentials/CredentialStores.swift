import EventStore
import PostgresEventStore

/// The credential store beside an open log, whichever backend holds it.
///
/// ```swift
/// let log = try SQLiteEventStore(path: "paddock.sqlite")
/// let credentials = try await CredentialStores.beside(log)
/// print(try await credentials.listCredentials().map(\.name))
/// ```
public enum CredentialStores {
    /// ``SQLiteCredentialStore`` beside a ``SQLiteEventStore``, ``PostgresCredentialStore`` beside a
    /// ``PostgresEventStore`` (creating or migrating the table); any other log has no place for them.
    public static func beside(_ log: any EventStore) async throws -> any CredentialStore {
        if let sqlite = log as? SQLiteEventStore { return try SQLiteCredentialStore(beside: sqlite) }
        if let postgres = log as? PostgresEventStore { return try await PostgresCredentialStore.open(beside: postgres) }
        throw CredentialError.invalid("credentials are kept beside a SQLite or PostgreSQL log, not beside a \(type(of: log))")
    }
}
