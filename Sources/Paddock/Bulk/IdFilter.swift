import Foundation

/// Finds event ids given twice in one input in memory that does not grow with the input: a Bloom
/// filter (at most 32 MiB) flags the ids that may have been seen before; only those candidates are
/// kept, and a second look over the checked lines (``SpillFile``) tells true repeats from false
/// alarms. With 16 bits per id, about one id in 400 is a false alarm.
struct IdFilter {
    private var words: [UInt64]
    private let mask: UInt64
    /// Ids that may repeat an earlier one.
    private(set) var candidates: Set<UUID> = []

    /// Sized for about `expectedIds` ids.
    init(expectedIds: Int) {
        let wanted = max(1 << 16, min(1 << 28, expectedIds.saturatingMultiplied(by: 16)))
        var bits = 1 << 16
        while bits < wanted { bits <<= 1 }
        words = Array(repeating: 0, count: bits / 64)
        mask = UInt64(bits - 1)
    }

    /// Adds an id; remembers it as a candidate when every one of its bits was set already.
    mutating func insert(_ id: UUID) {
        let (low, high) = withUnsafeBytes(of: id.uuid) {
            (
                $0.loadUnaligned(fromByteOffset: 0, as: UInt64.self),
                $0.loadUnaligned(fromByteOffset: 8, as: UInt64.self)
            )
        }
        let h1 = Self.mix(low ^ Self.mix(high)), h2 = Self.mix(high &+ 0x9E37_79B9_7F4A_7C15) | 1
        var seen = true
        for k in 0..<4 as Range<UInt64> {
            let bit = (h1 &+ k &* h2) & mask
            let word = Int(bit >> 6), flag = UInt64(1) << (bit & 63)
            if words[word] & flag == 0 {
                seen = false
                words[word] |= flag
            }
        }
        if seen { candidates.insert(id) }
    }

    /// SplitMix64's finalizer: spreads sequential or structured ids over the filter.
    private static func mix(_ value: UInt64) -> UInt64 {
        var z = value &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

extension Int {
    fileprivate func saturatingMultiplied(by other: Int) -> Int {
        let (product, overflow) = multipliedReportingOverflow(by: other)
        return overflow ? .max : product
    }
}

/// Event ids for lines that name none, derived from the input's content and the line's number:
/// the same file appended again gives the same ids, so a run that was stopped half way completes
/// without doubling anything (the lines recorded already are idempotent retries).
///
/// UUIDv8 layout: 80 bits of the file's SHA-256 (bytes 0–5 and 12–15), the version and variant
/// bits, and the line number (up to 2^40) in between, most significant first. Ids of one file
/// therefore sort by line, so the log's event-id index grows at one end, as with time-ordered ids.
///
/// ```swift
/// let id = DerivedEventId.make(fileDigest: input.digest, line: 12)
/// ```
enum DerivedEventId {
    static func make(fileDigest digest: [UInt8], line: Int) -> UUID {
        let n = UInt64(truncatingIfNeeded: line) & 0xFF_FFFF_FFFF
        return UUID(
            uuid: (
                digest[0], digest[1], digest[2], digest[3], digest[4], digest[5],
                0x80 | UInt8((n >> 36) & 0x0F), UInt8((n >> 28) & 0xFF),
                0x80 | UInt8((n >> 22) & 0x3F), UInt8((n >> 14) & 0xFF), UInt8((n >> 6) & 0xFF),
                UInt8((n & 0x3F) << 2) | (digest[6] & 0x03),
                digest[7], digest[8], digest[9], digest[10]
            ))
    }
}
