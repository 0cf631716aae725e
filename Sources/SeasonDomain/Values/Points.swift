/// Championship points as an exact fraction: shared drives give halves and thirds, a fastest lap
/// shared by seven drivers gives sevenths (F1, 1954), half points give halves. Never binary floating point.
///
/// Always normalized: numerator and denominator have no common factor and the denominator is positive.
/// In JSON a value is an integer (`25`), an exact decimal (`0.5`, `4.5`) or a fraction string (`"1/7"`).
///
/// Arithmetic never traps. Recorded values are bounded by validation (``Limits``), but sums of
/// fractions with unrelated denominators can still leave 64 bits; a result that cannot be held
/// exactly is ``outOfRange``, which every later operation keeps, so a computation reports it
/// (``isOutOfRange``) instead of stopping the process.
///
/// ```swift
/// let share = Points(1) / 7
/// share * 7 == 1              // true
/// Points(34, 3).formatted     // "11.33"
/// (Points(Int64.max) + 1).isOutOfRange   // true
/// ```
public struct Points: Sendable, Hashable, Comparable, CustomStringConvertible, ExpressibleByIntegerLiteral {
    /// The numerator; carries the sign. Its magnitude is at most `Int64.max`.
    public let numerator: Int64
    /// The denominator; 1 or more, or 0 for ``outOfRange``.
    public let denominator: Int64

    public static let zero = Points(0)

    /// A result that exact 64-bit fractions cannot hold (an overflow, a zero denominator). It sorts
    /// after every number and equals only itself.
    public static let outOfRange = Points(unchecked: 0, 0)

    /// The fraction `numerator / denominator`, normalized; ``outOfRange`` when the denominator is 0
    /// or the normalized parts do not fit.
    public init(_ numerator: Int64, _ denominator: Int64 = 1) {
        guard denominator != 0 else { self = .outOfRange; return }
        let negative = (numerator < 0) != (denominator < 0)
        let divisor = Self.gcd(numerator.magnitude, denominator.magnitude)
        let n = numerator.magnitude / divisor, d = denominator.magnitude / divisor
        guard n <= UInt64(Int64.max), d <= UInt64(Int64.max) else { self = .outOfRange; return }
        self.init(unchecked: negative ? -Int64(n) : Int64(n), Int64(d))
    }

    private init(unchecked numerator: Int64, _ denominator: Int64) {
        self.numerator = numerator
        self.denominator = denominator
    }

    public init(_ value: Int) { self.init(Int64(value), 1) }
    public init(integerLiteral value: Int) { self.init(Int64(value), 1) }

    public var isZero: Bool { numerator == 0 && denominator != 0 }
    /// True for ``outOfRange``: a computation left the exact range.
    public var isOutOfRange: Bool { denominator == 0 }
    /// An approximation for display or statistics only; never add these up. NaN when out of range.
    public var doubleValue: Double { isOutOfRange ? .nan : Double(numerator) / Double(denominator) }

    /// Greatest common divisor; 1 when both are 0.
    static func gcd(_ a: UInt64, _ b: UInt64) -> UInt64 {
        var (a, b) = (a, b)
        while b != 0 { (a, b) = (b, a % b) }
        return a == 0 ? 1 : a
    }
}

// MARK: - Arithmetic

extension Points {
    /// `a * b`, or nil when it does not fit.
    @inline(__always)
    static func mul(_ a: Int64, _ b: Int64) -> Int64? {
        let (value, overflow) = a.multipliedReportingOverflow(by: b)
        return overflow ? nil : value
    }

    @inline(__always)
    static func add(_ a: Int64, _ b: Int64) -> Int64? {
        let (value, overflow) = a.addingReportingOverflow(b)
        return overflow ? nil : value
    }

    public static func + (a: Points, b: Points) -> Points {
        guard !a.isOutOfRange, !b.isOutOfRange else { return .outOfRange }
        if a.denominator == b.denominator, let sum = add(a.numerator, b.numerator) { return Points(sum, a.denominator) }
        let g = Int64(gcd(a.denominator.magnitude, b.denominator.magnitude))
        let (aScale, bScale) = (b.denominator / g, a.denominator / g)
        if let left = mul(a.numerator, aScale), let right = mul(b.numerator, bScale), let sum = add(left, right),
            let denominator = mul(a.denominator, aScale)
        {
            return Points(sum, denominator)
        }
        // The intermediate parts left 64 bits; the reduced sum may still fit (large terms cancelling).
        let numerator = Int128(a.numerator) * Int128(aScale) + Int128(b.numerator) * Int128(bScale)
        return reduced(numerator, Int128(a.denominator) * Int128(aScale))
    }

    /// `n / d` (d > 0) reduced, or ``outOfRange`` when the reduced parts do not fit 64 bits.
    static func reduced(_ n: Int128, _ d: Int128) -> Points {
        var (x, y) = (n.magnitude, d.magnitude)
        while y != 0 { (x, y) = (y, x % y) }
        let divisor = x == 0 ? 1 : x
        let (rn, rd) = (n.magnitude / divisor, d.magnitude / divisor)
        guard rn <= UInt128(Int64.max), rd <= UInt128(Int64.max) else { return .outOfRange }
        return Points(n < 0 ? -Int64(rn) : Int64(rn), Int64(rd))
    }

    public static prefix func - (a: Points) -> Points {
        a.isOutOfRange ? .outOfRange : Points(unchecked: -a.numerator, a.denominator)
    }

    public static func - (a: Points, b: Points) -> Points { a + (-b) }

