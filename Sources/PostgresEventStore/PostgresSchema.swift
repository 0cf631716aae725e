/// The log's tables on PostgreSQL, as versioned migrations named like the SQLite ones. A schema
/// with migrations this build does not know was written by a newer Paddock and is refused.
///
/// Every text column compares by code point (`COLLATE "C"`), as SQLite's do: `streams()` sorts
/// the same on both backends, and `recorded_at` cuts compare store times as text.
enum PostgresSchema {
    /// One version of the schema: statements run in order, in the migrating transaction (the
    /// extended query protocol takes one statement at a time).
    struct Migration {
        let identifier: String
        let statements: [String]
    }

    static let migrations: [Migration] = [
        Migration(
            identifier: "v1-events",
            statements: [
                """
                CREATE TABLE events (
                    position        bigint PRIMARY KEY,
                    event_id        uuid   NOT NULL UNIQUE,
                    stream          text   COLLATE "C" NOT NULL,
                    stream_version  bigint NOT NULL,
                    type            text   COLLATE "C" NOT NULL,
                    schema_version  bigint NOT NULL,
                    occurred_at     text   COLLATE "C" NOT NULL,
                    occurred_utc_ms bigint NOT NULL,
                    recorded_at     text   COLLATE "C" NOT NULL,
                    actor           text   COLLATE "C",
                    correlation_id  text   COLLATE "C",
                    causation_id    text   COLLATE "C",
                    payload         json   NOT NULL,
                    hash            text   COLLATE "C" NOT NULL,
                    UNIQUE (stream, stream_version)
                )
                """,
                "CREATE INDEX events_by_occurred ON events (occurred_utc_ms)",
                """
                CREATE FUNCTION paddock_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    RAISE EXCEPTION 'events are immutable: % is refused; append a % instead', TG_OP,
                        CASE TG_OP WHEN 'UPDATE' THEN 'correction' ELSE 'retraction' END
                        USING ERRCODE = 'restrict_violation';
                END $$
                """,
                "CREATE TRIGGER events_refuse_update BEFORE UPDATE ON events FOR EACH STATEMENT EXECUTE FUNCTION paddock_refuse_change()",
                "CREATE TRIGGER events_refuse_delete BEFORE DELETE ON events FOR EACH STATEMENT EXECUTE FUNCTION paddock_refuse_change()",
                "CREATE TRIGGER events_refuse_truncate BEFORE TRUNCATE ON events FOR EACH STATEMENT EXECUTE FUNCTION paddock_refuse_change()",
                // The last acknowledged append, so that verify also notices rows cut from the end. Its one
                // row is also the writers' lock: an append holds it from reading the head to its commit,
                // so positions are given and committed in the same order (no reader ever sees position
                // 12 before 11 is committed).
                """
                CREATE TABLE chain_head (
                    id          integer PRIMARY KEY CHECK (id = 1),
                    position    bigint  NOT NULL,
                    hash        text    COLLATE "C" NOT NULL,
                    recorded_at text    COLLATE "C" NOT NULL
                )
                """,
                "INSERT INTO chain_head (id, position, hash, recorded_at) VALUES (1, 0, '', '')",
                """
                CREATE FUNCTION paddock_head_moves_forward() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF TG_OP <> 'UPDATE' THEN
                        RAISE EXCEPTION 'chain_head only moves forward: % is refused', TG_OP USING ERRCODE = 'restrict_violation';
                    END IF;
                    IF NEW.position < OLD.position OR NEW.id <> OLD.id THEN
                        RAISE EXCEPTION 'chain_head only moves forward: position % after %', NEW.position, OLD.position
                            USING ERRCODE = 'restrict_violation';
                    END IF;
                    RETURN NEW;
                END $$
                """,
                """
                CREATE TRIGGER chain_head_moves_forward BEFORE UPDATE OR DELETE ON chain_head
                FOR EACH ROW EXECUTE FUNCTION paddock_head_moves_forward()
                """,
                """
                CREATE TRIGGER chain_head_refuse_truncate BEFORE TRUNCATE ON chain_head
                FOR EACH STATEMENT EXECUTE FUNCTION paddock_head_moves_forward()
                """,
                // Takes the writers' lock, then reads the head and the streams' versions in a statement
                // of its own: in READ COMMITTED that statement sees every append committed while the
                // lock was awaited (one round trip instead of two). A stream already at another version
                // than its first batch expects (-1: any) is a conflict whatever comes later, as versions
                // only grow: then it answers at once, without the lock (`locked` false), with those of
                // `first_ids` that are stored (a retry of a recorded batch is answered idempotently), so
                // that losing writers do not queue behind the winner.
                """
                CREATE FUNCTION paddock_lock_head(streams text[], expected bigint[], first_ids uuid[])
                RETURNS TABLE (locked boolean, head_position bigint, head_hash text, head_recorded_at text,
                               now_micros bigint, stream_names text[], stream_versions bigint[], known_ids uuid[])
                LANGUAGE plpgsql VOLATILE AS $$
                DECLARE
                    versions bigint[] := array(SELECT coalesce((SELECT max(e.stream_version) FROM events e WHERE e.stream = s), 0)
                                               FROM unnest(streams) AS s);
                BEGIN
                    IF EXISTS (SELECT 1 FROM unnest(expected, versions) AS x(wanted, actual) WHERE wanted >= 0 AND wanted <> actual) THEN
                        RETURN QUERY SELECT false, 0::bigint, ''::text, ''::text, 0::bigint, streams, versions,
                                            array(SELECT e.event_id FROM events e WHERE e.event_id = ANY(first_ids));
                        RETURN;
                    END IF;
                    PERFORM 1 FROM chain_head WHERE id = 1 FOR UPDATE;
                    RETURN QUERY
                    SELECT true, h.position, h.hash, h.recorded_at,
                           (extract(epoch FROM clock_timestamp()) * 1000000)::bigint,
                           streams,
                           array(SELECT coalesce((SELECT max(e.stream_version) FROM events e WHERE e.stream = s), 0)
                                 FROM unnest(streams) AS s),
                           '{}'::uuid[]
                    FROM chain_head h WHERE h.id = 1;
                END $$
                """,
                // For the error path of a refused batch only: is this payload JSON?
                """
                CREATE FUNCTION paddock_is_json(text) RETURNS boolean LANGUAGE plpgsql IMMUTABLE AS $$
                BEGIN
                    PERFORM $1::json;
                    RETURN true;
                EXCEPTION WHEN others THEN
                    RETURN false;
                END $$
                """
            ]),
        Migration(
            identifier: "v2-projection-snapshots",
            statements: [
                """
                CREATE TABLE projection_snapshots (
                    name         text    COLLATE "C" PRIMARY KEY,
                    code_version integer NOT NULL,
                    position     bigint  NOT NULL,
                    state        bytea   NOT NULL,
                    saved_at     text    COLLATE "C" NOT NULL
                )
                """
            ]),
        // The writers' lock also reads the log's last row, so that an append refuses a log whose end
        // disagrees with chain_head (cut, edited or extended behind the store's back) in the same
        // round trip. SQLite's v4 (refusing INSERT OR REPLACE) has nothing to guard here: PostgreSQL
        // has no such statement, and INSERT ... ON CONFLICT DO UPDATE fires the UPDATE trigger.
        Migration(
            identifier: "v4-lock-reads-last-row",
            statements: [
                "DROP FUNCTION paddock_lock_head(text[], bigint[], uuid[])",
                """
                CREATE FUNCTION paddock_lock_head(streams text[], expected bigint[], first_ids uuid[])
                RETURNS TABLE (locked boolean, head_position bigint, head_hash text, now_micros bigint,
                               stream_names text[], stream_versions bigint[], known_ids uuid[],
                               last_position bigint, last_hash text, last_recorded_at text)
                LANGUAGE plpgsql VOLATILE AS $$
                DECLARE
                    versions bigint[] := array(SELECT coalesce((SELECT max(e.stream_version) FROM events e WHERE e.stream = s), 0)
                                               FROM unnest(streams) AS s);
                BEGIN
                    IF EXISTS (SELECT 1 FROM unnest(expected, versions) AS x(wanted, actual) WHERE wanted >= 0 AND wanted <> actual) THEN
                        RETURN QUERY SELECT false, NULL::bigint, NULL::text, 0::bigint, streams, versions,
                                            array(SELECT e.event_id FROM events e WHERE e.event_id = ANY(first_ids)),
                                            NULL::bigint, NULL::text, NULL::text;
                        RETURN;
                    END IF;
                    PERFORM 1 FROM chain_head WHERE id = 1 FOR UPDATE;
                    -- A statement of its own: it sees every append committed while the lock was awaited.
                    -- chain_head's columns are NULL when its row is missing, the last row's when the log is empty.
                    RETURN QUERY
                    SELECT true, h.position, h.hash,
                           (extract(epoch FROM clock_timestamp()) * 1000000)::bigint,
                           streams,
                           array(SELECT coalesce((SELECT max(e.stream_version) FROM events e WHERE e.stream = s), 0)
                                 FROM unnest(streams) AS s),
                           '{}'::uuid[],
                           l.position, l.hash::text, l.recorded_at::text
                    FROM (SELECT 1) AS one
                    LEFT JOIN chain_head h ON h.id = 1
                    LEFT JOIN LATERAL (SELECT e.position, e.hash, e.recorded_at FROM events e ORDER BY e.position DESC LIMIT 1) l ON true;
                END $$
                """
            ])
    ]

