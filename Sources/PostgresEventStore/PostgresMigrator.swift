import EventStore
import Logging
import PostgresNIO

/// Brings a schema to this build's version, once, whichever of several starting services gets there
/// first (an advisory lock per schema serializes them); refuses a schema written by a newer Paddock.
enum PostgresMigrator {
    static let oldestServer = 120_000  // PostgreSQL 12

    static func migrate(_ connection: PostgresConnection, location: PostgresLocation, logger: Logger) async throws {
        let settings = try await connection.query(
            "SELECT current_setting('server_version_num')::int, current_setting('server_encoding')", logger: logger)
        for try await (version, encoding) in settings.decode((Int, String).self) {
            guard version >= oldestServer else {
                throw PostgresStoreError.unsupportedServer(location: location.redacted, reason: "PostgreSQL 12 or later is needed, the server is \(version)")
            }
            guard encoding == "UTF8" else {
                throw PostgresStoreError.unsupportedServer(location: location.redacted, reason: "the database's encoding is \(encoding), not UTF8")
            }
        }
        try await connection.run("BEGIN ISOLATION LEVEL READ COMMITTED", logger: logger)
        do {
            try await migrateInTransaction(connection, location: location, logger: logger)
            try await connection.run("COMMIT", logger: logger)
        } catch {
            try? await connection.run("ROLLBACK", logger: logger)
            throw error
        }
    }

    private static func migrateInTransaction(_ connection: PostgresConnection, location: PostgresLocation, logger: Logger) async throws {
        let lockKey = "paddock-migrations:\(location.schema)"
        try await connection.run("SELECT pg_advisory_xact_lock(hashtext(\(lockKey)))", logger: logger)
        if location.schema != "public" {
            try await connection.run(PostgresQuery(unsafeSQL: "CREATE SCHEMA IF NOT EXISTS \(location.schema)"), logger: logger)
        }
        let tables = try await connection.query(
            "SELECT to_regclass('paddock_migrations') IS NOT NULL, to_regclass('events') IS NOT NULL", logger: logger)
        var hasMigrations = false, hasEvents = false
        for try await (migrations, events) in tables.decode((Bool, Bool).self) {
            hasMigrations = migrations
            hasEvents = events
        }
        if !hasMigrations {
            if hasEvents {
                throw EventStoreError.notAnEventLog(path: location.redacted, reason: "it has an events table that Paddock did not create")
            }
            try await connection.run(
                """
                CREATE TABLE paddock_migrations (
                    identifier text COLLATE "C" PRIMARY KEY,
                    applied_at timestamptz NOT NULL DEFAULT now()
                )
                """, logger: logger)
        }
        var applied = Set<String>()
        for try await identifier in try await connection.query("SELECT identifier FROM paddock_migrations", logger: logger)
            .decode(String.self)
        {
            applied.insert(identifier)
        }
        let known = Set(PostgresSchema.migrations.map(\.identifier)).union(PostgresSchema.handedOver)
        let unknown = applied.subtracting(known).sorted()
        guard unknown.isEmpty else {
            throw EventStoreError.databaseTooNew(path: location.redacted, unknownMigrations: unknown)
        }
        for migration in PostgresSchema.migrations where !applied.contains(migration.identifier) {
            for statement in migration.statements {
                try await connection.run(PostgresQuery(unsafeSQL: statement), logger: logger)
            }
            try await connection.run("INSERT INTO paddock_migrations (identifier) VALUES (\(migration.identifier))", logger: logger)
            logger.info("applied migration \(migration.identifier) to \(location.redacted)")
        }
    }
}
