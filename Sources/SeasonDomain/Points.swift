import Foundation

/// Championship points as an exact fraction: shared drives give thirds, a shared fastest lap of
/// seven drivers gives sevenths (F1, 1954), half points give halves. Never binary floating point.
///
/// In JSON a value is an integer (`25`), an exact decimal (`0.5`, `4.5`) or a fraction string (`"1/7"`).
///
/// ```swift
/// let share = Points(1) / 7
/// (share * 7) == 1            // true
/// Points(34, 3).formatted     // "11.33"
/// ```
public struct Points: Sendable, Hashable, Comparable, Codable, CustomStringConvertible, ExpressibleByIntegerLiteral {
    public let numerator: Int64
    public let denominator: Int64

    public static let zero = Points(0)

    public init(_ numerator: Int64, _ denominator: Int64 = 1) {
        precondition(denominator != 0, "a fraction needs a non-zero denominator")
        let sign: Int64 = denominator < 0 ? -1 : 1
        let divisor = Self.gcd(abs(numerator), abs(denominator))
        self.numerator = sign * numerator / max(divisor, 1)
        self.denominator = sign * denominator / max(divisor, 1)
    }

    public init(_ value: Int) { self.init(Int64(value), 1) }
    public init(integerLiteral value: Int) { self.init(Int64(value), 1) }

    public var isZero: Bool { numerator == 0 }
    public var doubleValue: Double { Double(numerator) / Double(denominator) }

    static func gcd(_ a: Int64, _ b: Int64) -> Int64 {
        var (a, b) = (a, b)
        while b != 0 { (a, b) = (b, a % b) }
        return a
    }

    // MARK: Arithmetic

    public static func + (a: Points, b: Points) -> Points {
        if a.denominator == b.denominator { return Points(a.numerator + b.numerator, a.denominator) }
        let g = gcd(a.denominator, b.denominator)
        return Points(a.numerator * (b.denominator / g) + b.numerator * (a.denominator / g), a.denominator / g * b.denominator)
    }

    public static func - (a: Points, b: Points) -> Points { a + Points(-b.numerator, b.denominator) }

    public static func * (a: Points, b: Points) -> Points {
        let g1 = max(gcd(abs(a.numerator), b.denominator), 1), g2 = max(gcd(abs(b.numerator), a.denominator), 1)
        return Points((a.numerator / g1) * (b.numerator / g2), (a.denominator / g2) * (b.denominator / g1))
    }

    public static func * (a: Points, b: Int) -> Points { a * Points(b) }

    public static func / (a: Points, b: Int) -> Points { Points(a.numerator, a.denominator * Int64(b)) }

    public static func += (a: inout Points, b: Points) { a = a + b }
    public static func -= (a: inout Points, b: Points) { a = a - b }

    public static func < (a: Points, b: Points) -> Bool {
        // Cross-multiplication in 128 bits cannot overflow for Int64 parts.
        let left = a.numerator.multipliedFullWidth(by: b.denominator)
        let right = b.numerator.multipliedFullWidth(by: a.denominator)
        return (left.high, left.low) < (right.high, right.low)
    }

    // MARK: Text

    /// Rounded half up to 2 decimals, without trailing zeros: "25", "0.5", "0.14", "11.33".
    public var formatted: String {
        let negative = numerator < 0
        let hundredths = (abs(numerator) * 100 * 2 + denominator) / (2 * denominator)
        var text = String(hundredths / 100)
        let fraction = hundredths % 100
        if fraction != 0 {
            text += fraction % 10 == 0 ? ".\(fraction / 10)" : String(format: ".%02d", fraction)
        }
        return negative && hundredths != 0 ? "-" + text : text
    }

    public var description: String { formatted }

    /// Exact text: an integer, an exact decimal when one exists, else "n/d".
    public var exactText: String {
        if denominator == 1 { return String(numerator) }
        if let decimal = exactDecimal { return decimal }
        return "\(numerator)/\(denominator)"
    }

    /// The exact decimal form when the denominator has only the prime factors 2 and 5.
    var exactDecimal: String? {
        var d = denominator, twos = 0, fives = 0
        while d % 2 == 0 { d /= 2; twos += 1 }
        while d % 5 == 0 { d /= 5; fives += 1 }
        guard d == 1 else { return nil }
        let digits = max(twos, fives)
        var scale: Int64 = 1
        for _ in 0..<digits { scale *= 10 }
        let scaled = numerator * (scale / denominator)
        let whole = abs(scaled) / scale
        var fraction = String(abs(scaled) % scale)
        fraction = String(repeating: "0", count: digits - fraction.count) + fraction
        return (scaled < 0 ? "-" : "") + "\(whole).\(fraction)"
    }

    /// Parses "25", "-1", "0.5", "1/7".
    public init?(text: String) {
        let t = text.trimmingCharacters(in: .whitespaces)
        if let slash = t.firstIndex(of: "/") {
            guard let n = Int64(t[..<slash]), let d = Int64(t[t.index(after: slash)...]), d != 0 else { return nil }
            self.init(n, d)
            return
        }
        if let dot = t.firstIndex(of: ".") {
            let wholeText = t[..<dot], fractionText = t[t.index(after: dot)...]
            guard !fractionText.isEmpty, fractionText.count <= 12, fractionText.allSatisfy(\.isNumber),
                  let whole = Int64(wholeText.isEmpty || wholeText == "-" ? wholeText + "0" : wholeText),
                  let fraction = Int64(fractionText) else { return nil }
            var scale: Int64 = 1
            for _ in 0..<fractionText.count { scale *= 10 }
            let negative = wholeText.hasPrefix("-")
            self.init(whole * scale + (negative ? -fraction : fraction), scale)
            return
        }
        guard let n = Int64(t) else { return nil }
        self.init(n, 1)
    }

    // MARK: Codable

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let integer = try? container.decode(Int64.self) {
            self.init(integer, 1)
        } else if let decimal = try? container.decode(Decimal.self), let parsed = Points(text: "\(decimal)") {
            self = parsed
        } else if let text = try? container.decode(String.self), let parsed = Points(text: text) {
            self = parsed
        } else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "expected points: a number (25, 0.5) or a fraction string (\"1/7\")")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        if denominator == 1 {
            try container.encode(numerator)
        } else if let decimal = exactDecimal, let value = Decimal(string: decimal) {
            try container.encode(value)
        } else {
            try container.encode("\(numerator)/\(denominator)")
        }
    }
}
