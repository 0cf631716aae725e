import Foundation
import GRDB

extension SQLiteEventStore: CredentialStore {
    public func saveCredential(name: String, role: String, hash: String) async throws {
        guard !name.isEmpty, name.count <= 100, !name.contains(where: \.isNewline) else {
            throw CredentialError.invalid("a credential name must be 1 to 100 characters on one line")
        }
        guard !role.isEmpty else { throw CredentialError.invalid("a credential needs a role") }
        let createdAt = Timestamp.format(clock())
        try await pool.write { db in
            if try Bool.fetchOne(db, sql: "SELECT 1 FROM credentials WHERE name = ?", arguments: [name]) == true {
                throw CredentialError.nameTaken(name)
            }
            try db.execute(sql: "INSERT INTO credentials (name, role, token_hash, created_at) VALUES (?, ?, ?, ?)",
                           arguments: [name, role, hash, createdAt])
        }
    }

    public func credential(forHash hash: String) async throws -> (name: String, role: String)? {
        try await pool.read { db in
            try Row.fetchOne(db, sql: "SELECT name, role FROM credentials WHERE token_hash = ?", arguments: [hash])
                .map { (name: $0["name"], role: $0["role"]) }
        }
    }

    public func listCredentials() async throws -> [Credential] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: "SELECT name, role, created_at FROM credentials ORDER BY name")
                .map { Credential(name: $0["name"], role: $0["role"], createdAt: $0["created_at"]) }
        }
    }
}
