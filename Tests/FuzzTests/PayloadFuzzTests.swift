import Foundation
import PaddockFuzzing
@_spi(DecodingPaths) import SeasonDomain
import Testing

/// Every payload decoder on mutated real payloads: the fast path against JSONDecoder (both accept
/// and agree, or both refuse), seasonFacts against the decoded event, and what is accepted reads
/// back equal from its canonical form.
@Suite("Fuzzing: payloads")
struct PayloadFuzzTests {
    @Test func everyEventTypeHasAnAcceptedSeed() throws {
        let seeded = Set(FuzzCorpus.everyType.map(\.type))
        #expect(seeded == Set(EventCatalogue.eventTypes))
        for (type, payload) in FuzzCorpus.everyType {
            #expect(throws: Never.self, "\(type)") {
                try EventCatalogue.decodeStrict(type: type, schemaVersion: 1, payload: Data(payload.utf8))
            }
        }
    }

    @Test func theSeedsHoldEveryProperty() {
        let run = BoundedRun.run(seeds: corpus.payloads, iterations: 0, seed: 0) { input throws(FuzzFinding) in
            try FuzzTarget.payload.check(input)
        }
        expectNoNewFindings(run)
        #expect(run.accepted == corpus.payloads.count, "\(run.summary)")
    }

    /// Each type's seeds get their own mutants, so that the types with few seeds are fuzzed too.
    @Test(arguments: EventCatalogue.eventTypes)
    func mutatedPayloads(_ type: String) {
        let seeds = corpus.payloads.filter { $0.starts(with: Array("\(type)\n".utf8)) }
        let count = EventCatalogue.hasFastReader(type) ? 120 : 40
        let run = BoundedRun.run(seeds: seeds, iterations: iterations(count), seed: runSeed(type.utf8.reduce(7919) { $0 &* 31 &+ UInt64($1) })) {
            input throws(FuzzFinding) in try FuzzTarget.payload.check(input)
        }
        expectNoNewFindings(run)
        // The mutants reach both sides: some are still accepted, some refused.
        #expect(run.accepted > seeds.count, "\(run.summary)")
        #expect(run.refused > 0, "\(run.summary)")
    }
}
