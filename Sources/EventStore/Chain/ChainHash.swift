import Crypto
import Foundation

/// The hash chain that makes tampering visible.
///
/// Each row's `hash` is SHA-256 over the previous row's hash (32 zero bytes before the first row)
/// followed by the row's canonical bytes: every column, in table order, each as a 4-byte big-endian
/// length and its UTF-8 bytes (`0xFFFFFFFF` for NULL); numbers as decimal text. Because the position
/// is hashed, a deleted, inserted or swapped row breaks the chain just as an edited one does.
package struct ChainHasher {
    package static let genesis = [UInt8](repeating: 0, count: 32)

    private var buffer: [UInt8] = []

    package init() { buffer.reserveCapacity(1024) }

    /// Hashes one row; returns the raw 32 bytes. `eventIdText`, when given, is the event id's
    /// lowercase text (``Hex/uuid(_:)``), so that the insert path formats it only once.
    package mutating func hash(previous: [UInt8], _ event: RecordedEvent, eventIdText: String? = nil) -> [UInt8] {
        buffer.removeAll(keepingCapacity: true)
        buffer.append(contentsOf: previous)
        appendNumber(event.position)
        appendField(eventIdText ?? Hex.uuid(event.eventId))
        appendField(event.stream)
        appendNumber(Int64(event.streamVersion))
        appendField(event.type)
        appendNumber(Int64(event.schemaVersion))
        appendField(event.occurredAt)
        appendField(event.recordedAt)
        appendField(event.actor)
        appendField(event.correlationId)
        appendField(event.causationId)
        appendField(event.payload)
        return buffer.withUnsafeBytes { SHA256.hash(data: $0).withUnsafeBytes { Array($0) } }
    }

    /// A number as its decimal text (what `String(value)` gives), length-prefixed, without a String.
    private mutating func appendNumber(_ value: Int64) {
        var scratch: (UInt64, UInt64, UInt64) = (0, 0, 0)  // 24 bytes: room for "-9223372036854775808"
        withUnsafeMutableBytes(of: &scratch) { out in
            var magnitude = value.magnitude
            var i = out.count
            repeat {
                i -= 1
                out[i] = UInt8(48 + magnitude % 10)
                magnitude /= 10
            } while magnitude > 0
            if value < 0 {
                i -= 1
                out[i] = 45  // "-"
            }
            buffer.append(0)
            buffer.append(0)
            buffer.append(0)
            buffer.append(UInt8(out.count - i))
            buffer.append(contentsOf: UnsafeRawBufferPointer(rebasing: out[i...]))
        }
    }

    private mutating func appendField(_ value: String?) {
        guard var value else {
            for _ in 0..<4 { buffer.append(0xFF) }
            return
        }
        value.withUTF8 { utf8 in
            let n = UInt32(utf8.count)
            buffer.append(UInt8(truncatingIfNeeded: n >> 24))
            buffer.append(UInt8(truncatingIfNeeded: n >> 16))
            buffer.append(UInt8(truncatingIfNeeded: n >> 8))
            buffer.append(UInt8(truncatingIfNeeded: n))
            buffer.append(contentsOf: utf8)
        }
    }
}

package enum Hex {
    private static let digits = Array("0123456789abcdef".utf8)

    package static func encode(_ bytes: [UInt8]) -> String {
        digits.withUnsafeBufferPointer { digits in
            String(unsafeUninitializedCapacity: bytes.count * 2) { out in
                for (i, byte) in bytes.enumerated() {
                    out[2 * i] = digits[Int(byte >> 4)]
                    out[2 * i + 1] = digits[Int(byte & 0x0F)]
                }
                return bytes.count * 2
            }
        }
    }

    /// A UUID's lowercase canonical text (the same as `uuid.uuidString.lowercased()`), without
    /// Foundation's formatter, which goes through `snprintf` and costs more than the row's SHA-256.
    package static func uuid(_ id: UUID) -> String {
        withUnsafeBytes(of: id.uuid) { bytes in
            digits.withUnsafeBufferPointer { digits in
                String(unsafeUninitializedCapacity: 36) { out in
                    var o = 0
                    for i in 0..<16 {
                        if i == 4 || i == 6 || i == 8 || i == 10 {
                            out[o] = 45  // "-"
                            o += 1
                        }
                        out[o] = digits[Int(bytes[i] >> 4)]
                        out[o + 1] = digits[Int(bytes[i] & 0x0F)]
                        o += 2
                    }
                    return 36
                }
            }
        }
    }

    package static func decode(_ text: String) -> [UInt8]? {
        let utf8 = Array(text.utf8)
        guard utf8.count % 2 == 0 else { return nil }
        func nibble(_ c: UInt8) -> UInt8? {
            switch c {
            case 48...57: c - 48
            case 97...102: c - 87
            case 65...70: c - 55
            default: nil
            }
        }
        var out = [UInt8]()
        out.reserveCapacity(utf8.count / 2)
        var i = 0
        while i < utf8.count {
            guard let hi = nibble(utf8[i]), let lo = nibble(utf8[i + 1]) else { return nil }
            out.append(hi << 4 | lo)
            i += 2
        }
        return out
    }
}
