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
            var hasher = ChainHasher()
            var previous = ChainHasher.genesis
            var expectedPosition: Int64 = 1
            var versions: [String: Int] = [:]
            var lastRecorded = ""
            var checked: Int64 = 0
            func report(_ kind: ChainBreak.Kind, _ position: Int64, _ reason: String) -> VerificationReport {
                VerificationReport(eventsChecked: checked, headHash: Hex.encode(previous),
                                   firstBreak: ChainBreak(position: position, kind: kind, reason: reason))
            }
            while try raw.step() {
                let event = raw.recordedEvent()
                if event.position != expectedPosition {
                    return report(.positionGap, expectedPosition,
                                  "expected position \(expectedPosition), found \(event.position): rows are missing")
                }
                let computed = hasher.hash(previous: previous, event)
                if Hex.encode(computed) != event.hash {
                    return report(.hashMismatch, event.position,
                                  "the row's content does not match its hash (edited, inserted or swapped row)")
                }
                let version = versions[event.stream, default: 0]
                if event.streamVersion != version + 1 {
                    return report(.streamVersionGap, event.position,
                                  "stream '\(event.stream)' jumps from version \(version) to \(event.streamVersion)")
                }
                if event.recordedAt < lastRecorded {
                    return report(.clockWentBackwards, event.position,
                                  "recorded_at \(event.recordedAt) is before \(lastRecorded)")
                }
                versions[event.stream] = event.streamVersion
                lastRecorded = event.recordedAt
                previous = computed
                expectedPosition += 1
                checked += 1
            }
            if let head = try Row.fetchOne(db, sql: "SELECT position, hash FROM chain_head WHERE id = 1") {
                let headPosition: Int64 = head["position"]
                let headHash: String = head["hash"]
                if headPosition > checked || (headPosition == checked && headHash != Hex.encode(previous)) {
                    return report(.truncated, checked + 1,
                                  "the last acknowledged append ended at position \(headPosition), the log ends at \(checked)")
                }
                if headPosition < checked {
                    return report(.unacknowledgedRows, headPosition + 1,
                                  "rows after position \(headPosition), the last acknowledged append, were not appended by Paddock")
                }
            }
            let missing = ["events_refuse_update", "events_refuse_delete", "events_refuse_replace"].filter { !triggers.contains($0) }
            if !missing.isEmpty {
                return report(.triggersMissing, checked, "immutability trigger(s) missing: \(missing.joined(separator: ", "))")
            }
            return VerificationReport(eventsChecked: checked, headHash: checked == 0 ? "" : Hex.encode(previous), firstBreak: nil)
        }
    }
}
