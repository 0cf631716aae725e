import Foundation
import PaddockFuzzing
import Testing

/// The NDJSON line parsers on mutated demo lines: `InputLine.parse` (append) and `EnvelopeLine.decode` (import).
@Suite("Fuzzing: NDJSON lines")
struct LineFuzzTests {
    @Test func inputLines() {
        let run = BoundedRun.run(seeds: corpus.lines, iterations: iterations(500), seed: runSeed(11)) { input throws(FuzzFinding) in
            try FuzzTarget.line.check(input)
        }
        expectNoNewFindings(run)
        #expect(run.accepted > corpus.lines.count, "\(run.summary)")
        #expect(run.refused > 0, "\(run.summary)")
    }

    @Test func envelopeLines() {
        let run = BoundedRun.run(seeds: corpus.envelopes, iterations: iterations(500), seed: runSeed(12)) { input throws(FuzzFinding) in
            try FuzzTarget.envelope.check(input)
        }
        expectNoNewFindings(run)
        #expect(run.accepted > corpus.envelopes.count, "\(run.summary)")
        #expect(run.refused > 0, "\(run.summary)")
    }
}
