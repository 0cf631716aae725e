import EventStore
import Foundation
import GRDB

/// Credentials in a table beside a SQLite log, in the same file, written through the log's own
/// connections (``SQLiteEventStore``'s tables beside the log).
///
/// ```swift
/// let log = try SQLiteEventStore(path: "paddock.sqlite")
/// let credentials = try SQLiteCredentialStore(beside: log)
/// try await credentials.saveCredential(name: "timing-desk", role: "recorder", hash: CredentialToken.hash(token))
/// ```
public final class SQLiteCredentialStore: CredentialStore {
    /// The log whose database holds the table.
    public let log: SQLiteEventStore

    /// Creates the credentials table, or brings one already there (from any earlier Paddock) to
    /// this build's version.
    ///
    /// - Throws: ``EventStoreError/databaseTooNew(path:unknownMigrations:)`` when the table was
    ///   migrated by a newer Paddock.
    public init(beside log: SQLiteEventStore) throws {
        self.log = log
        try log.writeBesideTheLogNow { db in try SQLiteCredentialSchema.migrate(db, path: log.path) }
    }

    public func saveCredential(name: String, role: String, hash: String, expiresAt: String?) async throws {
        try CredentialRules.validate(name: name, role: role, expiresAt: expiresAt)
        let createdAt = log.storeNow
        try await log.writeBesideTheLog { db in
            if try Bool.fetchOne(db, sql: "SELECT 1 FROM credentials WHERE name = ?", arguments: [name]) == true {
                throw CredentialError.nameTaken(name)
            }
            do {
                try db.execute(
                    sql: "INSERT INTO credentials (name, role, token_hash, created_at, expires_at) VALUES (?, ?, ?, ?, ?)",
                    arguments: [name, role, hash, createdAt, expiresAt])
            } catch let error as DatabaseError where error.extendedResultCode == .SQLITE_CONSTRAINT_UNIQUE {
                throw CredentialRules.hashTaken  // the name was checked above: the token's hash is the one taken
            }
        }
    }

    public func credential(forHash hash: String) async throws -> Credential? {
        let now = log.storeNow
        let found = try await log.readBesideTheLog { db in
            try Row.fetchOne(db, sql: "SELECT \(Self.columns) FROM credentials WHERE token_hash = ?", arguments: [hash])
                .map(Self.credential)
        }
        guard var credential = found else { return nil }
        // Noting the use must not hold the request behind a long write of another process.
        let log = self.log
        Task.detached {
            try? await log.writeBesideTheLog { db in
                try db.execute(sql: "UPDATE credentials SET last_used_at = ? WHERE token_hash = ?", arguments: [now, hash])
            }
        }
        credential.lastUsedAt = now
        return credential
    }

    public func revokeCredential(name: String) async throws -> Bool {
        let now = log.storeNow
        return try await log.writeBesideTheLog { db in
            try db.execute(sql: "UPDATE credentials SET revoked_at = ? WHERE name = ? AND revoked_at IS NULL", arguments: [now, name])
            return try Bool.fetchOne(db, sql: "SELECT 1 FROM credentials WHERE name = ?", arguments: [name]) == true
        }
    }

    public func listCredentials() async throws -> [Credential] {
        try await log.readBesideTheLog { db in
            try Row.fetchAll(db, sql: "SELECT \(Self.columns) FROM credentials ORDER BY name").map(Self.credential)
        }
    }

    private static let columns = "name, role, created_at, expires_at, revoked_at, last_used_at"

    private static func credential(_ row: Row) -> Credential {
        Credential(
            name: row["name"], role: row["role"], createdAt: row["created_at"], expiresAt: row["expires_at"],
            revokedAt: row["revoked_at"], lastUsedAt: row["last_used_at"])
    }
}
