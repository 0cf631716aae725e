import EventStore
import Foundation
import PostgresNIO

extension PostgresEventStore: CredentialStore {
    public func saveCredential(name: String, role: String, hash: String, expiresAt: String?) async throws {
        try CredentialRules.validate(name: name, role: role, expiresAt: expiresAt)
        guard !AppendRules.containsNUL(hash) else { throw CredentialError.invalid("a token hash must not contain the NUL character") }
        let createdAt = storeNow()
        do {
            try await withConnection { connection in
                try await connection.run("""
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
        try await withConnection { connection in
            try await connection.query("SELECT 1 FROM credentials WHERE name = \(name)", logger: logger)
                .decode(Int32.self).first { _ in true } != nil
        }
    }

    /// Finds the credential and notes its last use in one statement (a row lock on that credential
    /// only: no append waits for it).
    public func credential(forHash hash: String) async throws -> Credential? {
        let now = storeNow()
        return try await withConnection { connection in
            try await connection.query("""
                UPDATE credentials SET last_used_at = \(now) WHERE token_hash = \(hash)
                RETURNING \(unescaped: Self.credentialColumns)
                """, logger: logger).decode(CredentialRow.self).first { _ in true }.map(Self.credential)
        }
    }

    public func revokeCredential(name: String) async throws -> Bool {
        let now = storeNow()
        return try await withConnection { connection in
            // The CTE and the outer SELECT share one snapshot: the existence test sees the row as it was.
            try await connection.query("""
                WITH revoked AS (UPDATE credentials SET revoked_at = \(now) WHERE name = \(name) AND revoked_at IS NULL)
                SELECT EXISTS (SELECT 1 FROM credentials WHERE name = \(name))
                """, logger: logger).decode(Bool.self).first { _ in true } ?? false
        }
    }

    public func listCredentials() async throws -> [Credential] {
        try await withConnection { connection in
            var credentials: [Credential] = []
            for try await row in try await connection.query(
                "SELECT \(unescaped: Self.credentialColumns) FROM credentials ORDER BY name", logger: logger).decode(CredentialRow.self) {
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

    /// The store time of a credential change: the injected clock's, or this machine's (credentials
    /// are not chained, so the database clock is not needed to order them).
    private func storeNow() -> String { Timestamp.format(clock?() ?? Date()) }
}

extension PostgresEventStore: ProjectionSnapshotStore {
    public func saveSnapshot(_ snapshot: ProjectionSnapshot) async throws {
        let savedAt = storeNow()
        try await withConnection { connection in
            try await connection.run("""
                INSERT INTO projection_snapshots (name, code_version, position, state, saved_at)
                VALUES (\(snapshot.name), \(snapshot.codeVersion), \(snapshot.position), \(snapshot.state), \(savedAt))
                ON CONFLICT (name) DO UPDATE SET code_version = excluded.code_version, position = excluded.position,
                    state = excluded.state, saved_at = excluded.saved_at
                """, logger: logger)
        }
    }

    public func loadSnapshot(named name: String) async throws -> ProjectionSnapshot? {
        let found = try await withConnection { connection in
            try await connection.query(
                "SELECT code_version, position, state FROM projection_snapshots WHERE name = \(name)", logger: logger)
                .decode((Int, Int64, Data).self).first { _ in true }
                .map { ProjectionSnapshot(name: name, codeVersion: $0.0, position: $0.1, state: $0.2) }
        }
        return found
    }
}
