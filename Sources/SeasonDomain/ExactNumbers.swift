import Foundation

/// Finds a JSON number in user input that Foundation's reader would store as another value.
///
/// JSONDecoder reads a number through `Double` before `Int64` or `Decimal` see it, so a fraction
/// whose nearest `Double` is whole (`0.99999999999999999`, `25.0000000000000001`) arrives as that
/// whole number, and `Decimal` keeps 38 significant digits at most. Such input is refused rather
/// than stored as a value nobody wrote.
///
/// ```swift
/// ExactNumbers.firstInexact(in: Data(#"{"points":[25.0000000000000001]}"#.utf8))  // "25.0000000000000001"
/// ExactNumbers.firstInexact(in: Data(#"{"points":[25, 0.5]}"#.utf8))              // nil
/// ```
public enum ExactNumbers {
    /// The first number token (outside strings) that cannot be read exactly, or nil.
    public static func firstInexact(in json: Data) -> String? {
        json.withUnsafeBytes { raw -> String? in
            let bytes = raw.bindMemory(to: UInt8.self)
            var i = 0
            var inString = false
            while i < bytes.count {
                let byte = bytes[i]
                if inString {
                    if byte == UInt8(ascii: "\\") { i += 2; continue }
                    if byte == UInt8(ascii: "\"") { inString = false }
                    i += 1
                    continue
                }
                if byte == UInt8(ascii: "\"") { inString = true; i += 1; continue }
                guard byte == UInt8(ascii: "-") || isDigit(byte) else { i += 1; continue }
                let start = i
                i += 1
                while i < bytes.count, isNumberByte(bytes[i]) { i += 1 }
                let token = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self)
                if isInexact(token) { return token }
            }
            return nil
        }
    }

    /// Whether Foundation would read `token` (a JSON number) as a value other than the one written.
    public static func isInexact(_ token: String) -> Bool {
        let hasFraction = token.contains(".")
        let hasExponent = token.contains("e") || token.contains("E")
        guard hasFraction || hasExponent, let double = Double(token), double.isFinite else { return false }
        let mantissa = token.prefix { $0 != "e" && $0 != "E" }
        let significant = mantissa.filter(\.isNumber).drop { $0 == "0" }
        if significant.count > 38 { return true }
        // A non-whole Double is read by Decimal from the text; only a whole one goes the Int64 way.
        guard double.rounded() == double else { return false }
        // A whole number written with an exponent is read by Decimal or as a Double, as written;
        // beyond every documented range anyway, it is refused by the range check that names its field.
        guard !hasExponent else { return false }
        // Past 2^53 a whole Double is not every integer: the digits written may not be the ones read.
        if abs(double) >= 9_007_199_254_740_992 { return true }
        let fraction = mantissa.drop { $0 != "." }.dropFirst()
        return fraction.contains { $0 != "0" }
    }

    private static func isDigit(_ byte: UInt8) -> Bool { (48...57).contains(byte) }

    private static func isNumberByte(_ byte: UInt8) -> Bool {
        isDigit(byte) || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E")
            || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-")
    }
}
