import Credentials
import Foundation
import Testing

@testable import EventStore

/// The credentials table left the log's migrations for migrations of its own: databases the log
/// created it in keep their tokens, new ones get it, and a newer Paddock's is still refused.
@Suite("Credential migrations")
struct CredentialMigrationTests {
    /// The credentials ledger of a database at this build's version.
    static let currentSteps = ["credentials-v1-table", "credentials-v2-lifecycle"]

    /// What the log's former `v3-credentials` ran, as it ran it on each backend.
    static func formerTable(_ backend: Backend) -> String {
        backend == .sqlite
            ? """
            CREATE TABLE credentials (
                name       TEXT PRIMARY KEY,
                role       TEXT NOT NULL,
                token_hash TEXT NOT NULL UNIQUE,
                created_at TEXT NOT NULL
            );
            """
            : """
            CREATE TABLE credentials (
                name       text COLLATE "C" PRIMARY KEY,
                role       text COLLATE "C" NOT NULL,
                token_hash text COLLATE "C" NOT NULL UNIQUE,
                created_at text COLLATE "C" NOT NULL
            )
            """
    }

    /// What the log's former `v5-credential-lifecycle` ran.
    static func formerLifecycle(_ backend: Backend) -> [String] {
        backend == .sqlite
            ? [
                "ALTER TABLE credentials ADD COLUMN expires_at TEXT", "ALTER TABLE credentials ADD COLUMN revoked_at TEXT",
                "ALTER TABLE credentials ADD COLUMN last_used_at TEXT"
            ]
            : [
                """
                ALTER TABLE credentials
                    ADD COLUMN expires_at   text COLLATE "C",
                    ADD COLUMN revoked_at   text COLLATE "C",
                    ADD COLUMN last_used_at text COLLATE "C"
                """
            ]
    }

    /// The credentials table's columns, by name.
    static func columns(_ db: TestLog) async throws -> [String] {
        try await db.strings(
            db.backend == .sqlite
                ? "SELECT name FROM pragma_table_info('credentials') ORDER BY name"
                : "SELECT column_name::text FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = 'credentials' ORDER BY column_name"
        )
    }

    /// A log with events whose credentials table the former log migrations made, as a database in
    /// the field has it: both former identifiers recorded in the log's ledger (only `v3-credentials`
    /// when `lifecycle` is false: a database last opened between the two).
    static func fieldDatabase(_ db: TestLog, lifecycle: Bool) async throws -> [RecordedEvent] {
        let store = try await db.open()
        let seeded = try await seedThreeStreams(store, count: 3)
        try await store.shutdown()
        var statements = [formerTable(db.backend), "INSERT INTO \(db.migrationsTable) (identifier) VALUES ('v3-credentials')"]
        if lifecycle {
            statements += formerLifecycle(db.backend) + ["INSERT INTO \(db.migrationsTable) (identifier) VALUES ('v5-credential-lifecycle')"]
        }
        try await db.execute(statements)
        return seeded
    }

