/// Championship points as an exact fraction: shared drives give halves and thirds, a fastest lap
/// shared by seven drivers gives sevenths (F1, 1954), half points give halves. Never binary floating point.
///
/// Always normalized: numerator and denominator have no common factor and the denominator is positive.
/// In JSON a value is an integer (`25`), an exact decimal (`0.5`, `4.5`) or a fraction string (`"1/7"`).
///
/// ```swift
/// let share = Points(1) / 7
/// share * 7 == 1              // true
/// Points(34, 3).formatted     // "11.33"
/// ```
public struct Points: Sendable, Hashable, Comparable, CustomStringConvertible, ExpressibleByIntegerLiteral {
    /// The numerator; carries the sign.
    public let numerator: Int64
    /// The denominator; always 1 or more.
    public let denominator: Int64

    public static let zero = Points(0)

    /// The fraction `numerator / denominator`, normalized. The denominator must not be 0.
    public init(_ numerator: Int64, _ denominator: Int64 = 1) {
        precondition(denominator != 0, "Points: a fraction needs a non-zero denominator")
        let divisor = Self.gcd(numerator, denominator)
        var n = numerator / divisor, d = denominator / divisor
        if d < 0 { n = -n; d = -d }
        self.numerator = n
        self.denominator = d
    }

    public init(_ value: Int) { self.init(Int64(value), 1) }
    public init(integerLiteral value: Int) { self.init(Int64(value), 1) }

    public var isZero: Bool { numerator == 0 }
    public var isInteger: Bool { denominator == 1 }
    /// An approximation for display or statistics only; never add these up.
    public var doubleValue: Double { Double(numerator) / Double(denominator) }

    /// Greatest common divisor of the magnitudes; 1 when both are 0.
    static func gcd(_ a: Int64, _ b: Int64) -> Int64 {
        var (a, b) = (a.magnitude, b.magnitude)
        while b != 0 { (a, b) = (b, a % b) }
        return a == 0 ? 1 : Int64(a)
    }
}

// MARK: - Arithmetic

extension Points {
    /// Multiplies, trapping with a clear message on overflow (never reached by realistic championship sums).
    @inline(__always)
    static func mul(_ a: Int64, _ b: Int64) -> Int64 {
        let (value, overflow) = a.multipliedReportingOverflow(by: b)
        precondition(!overflow, "Points: arithmetic overflow")
        return value
    }

    @inline(__always)
    static func add(_ a: Int64, _ b: Int64) -> Int64 {
        let (value, overflow) = a.addingReportingOverflow(b)
        precondition(!overflow, "Points: arithmetic overflow")
        return value
    }

    public static func + (a: Points, b: Points) -> Points {
        if a.denominator == b.denominator { return Points(add(a.numerator, b.numerator), a.denominator) }
        let g = gcd(a.denominator, b.denominator)
        let (aScale, bScale) = (b.denominator / g, a.denominator / g)
        return Points(add(mul(a.numerator, aScale), mul(b.numerator, bScale)), mul(a.denominator, aScale))
    }

    public static prefix func - (a: Points) -> Points { Points(-a.numerator, a.denominator) }

    public static func - (a: Points, b: Points) -> Points { a + (-b) }

    public static func * (a: Points, b: Points) -> Points {
        // Cross-reduce first so the products stay small.
        let g1 = gcd(a.numerator, b.denominator), g2 = gcd(b.numerator, a.denominator)
        return Points(mul(a.numerator / g1, b.numerator / g2), mul(a.denominator / g2, b.denominator / g1))
    }

    public static func * (a: Points, b: Int) -> Points { a * Points(b) }
    public static func * (a: Int, b: Points) -> Points { Points(a) * b }

    /// Division by a whole number (a car's points split between its drivers). `b` must not be 0.
    public static func / (a: Points, b: Int) -> Points {
        precondition(b != 0, "Points: division by zero")
        let g = gcd(a.numerator, Int64(b))
        return Points(a.numerator / g, mul(a.denominator, Int64(b) / g))
    }

    public static func += (a: inout Points, b: Points) { a = a + b }
    public static func -= (a: inout Points, b: Points) { a = a - b }
    public static func *= (a: inout Points, b: Points) { a = a * b }

