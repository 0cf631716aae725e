import GRDB

/// The log's schema, as GRDB migrations. A database with migrations this build does not know was
/// written by a newer Paddock and is refused.
enum Schema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-events") { db in
            try db.execute(
                sql: """
                    CREATE TABLE events (
                        position        INTEGER PRIMARY KEY,
                        event_id        TEXT    NOT NULL UNIQUE,
                        stream          TEXT    NOT NULL,
                        stream_version  INTEGER NOT NULL,
                        type            TEXT    NOT NULL,
                        schema_version  INTEGER NOT NULL,
                        occurred_at     TEXT    NOT NULL,
                        occurred_utc_ms INTEGER NOT NULL,
                        recorded_at     TEXT    NOT NULL,
                        actor           TEXT,
                        correlation_id  TEXT,
                        causation_id    TEXT,
                        payload         TEXT    NOT NULL CHECK (json_valid(payload)),
                        hash            TEXT    NOT NULL,
                        UNIQUE (stream, stream_version)
                    );
                    CREATE INDEX events_by_occurred ON events (occurred_utc_ms);
                    CREATE TRIGGER events_refuse_update BEFORE UPDATE ON events
                    BEGIN SELECT RAISE(ABORT, 'events are immutable: UPDATE is refused; append a correction instead'); END;
                    CREATE TRIGGER events_refuse_delete BEFORE DELETE ON events
                    BEGIN SELECT RAISE(ABORT, 'events are immutable: DELETE is refused; append a retraction instead'); END;
                    -- The last acknowledged append, so that verify also notices rows cut from the end.
                    CREATE TABLE chain_head (
                        id       INTEGER PRIMARY KEY CHECK (id = 1),
                        position INTEGER NOT NULL,
                        hash     TEXT    NOT NULL
                    );
                    """)
        }
        migrator.registerMigration("v2-projection-snapshots") { db in
            try db.execute(
                sql: """
                    CREATE TABLE projection_snapshots (
                        name         TEXT    PRIMARY KEY,
                        code_version INTEGER NOT NULL,
                        position     INTEGER NOT NULL,
                        state        BLOB    NOT NULL,
                        saved_at     TEXT    NOT NULL
                    );
                    """)
        }
        migrator.registerMigration("v4-refuse-replace") { db in
            // INSERT OR REPLACE deletes the conflicting row without firing delete triggers (unless a
            // connection turns recursive_triggers on): refuse any insert that would collide.
            try db.execute(
                sql: """
                    CREATE TRIGGER events_refuse_replace BEFORE INSERT ON events
                    BEGIN
                        SELECT RAISE(ABORT, 'events are immutable: a row at this position or stream version exists; INSERT OR REPLACE is refused')
                        WHERE EXISTS (SELECT 1 FROM events WHERE position = NEW.position)
                           OR EXISTS (SELECT 1 FROM events WHERE stream = NEW.stream AND stream_version = NEW.stream_version);
                        SELECT RAISE(ABORT, '\(duplicateEventIdMessage)')
                        WHERE EXISTS (SELECT 1 FROM events WHERE event_id = NEW.event_id);
                    END;
                    """)
        }
        return migrator
    }

    /// Migrations this log once ran for a table the application now keeps beside it, with
    /// migrations of its own (recorded in databases in the field: not a sign of a newer program).
    static let handedOver: Set<String> = ["v3-credentials", "v5-credential-lifecycle"]

    /// Migrations recorded in `db` that neither this build nor an older one ran: the database was
    /// written by a newer Paddock.
    static func unknownMigrations(_ db: Database) throws -> [String] {
        let migrator = self.migrator
        let known = Set(migrator.migrations).union(handedOver)
        return try migrator.appliedIdentifiers(db).subtracting(known).sorted()
    }

    /// The trigger's message for an event id stored already (an idempotent retry, handled by the store).
    static let duplicateEventIdMessage = "event_id is already recorded"

    static let insertEvent = """
        INSERT INTO events (position, event_id, stream, stream_version, type, schema_version,
            occurred_at, occurred_utc_ms, recorded_at, actor, correlation_id, causation_id, payload, hash)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """

    static let selectColumns = """
        position, event_id, stream, stream_version, type, schema_version, occurred_at, recorded_at,
        actor, correlation_id, causation_id, payload, hash
        """

    static let updateHead = "INSERT OR REPLACE INTO chain_head (id, position, hash) VALUES (1, ?, ?)"
}
