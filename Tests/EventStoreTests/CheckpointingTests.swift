import Foundation
import PaddockTestSupport
import Testing

@testable import EventStore

/// Checkpoints copy the WAL into the database file: with `.automatic`, SQLite does it in the append
/// that takes the WAL past 8,192 pages; with `.background`, the store's own connection does it soon
/// after appends, beside them.
@Suite struct CheckpointingTests {
    func databaseFileBytes(_ path: String) -> Int {
        ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber)?.intValue ?? 0
    }

    /// Appends about a megabyte in small appends (a desk's pace, compressed), in 20 appends of 50.
    func appendAMegabyte(_ store: SQLiteEventStore) async throws {
        for batch in 0..<20 {
            let events = (0..<50).map { index in
                note(String(repeating: "result \(batch)-\(index) ", count: 60))
            }
            try await store.append(events, to: "desk", expecting: .any)
        }
    }

    @Test func backgroundCheckpointsCopyTheWALSoonAfterAppends() async throws {
        let database = try TempDatabase("checkpoint-background")
        defer { database.remove() }
        let store = try SQLiteEventStore(path: database.path, checkpointing: .background(every: .milliseconds(50)))
        try await appendAMegabyte(store)
        var copied = false
        for _ in 0..<100 where !copied {
            try await Task.sleep(for: .milliseconds(50))
            copied = databaseFileBytes(database.path) > 500_000
        }
        #expect(copied, "the database file holds \(databaseFileBytes(database.path)) bytes")
        #expect(try await store.read(after: 0, limit: 2_000).count == 1_000)
        #expect(try await store.verify().isIntact)
        try store.close()
    }

    @Test func automaticCheckpointsWaitForALargerWAL() async throws {
        let database = try TempDatabase("checkpoint-automatic")
        defer { database.remove() }
        let store = try SQLiteEventStore(path: database.path)
        try await appendAMegabyte(store)
        try await Task.sleep(for: .milliseconds(300))
        // A megabyte is far from 8,192 pages: still in the WAL, not yet in the database file.
        #expect(databaseFileBytes(database.path) < 500_000)
        try store.close()
    }
}
