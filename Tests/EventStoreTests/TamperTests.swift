import Crypto
import Foundation
import GRDB
import PaddockTestSupport
import Testing

@testable import EventStore

@Suite("Immutability and verification", .tags(.slow))
struct TamperTests {
    @Test("raw SQL UPDATE and DELETE (and TRUNCATE, on PostgreSQL) on events are refused by the triggers", arguments: Backend.underTest)
    func triggersRefuseChanges(_ backend: Backend) async throws {
        let db = try TestLog(backend)
        defer { db.remove() }
        var store: (any TestStore)? = try await db.open()
        let seeded = try await seedThreeStreams(store!, count: 5)
        try await store!.shutdown()
        store = nil

        var statements = [
            "UPDATE events SET payload = '{\"text\":\"forged\"}' WHERE position = 2",
            "UPDATE events SET position = 99 WHERE position = 5",
            "UPDATE events SET hash = hash",
            "DELETE FROM events WHERE position = 3",
            "DELETE FROM events"
        ]
        if backend == .postgres {
            statements += ["TRUNCATE events", "UPDATE events SET hash = hash WHERE position > 1000"]  // no row: refused all the same
        }
        for sql in statements {
            do {
                try await db.execute([sql])
                Issue.record("'\(sql)' was not refused")
            } catch let error as RawSQLError {
                #expect(error.description.contains("immutable"), "\(sql): \(error)")
                #expect(error.description.contains(String(sql.prefix { $0 != " " })), "\(sql): \(error)")
            }
        }

        if backend == .postgres {
            // PostgreSQL's INSERT OR REPLACE is an upsert, which fires the UPDATE trigger (SQLite's v4 has nothing to guard here).
            let upsert = """
                INSERT INTO events SELECT * FROM events WHERE position = 3
                ON CONFLICT (position) DO UPDATE SET payload = '{"text":"forged"}'
                """
            await #expect { try await db.execute([upsert]) } throws: { error in
                (error as? RawSQLError)?.description.contains("events are immutable: UPDATE is refused") == true
            }
        }

