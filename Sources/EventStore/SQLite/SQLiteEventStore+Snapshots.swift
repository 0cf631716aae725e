import Foundation
import GRDB

extension SQLiteEventStore: ProjectionSnapshotStore {
    public func saveSnapshot(_ snapshot: ProjectionSnapshot) async throws {
        try await pool.write { db in
            try db.execute(
                sql: """
                    INSERT OR REPLACE INTO projection_snapshots (name, code_version, position, state, saved_at)
                    VALUES (?, ?, ?, ?, ?)
                    """,
                arguments: [snapshot.name, snapshot.codeVersion, snapshot.position, snapshot.state, Timestamp.format(self.clock())])
        }
    }

    public func loadSnapshot(named name: String) async throws -> ProjectionSnapshot? {
        try await pool.read { db in
            guard
                let row = try Row.fetchOne(
                    db, sql: "SELECT code_version, position, state FROM projection_snapshots WHERE name = ?", arguments: [name])
            else { return nil }
            return ProjectionSnapshot(name: name, codeVersion: row["code_version"], position: row["position"], state: row["state"])
        }
    }
}
