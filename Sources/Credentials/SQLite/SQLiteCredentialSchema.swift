import EventStore
import GRDB

/// The credentials table on SQLite, brought to this build's version by ``CredentialMigrations``.
enum SQLiteCredentialSchema {
    /// Runs the steps `db` has not recorded, in the caller's write transaction (one process at a
    /// time: SQLite's write lock serializes services opening the same file).
    ///
    /// - Throws: ``EventStoreError/databaseTooNew(path:unknownMigrations:)`` for steps of a newer Paddock.
    static func migrate(_ db: Database, path: String) throws {
        try db.execute(sql: "CREATE TABLE IF NOT EXISTS \(CredentialMigrations.ledger) (identifier TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
        let applied = try String.fetchSet(db, sql: "SELECT identifier FROM \(CredentialMigrations.ledger)")
        let unknown = CredentialMigrations.unknown(among: applied)
        guard unknown.isEmpty else { throw EventStoreError.databaseTooNew(path: path, unknownMigrations: unknown) }
        for step in steps where !applied.contains(step.identifier) {
            try step.run(db)
            try db.execute(
                sql: "INSERT INTO \(CredentialMigrations.ledger) (identifier, applied_at) VALUES (?, strftime('%Y-%m-%dT%H:%M:%fZ'))",
                arguments: [step.identifier])
        }
    }

    /// One step per identifier of ``CredentialMigrations/all``, in its order.
    private static let steps: [(identifier: String, run: @Sendable (Database) throws -> Void)] = [
        (
            CredentialMigrations.table,
            { db in
                try db.execute(
                    sql: """
                        CREATE TABLE IF NOT EXISTS credentials (
                            name       TEXT PRIMARY KEY,
                            role       TEXT NOT NULL,
                            token_hash TEXT NOT NULL UNIQUE,
                            created_at TEXT NOT NULL
                        );
                        """)
            }
        ),
        (
            CredentialMigrations.lifecycle,
            { db in
                let present = Set(try db.columns(in: "credentials").map(\.name))
                for column in CredentialMigrations.lifecycleColumns where !present.contains(column) {
                    try db.execute(sql: "ALTER TABLE credentials ADD COLUMN \(column) TEXT")
                }
            }
        )
    ]
}
