import Foundation
import GRDB

extension SQLiteEventStore: CredentialStore {
    public func saveCredential(name: String, role: String, hash: String, expiresAt: String?) async throws {
        try CredentialRules.validate(name: name, role: role, expiresAt: expiresAt)
        let createdAt = Timestamp.format(clock())
        try await pool.write { db in
            if try Bool.fetchOne(db, sql: "SELECT 1 FROM credentials WHERE name = ?", arguments: [name]) == true {
                throw CredentialError.nameTaken(name)
            }
            do {
                try db.execute(sql: "INSERT INTO credentials (name, role, token_hash, created_at, expires_at) VALUES (?, ?, ?, ?, ?)",
                               arguments: [name, role, hash, createdAt, expiresAt])
            } catch let error as DatabaseError where error.extendedResultCode == .SQLITE_CONSTRAINT_UNIQUE {
                throw CredentialRules.hashTaken  // the name was checked above: the token's hash is the one taken
            }
        }
    }

    public func credential(forHash hash: String) async throws -> Credential? {
        let now = Timestamp.format(clock())
        let found = try await pool.read { db in
            try Row.fetchOne(db, sql: "SELECT \(Self.credentialColumns) FROM credentials WHERE token_hash = ?", arguments: [hash])
                .map(Self.credential)
        }
        guard var credential = found else { return nil }
        // Noting the use must not hold the request behind a long write of another process.
        let pool = self.pool
        Task.detached {
            try? await pool.write { db in
                try db.execute(sql: "UPDATE credentials SET last_used_at = ? WHERE token_hash = ?", arguments: [now, hash])
            }
        }
        credential.lastUsedAt = now
        return credential
    }

    public func revokeCredential(name: String) async throws -> Bool {
        let now = Timestamp.format(clock())
        return try await pool.write { db in
            try db.execute(sql: "UPDATE credentials SET revoked_at = ? WHERE name = ? AND revoked_at IS NULL", arguments: [now, name])
            return try Bool.fetchOne(db, sql: "SELECT 1 FROM credentials WHERE name = ?", arguments: [name]) == true
        }
    }

    public func listCredentials() async throws -> [Credential] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: "SELECT \(Self.credentialColumns) FROM credentials ORDER BY name").map(Self.credential)
        }
    }

    private static let credentialColumns = "name, role, created_at, expires_at, revoked_at, last_used_at"

    private static func credential(_ row: Row) -> Credential {
        Credential(name: row["name"], role: row["role"], createdAt: row["created_at"], expiresAt: row["expires_at"],
                   revokedAt: row["revoked_at"], lastUsedAt: row["last_used_at"])
    }
}
