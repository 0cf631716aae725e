import EventStore
import Foundation
import PostgresNIO

extension PostgresEventStore: ProjectionSnapshotStore {
    public func saveSnapshot(_ snapshot: ProjectionSnapshot) async throws {
        let savedAt = storeNow
        try await withConnection { connection in
            try await connection.run(
                """
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
                "SELECT code_version, position, state FROM projection_snapshots WHERE name = \(name)", logger: logger
            )
            .decode((Int, Int64, Data).self).first { _ in true }
            .map { ProjectionSnapshot(name: name, codeVersion: $0.0, position: $0.1, state: $0.2) }
        }
        return found
    }
}
