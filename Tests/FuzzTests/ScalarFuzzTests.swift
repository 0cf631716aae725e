import EventStore
import Foundation
import PaddockFuzzing
import Testing

/// The scalar parsers on mutated texts: points, partial dates, occurredAt and the store clock.
@Suite("Fuzzing: points, dates and instants")
struct ScalarFuzzTests {
    @Test func points() {
        let run = BoundedRun.run(seeds: corpus.points, iterations: iterations(3_000), seed: runSeed(21), scalar: true) {
            input throws(FuzzFinding) in try FuzzTarget.points.check(input)
        }
        expectNoNewFindings(run)
        #expect(run.accepted > corpus.points.count, "\(run.summary)")
        #expect(run.refused > 0, "\(run.summary)")
    }

    @Test func datesAndInstants() {
        let run = BoundedRun.run(seeds: corpus.dates, iterations: iterations(3_000), seed: runSeed(22), scalar: true) {
            input throws(FuzzFinding) in try FuzzTarget.dates.check(input)
        }
        expectNoNewFindings(run)
        #expect(run.accepted > corpus.dates.count, "\(run.summary)")
        #expect(run.refused > 0, "\(run.summary)")
    }

    /// Any instant of years 0...9999, written by the store clock, reads back as itself.
    @Test func storeClockText() throws {
        var random = SplitMix64(seed: runSeed(23))
        let first = -62_167_219_200_000_000 as Int64, last = 253_402_300_799_999_999 as Int64  // 0000-01-01 ... 9999-12-31T23:59:59.999999
        for micros in [first, last, 0, -1, 1, 999, -999, 1_000, -1_001] + (0..<iterations(5_000)).map({ _ in Int64.random(in: first...last, using: &random) }) {
            try FuzzTarget.checkTimestamp(micros: micros)
        }
    }
}
