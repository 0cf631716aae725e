import F1DB
import Foundation
import PaddockFuzzing
import PaddockTestSupport
import Testing

/// The F1DB importer on mutated YAML: a small tree (one season and what it names) in a scratch
/// directory; a bad file gives an error naming it, never a crash.
@Suite("Fuzzing: the F1DB importer (needs ../shared/f1db beside the project)", .serialized, .needsF1DB)
struct F1DBFuzzTests {
    @Test func mutatedYAML() throws {
        let scratch = try TemporaryDirectory("f1db-fuzz")
        defer { withExtendedLifetime(scratch) {} }  // the tree writes into it until the test ends
        let tree = try F1DBFuzzTree(f1db: f1dbRoot, rules: TestEnvironment.f1Rules, season: 1950, scratch: scratch.url)
        try tree.planOriginal()
        #expect(tree.files.contains("seasons/1950/entrants.yml"))
        let seeds = tree.files.map { Array(($0 + "\n").utf8) + tree.original($0) }
        var mutator = Mutator(seed: runSeed(31))
        var run = BoundedRun()
        for _ in 0..<iterations(15) {
            let file = tree.files[Int.random(in: 0..<tree.files.count, using: &mutator.random)]
            let contents = mutator.mutate(tree.original(file), donor: seeds.randomElement(using: &mutator.random))
            run.executions += 1
            do {
                switch try tree.check(file: file, contents: contents) {
                case .accepted: run.accepted += 1
                case .refused: run.refused += 1
                }
            } catch {
                run.findings.append(error)
            }
        }
        expectNoNewFindings(run)
        #expect(run.refused > 0, "\(run.summary)")
    }
}
