import Foundation
import PaddockTestSupport
import Testing

@testable import SeasonDomain

/// Points arithmetic never traps: a result 64-bit fractions cannot hold is `outOfRange`, and it stays so.
@Suite("Points beyond 64 bits")
struct PointsOverflowTests {
    @Test func edgesThatTrappedBefore() {
        #expect(Points(1, Int64.min).isOutOfRange)
        #expect(Points(Int64.min, 1).isOutOfRange)
        #expect(Points(Int64.min, 2) == Points(Int64.min / 2))  // reduces to something that fits
        #expect(Points(1, 0).isOutOfRange)
        #expect((Points(Int64.max) + 1).isOutOfRange)
        #expect((Points(Int64.max) * 2).isOutOfRange)
        #expect((Points(1, Int64.max) + Points(1, Int64.max - 1)).isOutOfRange)
        #expect((Points(5) / 0).isOutOfRange)
        #expect(Points(text: "1/-9223372036854775808") == nil)
        #expect(Points(text: "-9223372036854775808") == nil)
        #expect(Points(text: "-9223372036854775807") == Points(-Int64.max))
    }

    @Test func outOfRangeIsStickyAndSortsLast() {
        let bad = Points.outOfRange
        #expect((bad * 0).isOutOfRange)
        #expect((bad + 1).isOutOfRange)
        #expect((Points(1) - bad).isOutOfRange)
        #expect((-bad).isOutOfRange)
        #expect(Points.sum([1, bad, -1]).isOutOfRange)
        #expect(Points(Int64.max) < bad)
        #expect(!(bad < Points(Int64.max)))
        #expect(!(bad < bad))
        #expect([bad, 3, 1].sorted() == [1, 3, bad])
        #expect(bad.formatted == "out of range")
        #expect(bad.exactDecimal == nil)
        #expect(!bad.isZero)
    }

    @Test func formattingHugeDenominatorsDoesNotTrap() {
        #expect(Points(1, Int64.max).formatted == "0")
        #expect(Points(Int64.max - 1, Int64.max).formatted == "1")
        #expect(Points(-(Int64.max - 1), Int64.max).formatted == "-1")
        #expect(Points(Int64.max, 3).formatted == "3074457345618258602.33")
    }

    /// The operators against exact 128-bit rational arithmetic: equal whenever the exact result fits
    /// 64-bit parts, `outOfRange` exactly when it does not.
    @Test func operatorsAgreeWithExactArithmetic() {
        var random = SeededRandom(seed: 0x5EED_16)
        for _ in 0..<20_000 {
            let a = randomPoints(&random), b = randomPoints(&random)
            check(a + b, exact(a, b, .add), "\(a.exactText) + \(b.exactText)")
            check(a - b, exact(a, b, .subtract), "\(a.exactText) - \(b.exactText)")
            check(a * b, exact(a, b, .multiply), "\(a.exactText) * \(b.exactText)")
            let order = Int128(a.numerator) * Int128(b.denominator) < Int128(b.numerator) * Int128(a.denominator)
            #expect((a < b) == order)
        }
    }

    enum Op { case add, subtract, multiply }

    /// Parts below 2^63 give products below 2^126: exact in 128 bits.
    func exact(_ a: Points, _ b: Points, _ op: Op) -> (Int128, Int128) {
        let (an, ad, bn, bd) = (Int128(a.numerator), Int128(a.denominator), Int128(b.numerator), Int128(b.denominator))
        switch op {
        case .add: return normalized(an * bd + bn * ad, ad * bd)
        case .subtract: return normalized(an * bd - bn * ad, ad * bd)
        case .multiply: return normalized(an * bn, ad * bd)
        }
    }

    func normalized(_ n: Int128, _ d: Int128) -> (Int128, Int128) {
        var (x, y) = (n.magnitude, d.magnitude)
        while y != 0 { (x, y) = (y, x % y) }
        let g = Int128(x == 0 ? 1 : x)
        return (n / g, d / g)
    }

    func check(_ result: Points, _ reference: (Int128, Int128), _ what: String) {
        let fits = reference.0.magnitude <= UInt128(Int64.max) && reference.1 <= Int128(Int64.max)
        if fits {
            #expect(!result.isOutOfRange, "\(what)")
            #expect(Int128(result.numerator) == reference.0, "\(what)")
            #expect(Int128(result.denominator) == reference.1, "\(what)")
        } else {
            #expect(result.isOutOfRange, "\(what) should not fit")
        }
    }

    /// Parts from tiny to near 2^62, so that some results fit and some do not.
    func randomPoints(_ random: inout SeededRandom) -> Points {
        let bits = Int.random(in: 1...62, using: &random)
        let n = Int64.random(in: -(Int64(1) << bits)...(Int64(1) << bits), using: &random)
        let d = Int64.random(in: 1...(Int64(1) << Int.random(in: 1...62, using: &random)), using: &random)
        return Points(n, d)
    }
}