    public static func < (a: Points, b: Points) -> Bool {
        if a.denominator == b.denominator { return a.numerator < b.numerator }
        // Cross-multiplication in 128 bits cannot overflow for Int64 parts.
        let left = a.numerator.multipliedFullWidth(by: b.denominator)
        let right = b.numerator.multipliedFullWidth(by: a.denominator)
        return (left.high, left.low) < (right.high, right.low)
    }
}

// MARK: - Text

extension Points {
    /// Rounded half up to 2 decimals, without trailing zeros: "25", "0.5", "0.14" (1/7), "11.33" (34/3).
    /// Negative values round half away from zero ("-0.5").
    public var formatted: String {
        let magnitude = numerator.magnitude, d = denominator.magnitude
        let whole = magnitude / d, remainder = magnitude % d
        // remainder < d, so remainder * 200 only overflows for absurd denominators.
        var hundredths = (remainder * 200 + d) / (2 * d)
        var units = whole
        if hundredths == 100 { units += 1; hundredths = 0 }
        var text = String(units)
        if hundredths != 0 {
            text += hundredths % 10 == 0 ? ".\(hundredths / 10)" : (hundredths < 10 ? ".0\(hundredths)" : ".\(hundredths)")
        }
        return numerator < 0 && (units != 0 || hundredths != 0) ? "-" + text : text
    }

    public var description: String { formatted }

    /// Exact text: an integer ("25"), an exact decimal when one exists ("0.5"), else a fraction ("1/7").
    public var exactText: String {
        if denominator == 1 { return String(numerator) }
        return exactDecimal ?? "\(numerator)/\(denominator)"
    }

    /// The exact decimal form when the denominator's only prime factors are 2 and 5; nil otherwise.
    public var exactDecimal: String? {
        if denominator == 1 { return String(numerator) }
        var d = denominator, twos = 0, fives = 0
        while d % 2 == 0 { d /= 2; twos += 1 }
        while d % 5 == 0 { d /= 5; fives += 1 }
        let digits = max(twos, fives)
        guard d == 1, digits <= 18 else { return nil }
        var scale: Int64 = 1
        for _ in 0..<digits { scale *= 10 }
        let (scaled, overflow) = numerator.magnitude.multipliedReportingOverflow(by: UInt64(scale / denominator))
        guard !overflow else { return nil }
        let whole = scaled / UInt64(scale)
        let fraction = String(scaled % UInt64(scale))
        let padded = String(repeating: "0", count: digits - fraction.count) + fraction
        return (numerator < 0 ? "-" : "") + "\(whole).\(padded)"
    }

    /// Parses "25", "-1", "0.5", ".25", "1.50", "1/7", "-2/3". Returns nil for anything else
    /// (exponents, spaces inside, a zero denominator, more than 18 decimals).
    public init?(text: String) {
        let t = text.trimmingCharacters(in: .whitespaces)
        if let slash = t.firstIndex(of: "/") {
            guard let n = Int64(t[..<slash]), let d = Int64(t[t.index(after: slash)...]), d != 0 else { return nil }
            self.init(n, d)
            return
        }
        guard let dot = t.firstIndex(of: ".") else {
            guard let n = Int64(t) else { return nil }
            self.init(n, 1)
            return
        }
        var wholeText = t[..<dot]
        let fractionText = t[t.index(after: dot)...]
        let negative = wholeText.first == "-"
        if negative || wholeText.first == "+" { wholeText = wholeText.dropFirst() }
        guard !fractionText.isEmpty, fractionText.count <= 18,
              fractionText.allSatisfy({ $0.isASCII && $0.isNumber }),
              wholeText.allSatisfy({ $0.isASCII && $0.isNumber }),
              let whole = Int64(wholeText.isEmpty ? "0" : wholeText), let fraction = Int64(fractionText) else { return nil }
        var scale: Int64 = 1
        for _ in 0..<fractionText.count { scale *= 10 }
        let (scaledWhole, o1) = whole.multipliedReportingOverflow(by: scale)
        let (magnitude, o2) = scaledWhole.addingReportingOverflow(fraction)
        guard !o1, !o2 else { return nil }
        self.init(negative ? -magnitude : magnitude, scale)
    }
}
