import EventStore
import Foundation
import PostgresNIO

extension PostgresEventStore: CredentialStore {
    public func saveCredential(name: String, role: String, hash: String) async throws {
        guard !name.isEmpty, name.count <= 100, !name.contains(where: \.isNewline), !AppendRules.containsNUL(name) else {
            throw CredentialError.invalid("a credential name must be 1 to 100 characters on one line")
        }
        guard !role.isEmpty, !AppendRules.containsNUL(role) else { throw CredentialError.invalid("a credential needs a role") }
        let createdAt = Timestamp.format(clock?() ?? Date())
        do {
            try await withConnection { connection in
                try await connection.run("""
                    INSERT INTO credentials (name, role, token_hash, created_at) VALUES (\(name), \(role), \(hash), \(createdAt))
                    """, logger: logger)
            }
        } catch let error as PostgresStoreError {
            guard case .server(_, _, let state) = error, state == "23505" else { throw error }  // unique_violation
            if try await credentialNamed(name) { throw CredentialError.nameTaken(name) }
            throw CredentialError.invalid("a credential with this token is already stored")
        }
    }

    private func credentialNamed(_ name: String) async throws -> Bool {
        try await withConnection { connection in
            try await connection.query("SELECT 1 FROM credentials WHERE name = \(name)", logger: logger)
                .decode(Int32.self).first { _ in true } != nil
        }
    }

    public func credential(forHash hash: String) async throws -> (name: String, role: String)? {
        let found = try await withConnection { connection in
            try await connection.query("SELECT name, role FROM credentials WHERE token_hash = \(hash)", logger: logger)
                .decode((String, String).self).first { _ in true }.map { Holder(name: $0.0, role: $0.1) }
        }
        return found.map { (name: $0.name, role: $0.role) }
    }

    private struct Holder: Sendable {
        let name: String
        let role: String
    }

    public func listCredentials() async throws -> [Credential] {
        try await withConnection { connection in
            var credentials: [Credential] = []
            for try await (name, role, createdAt) in try await connection.query(
                "SELECT name, role, created_at FROM credentials ORDER BY name", logger: logger).decode((String, String, String).self) {
                credentials.append(Credential(name: name, role: role, createdAt: createdAt))
            }
            return credentials
        }
    }
}

extension PostgresEventStore: ProjectionSnapshotStore {
    public func saveSnapshot(_ snapshot: ProjectionSnapshot) async throws {
        let savedAt = Timestamp.format(clock?() ?? Date())
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
