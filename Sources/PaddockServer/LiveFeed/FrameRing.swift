import Hummingbird
import NIOCore

/// The live feed's recent frames, shared by every subscriber: each entry numbered in order
/// (its sequence number), the oldest dropped once there are more than `maxEntries` or their bytes
/// pass `maxBytes`. A subscriber keeps only the sequence number of the next entry it will write;
/// one that falls so far behind that its next entry was dropped catches up from the log instead.
///
/// ```swift
/// var ring = FrameRing(maxEntries: 4_096, maxBytes: 16 << 20)
/// ring.append(.init(position: 7, kind: .event, bytes: ByteBuffer(string: "id: 7\n...\n\n")))
/// let (entries, next) = ring.entries(from: ring.sequence(ofEvent: 7)!, maxCount: 128)
/// ```
struct FrameRing {
    struct Entry {
        enum Kind { case event, notice, comment }
        /// The log position of the event, or of the event a notice follows; for a comment, the
        /// position published when it was sent.
        let position: Int64
        let kind: Kind
        let bytes: ByteBuffer
    }

    let maxEntries: Int
    let maxBytes: Int
    private var entries = CircularBuffer<Entry>()
    /// The sequence number of the oldest entry kept.
    private(set) var firstSequence: UInt64 = 0
    private(set) var bytes = 0

    init(maxEntries: Int, maxBytes: Int) {
        self.maxEntries = max(1, maxEntries)
        self.maxBytes = max(1, maxBytes)
    }

    /// The sequence number the next entry appended will have.
    var endSequence: UInt64 { firstSequence + UInt64(entries.count) }
    var count: Int { entries.count }

    /// Appends an entry, dropping the oldest beyond the limits (the newest one always stays).
    mutating func append(_ entry: Entry) {
        entries.append(entry)
        bytes += entry.bytes.readableBytes
        while entries.count > 1, entries.count > maxEntries || bytes > maxBytes {
            bytes -= entries.removeFirst().bytes.readableBytes
            firstSequence += 1
        }
    }

    /// Drops every entry (sequence numbers keep counting).
    mutating func removeAll() {
        firstSequence = endSequence
        entries.removeAll(keepingCapacity: false)
        bytes = 0
    }

    /// The sequence number of the event at `position`, if it is still kept.
    func sequence(ofEvent position: Int64) -> UInt64? {
        // Newest first: a subscriber joining live is usually close to the end.
        var index = entries.count - 1
        while index >= 0 {
            let entry = entries[entries.index(entries.startIndex, offsetBy: index)]
            if entry.kind == .event {
                if entry.position == position { return firstSequence + UInt64(index) }
                if entry.position < position { return nil }
            }
            index -= 1
        }
        return nil
    }

    /// Up to `maxCount` entries from `sequence` on, and the sequence number after them; nil when
    /// `sequence` was dropped already.
    func entries(from sequence: UInt64, maxCount: Int) -> (entries: [Entry], next: UInt64)? {
        guard sequence >= firstSequence else { return nil }
        let start = Int(sequence - firstSequence)
        let end = min(entries.count, start + maxCount)
        guard start < end else { return ([], sequence) }
        var taken: [Entry] = []
        taken.reserveCapacity(end - start)
        for offset in start..<end { taken.append(entries[entries.index(entries.startIndex, offsetBy: offset)]) }
        return (taken, sequence + UInt64(taken.count))
    }
}
