import EventStore
import Foundation
import Logging
import PostgresEventStore
import PostgresNIO

/// Credentials in a table beside a PostgreSQL log, in the same schema, through the log's own pool
/// (``PostgresEventStore``'s tables beside the log): every service sharing the log shares them.
///
/// ```swift
/// let log = try await PostgresEventStore.open(url: "postgresql://paddock@127.0.0.1:5432/paddock")
/// let credentials = try await PostgresCredentialStore.open(beside: log)
/// try await credentials.saveCredential(name: "timing-desk", role: "recorder", hash: CredentialToken.hash(token))
/// ```
public final class PostgresCredentialStore: CredentialStore {
    /// The log whose schema holds the table.
    public let log: PostgresEventStore
    private var logger: Logger { log.loggerBesideTheLog }

    private init(log: PostgresEventStore) { self.log = log }

    /// Creates the credentials table, or brings one already there (from any earlier Paddock) to
    /// this build's version, once, whichever of several starting services gets there first.
    ///
    /// - Throws: ``EventStoreError/databaseTooNew(path:unknownMigrations:)`` when the table was
    ///   migrated by a newer Paddock; ``PostgresStoreError`` when the server refuses.
    public static func open(beside log: PostgresEventStore) async throws -> PostgresCredentialStore {
        try await log.inTransactionBesideTheLog { connection in
            try await PostgresCredentialSchema.migrate(connection, location: log.location, logger: log.loggerBesideTheLog)
        }
        return PostgresCredentialStore(log: log)
    }

    public func saveCredential(name: String, role: String, hash: String, expiresAt: String?) async throws {
        try CredentialRules.validate(name: name, role: role, expiresAt: expiresAt)
        guard !AppendRules.containsNUL(hash) else { throw CredentialError.invalid("a token hash must not contain the NUL character") }
        let createdAt = log.storeNow
        do {
            try await log.withConnectionBesideTheLog { connection in
                try await connection.run(
                    """
                    INSERT INTO credentials (name, role, token_hash, created_at, expires_at)
                    VALUES (\(name), \(role), \(hash), \(createdAt), \(expiresAt))
                    """, logger: logger)
            }
        } catch let error as PostgresStoreError {
            guard case .server(_, _, let state) = error, state == "23505" else { throw error }  // unique_violation
            if try await credentialNamed(name) { throw CredentialError.nameTaken(name) }
            throw CredentialRules.hashTaken
        }
    }

    private func credentialNamed(_ name: String) async throws -> Bool {
        try await log.withConnectionBesideTheLog { connection in
            try await connection.query("SELECT 1 FROM credentials WHERE name = \(name)", logger: logger)
                .decode(Int32.self).first { _ in true } != nil
        }
    }

    /// Finds the credential and notes its last use in one statement (a row lock on that credential
    /// only: no append waits for it).
    public func credential(forHash hash: String) async throws -> Credential? {
        let now = log.storeNow
        return try await log.withConnectionBesideTheLog { connection in
            try await connection.query(
                """
                UPDATE credentials SET last_used_at = \(now) WHERE token_hash = \(hash)
                RETURNING \(unescaped: Self.credentialColumns)
                """, logger: logger
            ).decode(CredentialRow.self).first { _ in true }.map(Self.credential)
        }
    }

    public func revokeCredential(name: String) async throws -> Bool {
        let now = log.storeNow
        return try await log.withConnectionBesideTheLog { connection in
            // The CTE and the outer SELECT share one snapshot: the existence test sees the row as it was.
            try await connection.query(
                """
                WITH revoked AS (UPDATE credentials SET revoked_at = \(now) WHERE name = \(name) AND revoked_at IS NULL)
                SELECT EXISTS (SELECT 1 FROM credentials WHERE name = \(name))
                """, logger: logger
            ).decode(Bool.self).first { _ in true } ?? false
        }
    }

    public func listCredentials() async throws -> [Credential] {
        try await log.withConnectionBesideTheLog { connection in
            var credentials: [Credential] = []
            for try await row in try await connection.query(
                "SELECT \(unescaped: Self.credentialColumns) FROM credentials ORDER BY name", logger: logger
            ).decode(CredentialRow.self) {
                credentials.append(Self.credential(row))
            }
            return credentials
        }
    }

    private typealias CredentialRow = (String, String, String, String?, String?, String?)
    private static let credentialColumns = "name, role, created_at, expires_at, revoked_at, last_used_at"

    private static func credential(_ row: CredentialRow) -> Credential {
        Credential(name: row.0, role: row.1, createdAt: row.2, expiresAt: row.3, revokedAt: row.4, lastUsedAt: row.5)
    }
}