    /// Migrations this log once ran for a table the application now keeps beside it, with
    /// migrations of its own (recorded in schemas in the field: not a sign of a newer program).
    static let handedOver: Set<String> = ["v3-credentials", "v5-credential-lifecycle"]

    /// The triggers `verify` expects on `events`, present and enabled.
    static let immutabilityTriggers = ["events_refuse_delete", "events_refuse_truncate", "events_refuse_update"]

    static let selectColumns = """
        position, event_id, stream, stream_version, type, schema_version, occurred_at, recorded_at,
        actor, correlation_id, causation_id, payload::text, hash
        """

    /// Inserts rows given as one array per column, then moves the head and announces the append
    /// (delivered at commit): one round trip for the whole write.
    static let insertAndAnnounce = """
        WITH inserted AS (
            INSERT INTO events (position, event_id, stream, stream_version, type, schema_version, occurred_at,
                                occurred_utc_ms, recorded_at, actor, correlation_id, causation_id, payload, hash)
            SELECT r.position, r.event_id, r.stream, r.stream_version, r.type, r.schema_version, r.occurred_at,
                   r.occurred_utc_ms, r.recorded_at, r.actor, r.correlation_id, r.causation_id, r.payload::json, r.hash
            FROM unnest($1::bigint[], $2::uuid[], $3::text[], $4::bigint[], $5::text[], $6::bigint[], $7::text[],
                        $8::bigint[], $9::text[], $10::text[], $11::text[], $12::text[], $13::text[], $14::text[])
                 AS r(position, event_id, stream, stream_version, type, schema_version, occurred_at,
                      occurred_utc_ms, recorded_at, actor, correlation_id, causation_id, payload, hash)
        ), head AS (
            UPDATE chain_head SET position = $15, hash = $16, recorded_at = $17 WHERE id = 1
        )
        SELECT pg_notify($18, $15::text)
        """
}
