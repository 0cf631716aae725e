/// Writes JSON the one way Paddock writes it everywhere, so that bytes compared or hashed stay
/// stable: string literals as RFC 8259 asks, with the fewest escapes (`"` and `\` escaped; line
/// feed, carriage return and tab as `\n`, `\r`, `\t`; every other control character as `\u00XX`
/// in lowercase hexadecimal; `/`, DEL and all other text as UTF-8), and integers in decimal.
///
/// For text without control characters this is byte for byte what `JSONEncoder` writes with
/// `.withoutEscapingSlashes`, which the canonical payloads rely on.
///
/// ```swift
/// JSONWriter.quoted("engine \"blew\"\n")   // "engine \"blew\"\n" with the quotes and escapes
/// var out: [UInt8] = []
/// JSONWriter.appendDecimal(-42, to: &out)   // Array("-42".utf8)
/// ```
public enum JSONWriter {
    // MARK: Strings

    /// A string as a JSON string literal.
    public static func quoted(_ value: String) -> String {
        var out = ""
        appendQuoted(value, to: &out)
        return out
    }

    /// Appends `value` as a JSON string literal to text.
    public static func appendQuoted(_ value: String, to out: inout String) {
        out.append("\"")
        if !value.utf8.contains(where: needsEscape) {
            out.append(value)
        } else {
            var bytes: [UInt8] = []
            appendEscaped(value, to: &bytes)
            out.append(String(decoding: bytes, as: UTF8.self))
        }
        out.append("\"")
    }

    /// Appends `value` as a JSON string literal to bytes.
    public static func appendQuoted(_ value: String, to out: inout [UInt8]) {
        out.append(0x22)
        appendEscaped(value, to: &out)
        out.append(0x22)
    }

    /// Appends UTF-8 text as a JSON string literal to bytes.
    public static func appendQuoted(_ utf8: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        out.append(0x22)
        appendEscaped(utf8, to: &out)
        out.append(0x22)
    }

    /// Whether the text holds a control character (U+0000 to U+001F), which only this writer's
    /// `\u00XX` form spells one way.
    public static func containsControlCharacter(_ value: String) -> Bool {
        value.utf8.contains { $0 < 0x20 }
    }

    @inline(__always) private static func needsEscape(_ byte: UInt8) -> Bool {
        byte < 0x20 || byte == 0x22 || byte == 0x5C
    }

    private static func appendEscaped(_ value: String, to out: inout [UInt8]) {
        var value = value
        value.withUTF8 { appendEscaped($0, to: &out) }
    }

    private static func appendEscaped(_ utf8: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        var plainStart = 0
        for (index, byte) in utf8.enumerated() where needsEscape(byte) {
            out.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[plainStart..<index]))
            plainStart = index + 1
            switch byte {
            case 0x22: out.append(contentsOf: [0x5C, 0x22])
            case 0x5C: out.append(contentsOf: [0x5C, 0x5C])
            case 0x0A: out.append(contentsOf: [0x5C, UInt8(ascii: "n")])
            case 0x0D: out.append(contentsOf: [0x5C, UInt8(ascii: "r")])
            case 0x09: out.append(contentsOf: [0x5C, UInt8(ascii: "t")])
            default:
                let hex: StaticString = "0123456789abcdef"
                out.append(contentsOf: [
                    0x5C, UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"),
                    hex.utf8Start[Int(byte >> 4)], hex.utf8Start[Int(byte & 15)]
                ])
            }
        }
        out.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[plainStart...]))
    }

    // MARK: Numbers

    /// Appends an integer in decimal (`-42`), without going through `String`.
    public static func appendDecimal(_ value: Int64, to out: inout [UInt8]) {
        if value == 0 { out.append(UInt8(ascii: "0")); return }
        var scratch: (UInt64, UInt64, UInt64) = (0, 0, 0)
        withUnsafeMutableBytes(of: &scratch) { digits in
            var magnitude = value.magnitude
            var index = digits.count
            while magnitude > 0 {
                index -= 1
                digits[index] = UInt8(truncatingIfNeeded: 48 + magnitude % 10)
                magnitude /= 10
            }
            if value < 0 { index -= 1; digits[index] = UInt8(ascii: "-") }
            out.append(contentsOf: UnsafeRawBufferPointer(rebasing: digits[index...]))
        }
    }

    /// Appends an integer in decimal.
    @inline(__always) public static func appendDecimal(_ value: Int, to out: inout [UInt8]) {
        appendDecimal(Int64(value), to: &out)
    }
}
