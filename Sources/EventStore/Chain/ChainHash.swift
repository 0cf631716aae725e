import Crypto
import Foundation

/// The hash chain that makes tampering visible.
///
/// Each row's `hash` is SHA-256 over the previous row's hash (32 zero bytes before the first row)
/// followed by the row's canonical bytes: every column, in table order, each as a 4-byte big-endian
/// length and its UTF-8 bytes (`0xFFFFFFFF` for NULL); numbers as decimal text. Because the position
/// is hashed, a deleted, inserted or swapped row breaks the chain just as an edited one does.
struct ChainHasher {
    static let genesis = [UInt8](repeating: 0, count: 32)

    private var buffer: [UInt8] = []

    init() { buffer.reserveCapacity(1024) }

    /// Hashes one row; returns the raw 32 bytes.
    mutating func hash(previous: [UInt8], _ event: RecordedEvent) -> [UInt8] {
        buffer.removeAll(keepingCapacity: true)
        buffer.append(contentsOf: previous)
        appendField(String(event.position))
        appendField(event.eventId.lowercased)
        appendField(event.stream)
        appendField(String(event.streamVersion))
        appendField(event.type)
        appendField(String(event.schemaVersion))
        appendField(event.occurredAt)
        appendField(event.recordedAt)
        appendField(event.actor)
        appendField(event.correlationId)
        appendField(event.causationId)
        appendField(event.payload)
        return Array(SHA256.hash(data: buffer))
    }

    private mutating func appendField(_ value: String?) {
        guard var value else {
            buffer.append(contentsOf: [0xFF, 0xFF, 0xFF, 0xFF])
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

enum Hex {
    private static let digits = Array("0123456789abcdef".utf8)

    static func encode(_ bytes: [UInt8]) -> String {
        var out = [UInt8](repeating: 0, count: bytes.count * 2)
        for (i, byte) in bytes.enumerated() {
            out[2 * i] = digits[Int(byte >> 4)]
            out[2 * i + 1] = digits[Int(byte & 0x0F)]
        }
        return String(decoding: out, as: UTF8.self)
    }

    static func decode(_ text: String) -> [UInt8]? {
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
