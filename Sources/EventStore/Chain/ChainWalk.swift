/// Re-walks a log row by row, in position order, and finds the first place where it is not what
/// was appended. Every store's `verify` feeds it its rows, so that all backends report the same
/// breaks in the same words.
///
/// ```swift
/// var walk = ChainWalk()
/// for event in rows { if let broken = walk.check(event) { return broken } }
/// return walk.finish(head: (position: 20, hash: headHash), missingTriggers: [])
/// ```
package struct ChainWalk {
    private var hasher = ChainHasher()
    private var previous = ChainHasher.genesis
    private var expectedPosition: Int64 = 1
    private var versions: [String: Int] = [:]
    private var lastRecorded = ""
    /// Rows checked so far (and found intact).
    package private(set) var checked: Int64 = 0

    package init() {}

    /// The hash of the last intact row (hex), empty before the first.
    package var headHash: String { checked == 0 ? "" : Hex.encode(previous) }

    /// Checks the next row; returns the report of the first break, after which the walk is over.
    package mutating func check(_ event: RecordedEvent) -> VerificationReport? {
        if event.position != expectedPosition {
            return broken(
                .positionGap, expectedPosition,
                "expected position \(expectedPosition), found \(event.position): rows are missing")
        }
        let computed = hasher.hash(previous: previous, event)
        if Hex.encode(computed) != event.hash {
            return broken(
                .hashMismatch, event.position,
                "the row's content does not match its hash (edited, inserted or swapped row)")
        }
        let version = versions[event.stream, default: 0]
        if event.streamVersion != version + 1 {
            return broken(
                .streamVersionGap, event.position,
                "stream '\(event.stream)' jumps from version \(version) to \(event.streamVersion)")
        }
        if event.recordedAt < lastRecorded {
            return broken(.clockWentBackwards, event.position, "recorded_at \(event.recordedAt) is before \(lastRecorded)")
        }
        versions[event.stream] = event.streamVersion
        lastRecorded = event.recordedAt
        previous = computed
        expectedPosition += 1
        checked += 1
        return nil
    }

    /// The report once every row is checked: the last acknowledged append (`head`, nil when the store
    /// keeps none) must be where the log ends, and no immutability trigger may be missing.
    package func finish(head: (position: Int64, hash: String)?, missingTriggers: [String]) -> VerificationReport {
        if let head {
            if head.position > checked || (head.position == checked && head.hash != Hex.encode(previous)) {
                return broken(
                    .truncated, checked + 1,
                    "the last acknowledged append ended at position \(head.position), the log ends at \(checked)")
            }
            if head.position < checked {
                return broken(
                    .unacknowledgedRows, head.position + 1,
                    "rows after position \(head.position), the last acknowledged append, were not appended by Paddock")
            }
        } else if checked > 0 {
            // Appends refuse such a log (``AcknowledgedHead``): verify must not call it intact.
            return broken(
                .unacknowledgedRows, 1,
                "the log holds \(checked) event(s) but no acknowledged head (the chain_head row is missing)")
        }
        if !missingTriggers.isEmpty {
            return broken(.triggersMissing, checked, "immutability trigger(s) missing: \(missingTriggers.joined(separator: ", "))")
        }
        return VerificationReport(eventsChecked: checked, headHash: headHash, firstBreak: nil)
    }

    private func broken(_ kind: ChainBreak.Kind, _ position: Int64, _ reason: String) -> VerificationReport {
        VerificationReport(
            eventsChecked: checked, headHash: Hex.encode(previous),
            firstBreak: ChainBreak(position: position, kind: kind, reason: reason))
    }
}