    public static func * (a: Points, b: Points) -> Points {
        guard !a.isOutOfRange, !b.isOutOfRange else { return .outOfRange }
        // Cross-reduce first so the products stay small.
        let g1 = Int64(gcd(a.numerator.magnitude, b.denominator.magnitude))
        let g2 = Int64(gcd(b.numerator.magnitude, a.denominator.magnitude))
        guard let n = mul(a.numerator / g1, b.numerator / g2), let d = mul(a.denominator / g2, b.denominator / g1) else { return .outOfRange }
        return Points(n, d)
    }

    public static func * (a: Points, b: Int) -> Points { a * Points(b) }
    public static func * (a: Int, b: Points) -> Points { Points(a) * b }

    /// Division by a whole number (a car's points split between its drivers); ``outOfRange`` for 0.
    public static func / (a: Points, b: Int) -> Points { a * Points(1, Int64(b)) }

    public static func += (a: inout Points, b: Points) { a = a + b }
    public static func -= (a: inout Points, b: Points) { a = a - b }
    public static func *= (a: inout Points, b: Points) { a = a * b }

    public static func < (a: Points, b: Points) -> Bool {
        if a.isOutOfRange || b.isOutOfRange { return !a.isOutOfRange && b.isOutOfRange }
        if a.denominator == b.denominator { return a.numerator < b.numerator }
        // Cross-multiplication in 128 bits cannot overflow for 64-bit parts.
        let left = a.numerator.multipliedFullWidth(by: b.denominator)
        let right = b.numerator.multipliedFullWidth(by: a.denominator)
        return (left.high, left.low) < (right.high, right.low)
    }

    /// The sum of `values`; ``outOfRange`` as soon as a partial sum leaves the range.
    public static func sum<S: Sequence>(_ values: S) -> Points where S.Element == Points {
        var total = Points.zero
        for value in values {
            total += value
            if total.isOutOfRange { return total }
        }
        return total
    }
}

// MARK: - Text

extension Points {
    /// The text shown for ``outOfRange``.
    public static let outOfRangeText = "out of range"

    /// Rounded half up to 2 decimals, without trailing zeros: "25", "0.5", "0.14" (1/7), "11.33" (34/3).
    /// Negative values round half away from zero ("-0.5").
    public var formatted: String {
        guard !isOutOfRange else { return Self.outOfRangeText }
        let magnitude = numerator.magnitude, d = denominator.magnitude
        let whole = magnitude / d, remainder = magnitude % d
        // In 128 bits: remainder * 200 overflows 64 bits for denominators past 2^56.
        var hundredths = UInt64((UInt128(remainder) * 200 + UInt128(d)) / (2 * UInt128(d)))
        var units = UInt128(whole)
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
        if isOutOfRange { return Self.outOfRangeText }
        if denominator == 1 { return String(numerator) }
        return exactDecimal ?? "\(numerator)/\(denominator)"
    }

    /// The exact decimal form when the denominator's only prime factors are 2 and 5; nil otherwise.
    public var exactDecimal: String? {
        if isOutOfRange { return nil }
        if denominator == 1 { return String(numerator) }
        var d = denominator, twos = 0, fives = 0
        while d % 2 == 0 { d /= 2; twos += 1 }
        while d % 5 == 0 { d /= 5; fives += 1 }
        let digits = max(twos, fives)
        guard d == 1, digits <= 18 else { return nil }
        var scale: Int64 = 1
        for _ in 0..<digits { scale *= 10 }
        let (scaled, overflow) = numerator.magnitude.multipliedReportingOverflow(by: UInt64(scale / denominator))
        // Past Int64's magnitude the decimal would not read back (`init?(text:)` scales into an Int64):
        // the fraction form does.
        guard !overflow, scaled <= UInt64(Int64.max) else { return nil }
        let whole = scaled / UInt64(scale)
        let fraction = String(scaled % UInt64(scale))
        let padded = String(repeating: "0", count: digits - fraction.count) + fraction
        return (numerator < 0 ? "-" : "") + "\(whole).\(padded)"
    }

    /// Parses "25", "-1", "0.5", ".25", "1.50", "1/7", "-2/3". Returns nil for anything else
    /// (exponents, spaces inside, a zero denominator, more than 18 decimals, values that do not fit).
    public init?(text: String) {
        let t = text.trimmingCharacters(in: .whitespaces)
        if let slash = t.firstIndex(of: "/") {
            guard let n = Int64(t[..<slash]), let d = Int64(t[t.index(after: slash)...]), d != 0 else { return nil }
            self.init(n, d)
            if isOutOfRange { return nil }
            return
        }
        guard let dot = t.firstIndex(of: ".") else {
            guard let n = Int64(t) else { return nil }
            self.init(n, 1)
            if isOutOfRange { return nil }
            return
        }
        var wholeText = t[..<dot]
        let fractionText = t[t.index(after: dot)...]
        let negative = wholeText.first == "-"
        if negative || wholeText.first == "+" { wholeText = wholeText.dropFirst() }
        guard !fractionText.isEmpty, fractionText.count <= 18,
            fractionText.allSatisfy({ $0.isASCII && $0.isNumber }),
            wholeText.allSatisfy({ $0.isASCII && $0.isNumber }),
            let whole = Int64(wholeText.isEmpty ? "0" : wholeText), let fraction = Int64(fractionText)
        else { return nil }
        var scale: Int64 = 1
        for _ in 0..<fractionText.count { scale *= 10 }
        let (scaledWhole, o1) = whole.multipliedReportingOverflow(by: scale)
        let (magnitude, o2) = scaledWhole.addingReportingOverflow(fraction)
        guard !o1, !o2 else { return nil }
        self.init(negative ? -magnitude : magnitude, scale)
        if isOutOfRange { return nil }
    }
}
