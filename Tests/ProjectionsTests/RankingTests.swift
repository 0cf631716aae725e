import Foundation
import PaddockTestSupport
import Testing

@testable import Projections

@Suite("Ranking")
struct RankingTests {
    /// The countback visits only the places someone holds: the same verdict as a table of every
    /// place from 1st to the worst, without allocating by the value of a position.
    @Test func sparseCountbackEqualsTheDenseOne() {
        var random = SeededRandom(seed: 7)
        for _ in 0..<2_000 {
            func tally() -> [Int: Int] {
                var t: [Int: Int] = [:]
                for _ in 0..<Int.random(in: 0...4, using: &random) { t[Int.random(in: 1...6, using: &random), default: 0] += 1 }
                return t
            }
            let a = tally(), b = tally()
            let dense: (order: Int, place: Int)? = (1...6).lazy.compactMap { p -> (Int, Int)? in
                let (ca, cb) = (a[p] ?? 0, b[p] ?? 0)
                return ca == cb ? nil : (ca > cb ? -1 : 1, p)
            }.first
            let sparse = Ranking.countback(a, b)
            #expect(sparse?.order == dense?.order)
            #expect(sparse?.place == dense?.place)
        }
        #expect(Ranking.countback([9_999: 1], [:])?.place == 9_999)
    }
}
