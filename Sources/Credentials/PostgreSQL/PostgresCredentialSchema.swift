import EventStore
import Logging
import PostgresEventStore
import PostgresNIO

/// The credentials table on PostgreSQL, brought to this build's version by ``CredentialMigrations``.
/// Text columns compare by code point (`COLLATE "C"`), as SQLite's do: credentials sort the same
/// on both backends.
enum PostgresCredentialSchema {
    /// Runs the steps the schema has not recorded, in the caller's transaction, behind an advisory
    /// lock of their own (services starting together migrate once).
    ///
    /// - Throws: ``EventStoreError/databaseTooNew(path:unknownMigrations:)`` for steps of a newer Paddock.
    static func migrate(_ connection: PostgresConnection, location: PostgresLocation, logger: Logger) async throws {
        let lockKey = "paddock-credential-migrations:\(location.schema)"
        try await connection.run("SELECT pg_advisory_xact_lock(hashtext(\(lockKey)))", logger: logger)
        try await connection.run(
            PostgresQuery(
                unsafeSQL: """
                    CREATE TABLE IF NOT EXISTS \(CredentialMigrations.ledger) (
                        identifier text COLLATE "C" PRIMARY KEY,
                        applied_at timestamptz NOT NULL DEFAULT now()
                    )
                    """), logger: logger)
        var applied = Set<String>()
        for try await identifier in try await connection.query(
            PostgresQuery(unsafeSQL: "SELECT identifier FROM \(CredentialMigrations.ledger)"), logger: logger
        ).decode(String.self) {
            applied.insert(identifier)
        }
        let unknown = CredentialMigrations.unknown(among: applied)
        guard unknown.isEmpty else { throw EventStoreError.databaseTooNew(path: location.redacted, unknownMigrations: unknown) }
        for step in steps where !applied.contains(step.identifier) {
            for statement in step.statements {
                try await connection.run(PostgresQuery(unsafeSQL: statement), logger: logger)
            }
            try await connection.run(
                "INSERT INTO \(unescaped: CredentialMigrations.ledger) (identifier) VALUES (\(step.identifier))", logger: logger)
            logger.info("applied migration \(step.identifier) to \(location.redacted)")
        }
    }

    /// One step per identifier of ``CredentialMigrations/all``, in its order; each statement
    /// converges with a table the log's former migrations created.
    private static let steps: [(identifier: String, statements: [String])] = [
        (
            CredentialMigrations.table,
            [
                """
                CREATE TABLE IF NOT EXISTS credentials (
                    name       text COLLATE "C" PRIMARY KEY,
                    role       text COLLATE "C" NOT NULL,
                    token_hash text COLLATE "C" NOT NULL UNIQUE,
                    created_at text COLLATE "C" NOT NULL
                )
                """
            ]
        ),
        (
            CredentialMigrations.lifecycle,
            [
                "ALTER TABLE credentials "
                    + CredentialMigrations.lifecycleColumns
                    .map { "ADD COLUMN IF NOT EXISTS \($0) text COLLATE \"C\"" }.joined(separator: ", ")
            ]
        )
    ]
}
