/// Reading what a ``JSONScanner`` found: string literals decoded (escapes included), exact texts,
/// integers, literals, repeated keys, and UTF-8 checks eight bytes at a time.
///
/// ```swift
/// let bytes = Array(#""caf\u00e9""#.utf8)
/// bytes.withUnsafeBufferPointer { JSONText.decodeString($0, 0..<$0.count) }   // "café"
/// ```
public enum JSONText {
    // MARK: Strings

    /// The string a JSON string literal (`range` includes its quotes) stands for; nil when it is
    /// not one (a bad escape, an unpaired surrogate, a control character, invalid UTF-8).
    public static func decodeString(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> String? {
        guard range.count >= 2, bytes[range.lowerBound] == 0x22, bytes[range.upperBound - 1] == 0x22 else { return nil }
        let inner = UnsafeBufferPointer(rebasing: bytes[(range.lowerBound + 1)..<(range.upperBound - 1)])
        var plain = true
        for byte in inner where byte == 0x5C || byte < 0x20 { plain = false; break }
        if plain { return string(inner) }
        return unescaped(inner)
    }

    /// Bytes as text: ASCII needs no check; anything else must be valid UTF-8 (nil otherwise).
    @inline(__always) public static func string(_ utf8: UnsafeBufferPointer<UInt8>) -> String? {
        isASCII(utf8) ? String(decoding: utf8, as: UTF8.self) : String(validating: utf8, as: UTF8.self)
    }

    /// The exact text of a range (for messages and for values passed on verbatim).
    public static func text(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
    }

    private static func unescaped(_ inner: UnsafeBufferPointer<UInt8>) -> String? {
        var out: [UInt8] = []
        out.reserveCapacity(inner.count)
        var index = 0
        while index < inner.count {
            let byte = inner[index]
            if byte < 0x20 { return nil }
            guard byte == 0x5C else { out.append(byte); index += 1; continue }
            guard index + 1 < inner.count else { return nil }
            let escape = inner[index + 1]
            index += 2
            switch escape {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(escape)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "u"):
                guard var unit = hex4(inner, at: index) else { return nil }
                index += 4
                if (0xD800...0xDBFF).contains(unit) {
                    // A high surrogate must be followed by an escaped low one: together one scalar.
                    guard index + 6 <= inner.count, inner[index] == 0x5C, inner[index + 1] == UInt8(ascii: "u"),
                        let low = hex4(inner, at: index + 2), (0xDC00...0xDFFF).contains(low)
                    else { return nil }
                    index += 6
                    unit = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)
                }
                guard let scalar = Unicode.Scalar(unit), let encoded = UTF8.encode(scalar) else { return nil }
                out.append(contentsOf: encoded)
            default:
                return nil
            }
        }
        return out.withUnsafeBufferPointer { string($0) }
    }

    private static func hex4(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> UInt32? {
        guard index + 4 <= bytes.count else { return nil }
        var value: UInt32 = 0
        for offset in index..<(index + 4) {
            guard let digit = hexValue(bytes[offset]) else { return nil }
            value = value << 4 | UInt32(digit)
        }
        return value
    }

    /// The value of a hexadecimal digit, either case.
    @inline(__always) public static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    // MARK: Other values

    /// Whether `range` holds exactly `word` (a literal such as `null`).
    public static func equals(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, _ word: StaticString) -> Bool {
        guard range.count == word.utf8CodeUnitCount else { return false }
        for (offset, index) in range.enumerated() where bytes[index] != word.utf8Start[offset] { return false }
        return true
    }

    /// Whether two ranges hold the same bytes.
    public static func equal(_ bytes: UnsafeBufferPointer<UInt8>, _ a: Range<Int>, _ b: Range<Int>) -> Bool {
        guard a.count == b.count else { return false }
        for offset in 0..<a.count where bytes[a.lowerBound + offset] != bytes[b.lowerBound + offset] { return false }
        return true
    }

    /// A JSON integer (`-?[0-9]+`, no leading zero) that fits in Int64; nil otherwise.
    public static func int64(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int64? {
        var index = range.lowerBound
        let negative = index < range.upperBound && bytes[index] == UInt8(ascii: "-")
        if negative { index += 1 }
        let digits = index..<range.upperBound
        guard !digits.isEmpty, digits.count <= 19 else { return nil }
        if bytes[digits.lowerBound] == UInt8(ascii: "0"), digits.count > 1 { return nil }
        var magnitude: UInt64 = 0
        for i in digits {
            let digit = bytes[i] &- 48
            guard digit <= 9 else { return nil }
            magnitude = magnitude &* 10 &+ UInt64(digit)
        }
        if negative { return magnitude <= UInt64(Int64.max) + 1 ? Int64(truncatingIfNeeded: 0 &- magnitude) : nil }
        return magnitude <= UInt64(Int64.max) ? Int64(magnitude) : nil
    }

    // MARK: Objects

    /// The first member whose key repeats an earlier one (compared as decoded text), or nil.
    public static func firstDuplicateKey(in members: [JSONMember], of bytes: UnsafeBufferPointer<UInt8>) -> (member: JSONMember, key: String)? {
        if members.count <= 16 {
            for (index, member) in members.enumerated() {
                for earlier in members[..<index]
                where equal(bytes, earlier.key, member.key)
                    || ((earlier.keyEscaped || member.keyEscaped) && decodeString(bytes, earlier.key) == decodeString(bytes, member.key))
                {
                    return (member, decodeString(bytes, member.key) ?? text(bytes, member.key))
                }
            }
            return nil
        }
        var seen: Set<String> = []
        for member in members {
            let key = decodeString(bytes, member.key) ?? text(bytes, member.key)
            guard seen.insert(key).inserted else { return (member, key) }
        }
        return nil
    }

    // MARK: UTF-8

    /// Whether every byte is ASCII (checked eight at a time).
    public static func isASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        let count = bytes.count
        let raw = UnsafeRawBufferPointer(bytes)
        while index + 8 <= count {
            if raw.loadUnaligned(fromByteOffset: index, as: UInt64.self) & 0x8080_8080_8080_8080 != 0 { return false }
            index += 8
        }
        while index < count {
            if bytes[index] >= 0x80 { return false }
            index += 1
        }
        return true
    }

    /// Whether the bytes are UTF-8 text.
    public static func isValidUTF8(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        isASCII(bytes) || String(validating: bytes, as: UTF8.self) != nil
    }
}