    @Test(
        "a database whose log created the credentials table opens with its tokens, their lifecycle and its events intact",
        arguments: Backend.underTest)
    func fieldDatabaseKeepsTokens(_ backend: Backend) async throws {
        try await withLog(backend) { db in
            let seeded = try await Self.fieldDatabase(db, lifecycle: true)
            let created = "2026-01-10T09:00:00.000000Z"
            try await db.execute([
                "INSERT INTO credentials (name, role, token_hash, created_at, expires_at, revoked_at, last_used_at) VALUES "
                    + "('desk', 'recorder', '\(CredentialToken.hash("desk-token"))', '\(created)', NULL, NULL, '2026-02-01T08:00:00.000000Z'), "
                    + "('gone', 'steward', '\(CredentialToken.hash("gone-token"))', '\(created)', NULL, '2026-01-20T12:00:00.000000Z', NULL), "
                    + "('temp', 'admin', '\(CredentialToken.hash("temp-token"))', '\(created)', '2026-06-01T00:00:00.000000Z', NULL, NULL)"
            ])
            let columnsBefore = try await Self.columns(db)

            let log = try await db.open(clock: TestClock())
            #expect(try await everything(log) == seeded)
            #expect(try await log.verify().isIntact)
            let credentials = try await CredentialStores.beside(log)
            let listed = try await credentials.listCredentials()
            #expect(
                listed == [
                    Credential(name: "desk", role: "recorder", createdAt: created, lastUsedAt: "2026-02-01T08:00:00.000000Z"),
                    Credential(name: "gone", role: "steward", createdAt: created, revokedAt: "2026-01-20T12:00:00.000000Z"),
                    Credential(name: "temp", role: "admin", createdAt: created, expiresAt: "2026-06-01T00:00:00.000000Z")
                ])
            #expect(try await credentials.credential(forHash: CredentialToken.hash("desk-token"))?.role == "recorder")
            #expect(
                try await credentials.credential(forHash: CredentialToken.hash("gone-token"))?.refusal(at: created)
                    == "token 'gone' was revoked at 2026-01-20T12:00:00.000000Z")
            await #expect(throws: CredentialError.nameTaken("desk")) {
                try await credentials.saveCredential(name: "desk", role: "reader", hash: CredentialToken.hash("another"))
            }
            try await credentials.saveCredential(name: "new", role: "reader", hash: CredentialToken.hash("new-token"))
            #expect(try await credentials.listCredentials().map(\.name) == ["desk", "gone", "new", "temp"])

            // Nothing added twice; the log's ledger keeps the former identifiers, the credentials' its own.
            #expect(try await Self.columns(db) == columnsBefore)
            #expect(
                try await db.strings("SELECT identifier FROM \(db.migrationsTable) ORDER BY identifier")
                    == (db.migrations + ["v3-credentials", "v5-credential-lifecycle"]).sorted())
            #expect(try await db.strings("SELECT identifier FROM credential_migrations ORDER BY identifier") == Self.currentSteps)

            // Opening again runs nothing more.
            _ = try await db.openCredentials()
            #expect(try await db.strings("SELECT identifier FROM credential_migrations ORDER BY identifier") == Self.currentSteps)
            #expect(try await db.openCredentials().listCredentials().count == 4)
        }
    }

    @Test(
        "a database last opened between the former table and lifecycle migrations gets the lifecycle columns and keeps its tokens",
        arguments: Backend.underTest)
    func fieldDatabaseWithoutLifecycle(_ backend: Backend) async throws {
        try await withLog(backend) { db in
            _ = try await Self.fieldDatabase(db, lifecycle: false)
            try await db.execute([
                "INSERT INTO credentials (name, role, token_hash, created_at) VALUES ('desk', 'recorder', 'abc', '2026-01-10T09:00:00.000000Z')"
            ])
            #expect(try await Self.columns(db) == ["created_at", "name", "role", "token_hash"])

            let credentials = try await db.openCredentials()
            #expect(
                try await Self.columns(db)
                    == ["created_at", "expires_at", "last_used_at", "name", "revoked_at", "role", "token_hash"])
            #expect(
                try await credentials.listCredentials()
                    == [Credential(name: "desk", role: "recorder", createdAt: "2026-01-10T09:00:00.000000Z")])
            #expect(try await credentials.revokeCredential(name: "desk"))
            #expect(try await credentials.listCredentials().first?.revokedAt != nil)
        }
    }

    @Test(
        "a new database gets the credentials table from its own migrations, none of them in the log's ledger",
        arguments: Backend.underTest)
    func freshDatabase(_ backend: Backend) async throws {
        try await withLog(backend) { db in
            let credentials = try await db.openCredentials()
            #expect(try await credentials.listCredentials().isEmpty)
            #expect(
                try await Self.columns(db)
                    == ["created_at", "expires_at", "last_used_at", "name", "revoked_at", "role", "token_hash"])
            #expect(try await db.strings("SELECT identifier FROM credential_migrations ORDER BY identifier") == Self.currentSteps)
            #expect(try await db.strings("SELECT identifier FROM \(db.migrationsTable) ORDER BY identifier") == db.migrations)

            // A log opened without its credentials has no such table: the log does not make it.
            try await withLog(backend, "bare") { bare in
                _ = try await bare.open()
                #expect(
                    try await bare.strings(
                        backend == .sqlite
                            ? "SELECT CAST(count(*) AS TEXT) FROM sqlite_master WHERE name IN ('credentials', 'credential_migrations')"
                            : "SELECT CAST(count(*) AS TEXT) FROM pg_tables WHERE schemaname = current_schema() AND tablename IN ('credentials', 'credential_migrations')"
                    )
                        == ["0"])
            }
        }
    }

    @Test(
        "a newer Paddock's migrations are still refused, naming them: the log's despite the former credential identifiers, and the credentials' own",
        arguments: Backend.underTest)
    func newerDatabaseRefused(_ backend: Backend) async throws {
        try await withLog(backend) { db in
            let seeded = try await Self.fieldDatabase(db, lifecycle: true)
            try await db.execute(["INSERT INTO \(db.migrationsTable) (identifier) VALUES ('v99-future')"])
            let logError = await eventStoreError { _ = try await db.open() }
            #expect(logError == .databaseTooNew(path: db.name, unknownMigrations: ["v99-future"]))
            try await db.execute(["DELETE FROM \(db.migrationsTable) WHERE identifier = 'v99-future'"])

            _ = try await db.openCredentials()
            try await db.execute([
                backend == .sqlite
                    ? "INSERT INTO credential_migrations (identifier, applied_at) VALUES ('credentials-v9-future', '2099-01-01T00:00:00.000Z')"
                    : "INSERT INTO credential_migrations (identifier) VALUES ('credentials-v9-future')"
            ])
            let log = try await db.open()
            #expect(try await everything(log) == seeded, "the log itself still opens")
            let credentialsError = await eventStoreError { _ = try await CredentialStores.beside(log) }
            #expect(credentialsError == .databaseTooNew(path: db.name, unknownMigrations: ["credentials-v9-future"]))
            #expect(credentialsError?.description.contains("credentials-v9-future") == true)
            #expect(
                try await db.strings("SELECT identifier FROM credential_migrations ORDER BY identifier")
                    == Self.currentSteps + ["credentials-v9-future"], "refusing changed nothing")
        }
    }
}