        let reopened = try await db.open()
        #expect(try await everything(reopened) == seeded)
        let report = try await reopened.verify()
        #expect(report.isIntact)
        #expect(report.eventsChecked == 5)
    }

    @Test("INSERT OR REPLACE, which slips past a DELETE trigger (SQLite fires it only with recursive_triggers), is refused")
    func replaceIsCaughtByVerify() async throws {
        let db = try TempDatabase()
        defer { db.remove() }
        let store = try db.open()
        try await seedThreeStreams(store, count: 5)
        try store.close()

        let queue = try db.raw()
        var refused = false
        do {
            try await queue.write { db in
                try db.execute(
                    sql: """
                        INSERT OR REPLACE INTO events
                        SELECT position, event_id, stream, stream_version, type, schema_version, occurred_at, occurred_utc_ms,
                               recorded_at, actor, correlation_id, causation_id, '{"text":"forged"}', hash
                        FROM events WHERE position = 3
                        """)
            }
        } catch let error as DatabaseError {
            refused = true
            #expect(error.message?.contains("immutable") == true)
        }
        try queue.close()

        #expect(refused)
        let report = try await db.open().verify()
        #expect(report.isIntact)
    }

    @Test("verify: an intact log checks every event; an empty log is intact", arguments: Backend.underTest)
    func verifyIntact(_ backend: Backend) async throws {
        let db = try TestLog(backend)
        defer { db.remove() }
        let store = try await db.open()
        let empty = try await store.verify()
        #expect(empty == VerificationReport(eventsChecked: 0, headHash: "", firstBreak: nil))
        #expect(empty.description == "ok: 0 events, head (empty log)")

        let seeded = try await seedThreeStreams(store, count: 20)
        let report = try await store.verify()
        #expect(report.isIntact)
        #expect(report.firstBreak == nil)
        #expect(report.eventsChecked == 20)
        #expect(report.headHash == seeded.last!.hash)
        #expect(try await store.streams().map(\.version).reduce(0, +) == 20)

        // The chain, recomputed here from the documented canonical bytes, gives the stored hashes.
        var previous = [UInt8](repeating: 0, count: 32)
        for event in seeded {
            let computed = independentHash(previous: previous, event)
            #expect(Hex.encode(computed) == event.hash, "position \(event.position)")
            previous = computed
        }
    }

    // MARK: - Tampering

    enum Triggers { case restored, leftDropped }

    /// Seeds a fresh log of 20 events over 3 streams, closes it, drops the immutability triggers, runs
    /// the tampering SQL, optionally restores the triggers exactly as they were, then reopens and verifies.
    func tamper(
        _ backend: Backend, _ triggers: Triggers, thenRun afterwards: [String] = [],
        _ tampering: @escaping @Sendable (TestLog, [RecordedEvent]) -> [String]
    ) async throws -> (report: VerificationReport, seeded: [RecordedEvent]) {
        let db = try TestLog(backend, "tamper")
        defer { db.remove() }
        let store = try await db.open()
        let seeded = try await seedThreeStreams(store, count: 20)
        #expect(Set(seeded.map(\.stream)).count == 3)
        try await store.shutdown()

        let definitions = try await db.triggerDefinitions()
        #expect(definitions.count == db.triggerNames.count)
        try await db.execute(db.dropTriggers() + tampering(db, seeded) + (triggers == .restored ? definitions : []) + afterwards)

        let reopened = try await db.open()
        let report = try await reopened.verify()
        try await reopened.shutdown()
        return (report, seeded)
    }

    /// A row as an attacker would insert it, with the hash they chose.
    static func insert(_ event: RecordedEvent) -> String {
        let values: [String] = [
            String(event.position), sqlLiteral(event.eventId.lowercased), sqlLiteral(event.stream), String(event.streamVersion),
            sqlLiteral(event.type), String(event.schemaVersion), sqlLiteral(event.occurredAt), "0", sqlLiteral(event.recordedAt),
            sqlLiteral(event.actor), sqlLiteral(event.correlationId), sqlLiteral(event.causationId), sqlLiteral(event.payload),
            sqlLiteral(event.hash)
        ]
        return """
            INSERT INTO events (position, event_id, stream, stream_version, type, schema_version, occurred_at,
                occurred_utc_ms, recorded_at, actor, correlation_id, causation_id, payload, hash)
            VALUES (\(values.joined(separator: ", ")))
            """
    }

    @Test("verify: missing immutability triggers are reported as .triggersMissing", arguments: Backend.underTest)
    func triggersMissing(_ backend: Backend) async throws {
        let (report, _) = try await tamper(backend, .leftDropped) { _, _ in [] }
        let chainBreak = try #require(report.firstBreak)
        #expect(chainBreak.kind == .triggersMissing)
        for name in ["events_refuse_update", "events_refuse_delete"] + (backend == .sqlite ? ["events_refuse_replace"] : ["events_refuse_truncate"]) {
            #expect(chainBreak.reason.contains(name), "\(name)")
        }
        #expect(report.eventsChecked == 20)
        #expect(!report.isIntact)

        // Only one of them missing: named alone.
        let (one, _) = try await tamper(backend, .leftDropped) { db, _ in
            db.triggerNames.filter { $0 != "events_refuse_delete" }.map(db.lonelyTrigger)
        }
        #expect(one.firstBreak?.kind == .triggersMissing)
        #expect(one.firstBreak?.reason.contains("events_refuse_delete") == true)
        #expect(one.firstBreak?.reason.contains("events_refuse_update") == false)

        // Triggers dropped and restored with nothing else touched: intact.
        let (untouched, _) = try await tamper(backend, .restored) { _, _ in [] }
        #expect(untouched.isIntact)
        #expect(untouched.eventsChecked == 20)
    }

    @Test("verify: a disabled immutability trigger counts as missing", arguments: Backend.postgresOnly)
    func triggerDisabled(_ backend: Backend) async throws {
        let (report, _) = try await tamper(backend, .restored, thenRun: ["ALTER TABLE events DISABLE TRIGGER events_refuse_truncate"]) { _, _ in [] }
        #expect(report.firstBreak?.kind == .triggersMissing)
        #expect(report.firstBreak?.reason.contains("events_refuse_truncate") == true)
        #expect(report.firstBreak?.reason.contains("events_refuse_update") == false)
    }

    @Test("verify: an edited payload is a hash mismatch at its position", arguments: Backend.underTest, [Triggers.restored, .leftDropped])
    func editedPayload(_ backend: Backend, triggers: Triggers) async throws {
        let (report, _) = try await tamper(backend, triggers) { _, _ in
            [#"UPDATE events SET payload = '{"text":"forged"}' WHERE position = 7"#]
        }
        #expect(report.firstBreak?.kind == .hashMismatch)
        #expect(report.firstBreak?.position == 7)
        #expect(report.eventsChecked == 6)
        #expect(report.description.hasPrefix("chain broken at position 7: "))

        // Any other column too, e.g. the recorded time or the actor.
        let (time, _) = try await tamper(backend, triggers) { _, _ in
            ["UPDATE events SET recorded_at = '2000-01-01T00:00:00.000000Z' WHERE position = 1"]
        }
        #expect(time.firstBreak?.kind == .hashMismatch)
        #expect(time.firstBreak?.position == 1)
        let (actor, _) = try await tamper(backend, triggers) { _, _ in
            ["UPDATE events SET actor = NULL WHERE position = 20"]
        }
        #expect(actor.firstBreak?.kind == .hashMismatch)
        #expect(actor.firstBreak?.position == 20)
    }

    @Test("verify: a deleted middle row is a position gap at its position", arguments: Backend.underTest, [Triggers.restored, .leftDropped])
    func deletedMiddleRow(_ backend: Backend, triggers: Triggers) async throws {
        let (report, _) = try await tamper(backend, triggers) { _, _ in
            ["DELETE FROM events WHERE position = 10"]
        }
        #expect(report.firstBreak?.kind == .positionGap)
        #expect(report.firstBreak?.position == 10)
        #expect(report.eventsChecked == 9)
    }

    static func forged(after seeded: [RecordedEvent]) -> RecordedEvent {
        RecordedEvent(
            position: 21, eventId: UUID.timeOrdered(), stream: "season:f1:1988", streamVersion: seeded.filter { $0.stream == "season:f1:1988" }.count + 1,
            type: "Note", schemaVersion: 1, occurredAt: "2018", recordedAt: seeded.last!.recordedAt, actor: nil,
            correlationId: nil, causationId: nil, payload: #"{"text":"forged"}"#, hash: "")
    }

    @Test("verify: an inserted row with a made-up or wrongly computed hash is a hash mismatch", arguments: Backend.underTest, [Triggers.restored, .leftDropped])
    func insertedRow(_ backend: Backend, triggers: Triggers) async throws {
        // A made-up hash.
        let (madeUp, _) = try await tamper(backend, triggers) { _, seeded in
            var row = Self.forged(after: seeded)
            row.hash = String(repeating: "ab", count: 32)
            return [Self.insert(row)]
        }
        #expect(madeUp.firstBreak?.kind == .hashMismatch)
        #expect(madeUp.firstBreak?.position == 21)
        #expect(madeUp.eventsChecked == 20)

        // A hash computed the documented way, but not chained to the previous row.
        let (unchained, _) = try await tamper(backend, triggers) { _, seeded in
            var row = Self.forged(after: seeded)
            row.hash = Hex.encode(independentHash(previous: [UInt8](repeating: 0, count: 32), row))
            return [Self.insert(row)]
        }
        #expect(unchained.firstBreak?.kind == .hashMismatch)
        #expect(unchained.firstBreak?.position == 21)

        // A hash chained correctly but computed over other content (the position the forger thought it had).
        let (wrongContent, _) = try await tamper(backend, triggers) { _, seeded in
            var row = Self.forged(after: seeded)
            var hashed = row
            hashed.position = 20
            row.hash = Hex.encode(independentHash(previous: Hex.decode(seeded.last!.hash)!, hashed))
            return [Self.insert(row)]
        }
        #expect(wrongContent.firstBreak?.kind == .hashMismatch)
        #expect(wrongContent.firstBreak?.position == 21)

        // A row slipped into the middle: delete 12, insert a forged 12 with a made-up hash.
        let (middle, _) = try await tamper(backend, triggers) { _, seeded in
            var row = seeded[11]
            row.eventId = UUID.timeOrdered()
            row.payload = #"{"text":"forged"}"#
            row.hash = String(repeating: "0", count: 64)
            return ["DELETE FROM events WHERE position = 12", Self.insert(row)]
        }
        #expect(middle.firstBreak?.kind == .hashMismatch)
        #expect(middle.firstBreak?.position == 12)
    }

    @Test("verify: two rows' contents swapped is a hash mismatch at the first of them", arguments: Backend.underTest, [Triggers.restored, .leftDropped])
    func swappedRows(_ backend: Backend, triggers: Triggers) async throws {
        // Swap payloads.
        let (payloads, _) = try await tamper(backend, triggers) { _, seeded in
            #expect(seeded[4].payload != seeded[11].payload)
            return [
                "UPDATE events SET payload = \(sqlLiteral(seeded[11].payload)) WHERE position = 5",
                "UPDATE events SET payload = \(sqlLiteral(seeded[4].payload)) WHERE position = 12"
            ]
        }
        #expect(payloads.firstBreak?.kind == .hashMismatch)
        #expect(payloads.firstBreak?.position == 5)
        #expect(payloads.eventsChecked == 4)

        // Swap whole rows by their positions, through a temporary position.
        let (positions, _) = try await tamper(backend, triggers) { _, _ in
            [
                "UPDATE events SET position = -1 WHERE position = 8", "UPDATE events SET position = 8 WHERE position = 15",
                "UPDATE events SET position = 15 WHERE position = -1"
            ]
        }
        #expect(positions.firstBreak?.kind == .hashMismatch)
        #expect(positions.firstBreak?.position == 8)
        #expect(positions.eventsChecked == 7)
    }

    @Test("verify: rows cut from the end are reported as .truncated", arguments: Backend.underTest, [Triggers.restored, .leftDropped])
    func truncated(_ backend: Backend, triggers: Triggers) async throws {
        let (last, _) = try await tamper(backend, triggers) { _, _ in
            ["DELETE FROM events WHERE position = 20"]
        }
        #expect(last.firstBreak?.kind == .truncated)
        #expect(last.firstBreak?.position == 20)
        #expect(last.eventsChecked == 19)
        #expect(last.firstBreak?.reason.contains("20") == true)

        let (three, _) = try await tamper(backend, triggers) { _, _ in
            ["DELETE FROM events WHERE position > 17"]
        }
        #expect(three.firstBreak?.kind == .truncated)
        #expect(three.firstBreak?.position == 18)

        let (all, _) = try await tamper(backend, triggers) { _, _ in ["DELETE FROM events"] }
        #expect(all.firstBreak?.kind == .truncated)
        #expect(all.firstBreak?.position == 1)
        #expect(all.eventsChecked == 0)
    }
}

/// SHA-256 of the previous hash and the row's canonical bytes, written here from the hash chain's description (Sources/EventStore/EventStore.docc/HashChain.md)
/// (every column in table order except occurred_utc_ms, 4-byte big-endian length + UTF-8, 0xFFFFFFFF for NULL).
func independentHash(previous: [UInt8], _ event: RecordedEvent) -> [UInt8] {
    var bytes = previous
    let fields: [String?] = [
        String(event.position), event.eventId.uuidString.lowercased(), event.stream, String(event.streamVersion),
        event.type, String(event.schemaVersion), event.occurredAt, event.recordedAt, event.actor,
        event.correlationId, event.causationId, event.payload
    ]
    for field in fields {
        guard let field else {
            bytes += [0xFF, 0xFF, 0xFF, 0xFF]
            continue
        }
        let utf8 = Array(field.utf8)
        withUnsafeBytes(of: UInt32(utf8.count).bigEndian) { bytes += $0 }
        bytes += utf8
    }
    return sha256(bytes)
}

func sha256(_ bytes: [UInt8]) -> [UInt8] { Array(SHA256.hash(data: bytes)) }
