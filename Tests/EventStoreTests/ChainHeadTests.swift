import Foundation
import Testing

@testable import EventStore

/// Before appending, every store checks that the log's last row is the last acknowledged append
/// (`chain_head`) and that its hash can be read: a log changed behind its back is not continued.
@Suite("The chain head checked before appending")
struct ChainHeadTests {
    enum Change: String, CaseIterable, CustomTestStringConvertible, Sendable {
        case headMovedForward, lastRowCut, rowAddedBehindItsBack, headHashChanged, lastHashNotHex, emptyLogWithAHead

        var testDescription: String { rawValue }
    }

    static let zeros = String(repeating: "0", count: 64)

    /// The SQL that makes the change, around the immutability triggers where it needs them gone,
    /// and the reason the store must give.
    static func tampering(_ change: Change, _ db: TestLog, _ seeded: [RecordedEvent]) async throws -> (sql: [String], reason: String) {
        let triggers = try await db.triggerDefinitions()
        func withoutTriggers(_ sql: [String]) -> [String] { db.dropTriggers() + sql + triggers }
        switch change {
        case .headMovedForward:
            return (
                ["UPDATE chain_head SET position = 11 WHERE id = 1"],
                "the last row is position 8 but the last acknowledged append was position 11"
            )
        case .lastRowCut:
            return (
                withoutTriggers(["DELETE FROM events WHERE position = 8"]),
                "the last row is position 7 but the last acknowledged append was position 8"
            )
        case .rowAddedBehindItsBack:
            var row = TamperTests.forged(after: seeded)
            row.position = 9
            row.hash = row.chainHash(after: seeded.last!.hash)!  // a row that chains: only the head tells
            return ([TamperTests.insert(row)], "the last row is position 9 but the last acknowledged append was position 8")
        case .headHashChanged:
            return (
                ["UPDATE chain_head SET hash = '\(zeros)' WHERE id = 1"],
                "the last row is position 8 but the last acknowledged append was position 8 with another hash"
            )
        case .lastHashNotHex:
            let notHex = String(repeating: "z", count: 64)
            return (
                withoutTriggers([
                    "UPDATE events SET hash = '\(notHex)' WHERE position = 8",
                    "UPDATE chain_head SET hash = '\(notHex)' WHERE id = 1"
                ]),
                "the hash stored at position 8 is not 64 hex digits"
            )
        case .emptyLogWithAHead:
            return (
                [
                    db.backend == .sqlite
                        ? "INSERT INTO chain_head (id, position, hash) VALUES (1, 3, '\(zeros)')"
                        : "UPDATE chain_head SET position = 3, hash = '\(zeros)' WHERE id = 1"
                ],
                "the log is empty but its last acknowledged append was position 3"
            )
        }
    }

    @Test(
        "a log whose end disagrees with its acknowledged head refuses appends and restores with .chainBroken, and stays as it was",
        arguments: Backend.underTest, Change.allCases)
    func refused(_ backend: Backend, change: Change) async throws {
        try await withLog(backend, "head") { db in
            let store = try await db.open()
            let seeded = change == .emptyLogWithAHead ? [] : try await seedThreeStreams(store, count: 8)
            let (sql, reason) = try await Self.tampering(change, db, seeded)
            try await db.execute(sql)
            let before = try await everything(store)

            let single = await eventStoreError { try await store.append([note()], to: "season:f1:1988", expecting: .any) }
            #expect(single == .chainBroken(reason: reason))
            let several = await eventStoreError {
                try await store.append([AppendBatch(stream: "a", events: [note()]), AppendBatch(stream: "b", events: [note()])])
            }
            #expect(several == .chainBroken(reason: reason), "the log's fault, not a batch's")
            let next = RecordedEvent(
                position: (before.last?.position ?? 0) + 1, eventId: UUID.timeOrdered(), stream: "restored", streamVersion: 1,
                type: "Note", schemaVersion: 1, occurredAt: "2018", recordedAt: "2030-01-01T00:00:00.000000Z", actor: nil,
                correlationId: nil, causationId: nil, payload: #"{"text":"restored"}"#, hash: "")
            var restored = next
            restored.hash = next.chainHash(after: before.last?.hash) ?? Self.zeros  // none after a hash that is not hex
            let restore = await eventStoreError { try await store.restore([restored]) }
            #expect(restore == .chainBroken(reason: reason))
            #expect(restore?.description.contains("run 'paddock verify'") == true)

            #expect(try await everything(store) == before)
            #expect(try await store.verify().isIntact == false, "verify calls intact a log that appends refuse")
            // Another store on the same log (another process) refuses it too.
            let other = try await db.open()
            #expect(await eventStoreError { try await other.append([note()], to: "x", expecting: .noStream) } == .chainBroken(reason: reason))
        }
    }

    @Test("an intact log, also one whose last rows came by restore, is continued", arguments: Backend.underTest)
    func intactIsContinued(_ backend: Backend) async throws {
        try await withLog(backend, "head") { db in
            let source = try await db.open()
            let seeded = try await seedThreeStreams(source, count: 8)
            try await withLog(backend, "copy") { copy in
                let store = try await copy.open()
                try await store.restore(seeded)
                let appended = try await store.append([note()], to: "season:f1:1988", expecting: .any)
                #expect(appended.events[0].position == 9)
                #expect(appended.events[0].hash == appended.events[0].chainHash(after: seeded.last!.hash))
                #expect(try await store.verify().isIntact)
            }
        }
    }

    @Test("a log whose chain_head row is gone is not intact for verify", arguments: Backend.underTest)
    func headRowMissingIsABreak(_ backend: Backend) async throws {
        try await withLog(backend, "head") { db in
            let store = try await db.open()
            try await seedThreeStreams(store, count: 3)
            try await db.execute(
                backend == .sqlite
                    ? ["DELETE FROM chain_head"]
                    : ["DROP TRIGGER chain_head_moves_forward ON chain_head", "DELETE FROM chain_head"])
            let report = try await store.verify()
            #expect(report.firstBreak?.kind == .unacknowledgedRows)
            #expect(report.firstBreak?.position == 1)
            #expect(report.firstBreak?.reason == "the log holds 3 event(s) but no acknowledged head (the chain_head row is missing)")
        }
    }

    @Test("a PostgreSQL log whose chain_head row is gone refuses appends", arguments: Backend.postgresOnly)
    func headRowMissing(_ backend: Backend) async throws {
        try await withLog(backend, "head") { db in
            let store = try await db.open()
            try await seedThreeStreams(store, count: 3)
            try await db.execute(["DROP TRIGGER chain_head_moves_forward ON chain_head", "DELETE FROM chain_head"])
            let error = await eventStoreError { try await store.append([note()], to: "x", expecting: .any) }
            #expect(error == .chainBroken(reason: "the log's acknowledged head (the chain_head row) is missing"))
            #expect(try await store.headPosition() == 3)
        }
    }
}
