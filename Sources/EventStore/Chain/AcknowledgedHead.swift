/// The check every store makes before continuing a log: its last row must be the last acknowledged
/// append (`chain_head`), and that row's hash must be 64 hex digits. A log whose end was cut, edited
/// or extended behind the store's back is not continued, so that SQLite and PostgreSQL refuse it
/// with the same ``EventStoreError/chainBroken(reason:)``.
///
/// ```swift
/// let head = try AcknowledgedHead.check(lastRow: (8, lastHash), acknowledged: (8, lastHash))
/// // head.position == 8, head.hash: the 32 bytes the next row chains from
/// ```
package enum AcknowledgedHead {
    /// The position and hash (raw bytes) the next append chains from: `lastRow` (position and hash
    /// text of the log's last row, nil for an empty log) checked against `acknowledged` (nil when
    /// nothing was ever acknowledged).
    package static func check(
        lastRow: (position: Int64, hash: String)?, acknowledged: (position: Int64, hash: String)?
    ) throws(EventStoreError) -> (position: Int64, hash: [UInt8]) {
        guard let lastRow else {
            if let acknowledged {
                throw .chainBroken(reason: "the log is empty but its last acknowledged append was position \(acknowledged.position)")
            }
            return (0, ChainHasher.genesis)
        }
        guard let acknowledged else {
            throw .chainBroken(reason: "the log holds \(lastRow.position) event(s) but no acknowledged head")
        }
        guard acknowledged.position == lastRow.position, acknowledged.hash == lastRow.hash else {
            throw .chainBroken(
                reason: "the last row is position \(lastRow.position) but the last acknowledged append was position \(acknowledged.position)"
                    + (acknowledged.position == lastRow.position ? " with another hash" : ""))
        }
        guard let hash = Hex.decode(lastRow.hash), hash.count == 32 else {
            throw .chainBroken(reason: "the hash stored at position \(lastRow.position) is not 64 hex digits")
        }
        return (lastRow.position, hash)
    }
}
