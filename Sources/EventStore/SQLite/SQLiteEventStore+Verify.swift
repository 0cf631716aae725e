import Foundation
import GRDB

extension SQLiteEventStore {
    /// Re-walks the whole chain in one read transaction.
    ///
    /// Names the first position where the log is not what was appended: an edited, inserted, deleted
    /// or swapped row, a gap in a stream's versions, a clock going backwards, a truncated end, or
    /// missing immutability triggers.
    public func verify() async throws -> VerificationReport {
        try await pool.read { db in
            let triggers = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'events'")
            let statement = try db.makeStatement(sql: "SELECT \(Schema.selectColumns) FROM events ORDER BY position")
            let raw = RawStatement(statement, in: db)
            var walk = ChainWalk()
            while try raw.step() {
                if let broken = walk.check(raw.recordedEvent()) { return broken }
            }
            let head = try Row.fetchOne(db, sql: "SELECT position, hash FROM chain_head WHERE id = 1")
                .map { (position: $0["position"] as Int64, hash: $0["hash"] as String) }
            let missing = ["events_refuse_update", "events_refuse_delete", "events_refuse_replace"].filter { !triggers.contains($0) }
            return walk.finish(head: head, missingTriggers: missing)
        }
    }
}
