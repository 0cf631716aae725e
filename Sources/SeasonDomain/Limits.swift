/// The documented range of every number a payload carries, and of ids and texts.
///
/// Validation refuses anything outside these ranges with an error naming the field's path, so no
/// recorded value can make a projection trap or allocate by its size: positions and rounds are
/// small integers, points and factors have bounded numerators and denominators, and penalties
/// cannot push a position past ``position``'s upper bound twice over. Points arithmetic is still
/// checked (``Points/outOfRange``): bounded values can be combined into fractions that do not fit.
///
/// | value | range |
/// |---|---|
/// | season | 1900...2100 |
/// | round, `fromRound`, `afterRound`, `excludedRounds`, entry `rounds` | 1...999 |
/// | session or stage `number` | 1...999 |
/// | classified or published `position`, `onlyIfClassifiedWithin` | 1...9,999 |
/// | rows of a classification or a published table, places of a points scale | 1...9,999 |
/// | `sharedWith` (other drivers of one car) | 0...19 |
/// | `laps`, retirement `lap` | 0...99,999 |
/// | penalty `positions` | 1...999 |
/// | penalty `seconds` | more than 0, at most 86,400, finite |
/// | points (scale places, bonuses, penalties, adjustments, published) | magnitude at most 100,000; denominator at most 10,000 |
/// | `factor` (multipliers, decisions) | more than 0, at most 100; denominator at most 10,000 |
/// | distance fractions (`completedDistance`, `minimumDistance`, `whenCompletedDistanceBelow`) | 0...1; denominator at most 10,000 |
/// | counting (`count`, `firstRounds`, `bestOfFirst`, `bestOfRest`) | 1...999 |
/// | teams' `bestCars` count | 1...99 |
/// | `schemaVersion` | 1...999 |
/// | ids | ``Validator/isID(_:)``: 1 to 100 of `a-z 0-9 - _ .`, starting with a letter or digit |
/// | texts (names, reasons, notes) | 1 to 20,000 UTF-8 bytes, no control characters but tab and line breaks |
public enum Limits {
    public static let season = 1900...2100
    public static let round = 1...999
    public static let sessionNumber = 1...999
    public static let position = 1...9_999
    public static let rows = 1...9_999
    public static let sharedWith = 0...19
    public static let laps = 0...99_999
    public static let penaltyPositions = 1...999
    public static let penaltySeconds = 86_400.0
    public static let pointsMagnitude: Int64 = 100_000
    public static let denominator: Int64 = 10_000
    public static let factorMaximum: Int64 = 100
    public static let countingRounds = 1...999
    public static let bestCars = 1...99
    public static let schemaVersion = 1...999
    public static let idLength = 1...100
    public static let textBytes = 20_000
}

// MARK: - Checks

extension Validator {
    /// An integer inside `range`.
    public mutating func range(_ value: Int?, _ range: ClosedRange<Int>, _ path: @autoclosure () -> String) {
        guard failure == nil, let value else { return }
        require(range.contains(value), path(), "must be \(Self.describe(range)), found \(value)")
    }

    /// Points as a payload may record them: magnitude and denominator within ``Limits``; negative
    /// only when `allowNegative` (a delta adjustment).
    public mutating func points(_ value: Points?, _ path: @autoclosure () -> String, allowNegative: Bool = false) {
        guard failure == nil, let value else { return }
        let bound = Points(Limits.pointsMagnitude)
        require(
            !value.isOutOfRange && value.denominator <= Limits.denominator, path(),
            "must be points with a denominator of at most \(Limits.denominator), found \(value.exactText)")
        require(allowNegative || value >= .zero, path(), "must not be negative, found \(value.exactText)")
        require(value <= bound && value >= -bound, path(), "must be at most \(Limits.pointsMagnitude) in magnitude, found \(value.exactText)")
    }

    /// A points factor: more than 0, at most ``Limits/factorMaximum``.
    public mutating func factor(_ value: Points?, _ path: @autoclosure () -> String) {
        guard failure == nil, let value else { return }
        require(
            !value.isOutOfRange && value.denominator <= Limits.denominator && value > .zero && value <= Points(Limits.factorMaximum),
            path(), "must be a factor greater than 0 and at most \(Limits.factorMaximum) (denominator at most \(Limits.denominator)), found \(value.exactText)")
    }

    /// A fraction of a distance: 0...1 (`lowerExclusive`: more than 0).
    public mutating func fraction(_ value: Points?, _ path: @autoclosure () -> String, lowerExclusive: Bool = false) {
        guard failure == nil, let value else { return }
        let low = lowerExclusive ? value > .zero : value >= .zero
        require(
            !value.isOutOfRange && value.denominator <= Limits.denominator && low && value <= 1, path(),
            "must be a fraction \(lowerExclusive ? "greater than 0" : "from 0") and at most 1 (denominator at most \(Limits.denominator)), found \(value.exactText)"
        )
    }

    /// A count of elements within `range`.
    public mutating func count(_ count: Int, _ range: ClosedRange<Int>, _ path: @autoclosure () -> String, _ what: String) {
        guard failure == nil else { return }
        require(range.contains(count), path(), "must list \(Self.describe(range)) \(what), found \(count)")
    }

    static func describe(_ range: ClosedRange<Int>) -> String {
        "from \(range.lowerBound.formatted(grouped: true)) to \(range.upperBound.formatted(grouped: true))"
    }
}

extension Int {
    /// `9999` as "9,999": readable limits in messages, the same in every locale.
    func formatted(grouped: Bool) -> String {
        let digits = String(magnitude)
        guard grouped, digits.count > 4 else { return self < 0 ? "-" + digits : digits }
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0, (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return self < 0 ? "-" + out : out
    }
}
