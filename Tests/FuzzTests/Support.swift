import Foundation
import PaddockFuzzing
import PaddockTestSupport
import Testing

let packageRoot = TestEnvironment.packageRoot
/// The F1DB snapshot beside the project (`../shared/f1db`), as on every developer's machine and in CI.
let f1dbRoot = TestEnvironment.f1db

/// The demo log, the rule files and the built-in payloads, read once.
let corpus: FuzzCorpus = {
    do { return try FuzzCorpus(repository: packageRoot) } catch { fatalError("the fuzz corpus cannot be read: \(error)") }
}()

/// Iterations of a bounded run, times `PADDOCK_FUZZ_SCALE` (default 1: a few seconds for every suite in a debug build).
func iterations(_ base: Int) -> Int {
    base * max(1, Int(ProcessInfo.processInfo.environment["PADDOCK_FUZZ_SCALE"] ?? "") ?? 1)
}

/// A different seed per suite, fixed so that a failure reproduces (`PADDOCK_FUZZ_SEED` picks another run).
func runSeed(_ base: UInt64) -> UInt64 {
    base &+ (UInt64(ProcessInfo.processInfo.environment["PADDOCK_FUZZ_SEED"] ?? "") ?? 0)
}

/// No finding: every input was accepted or refused as the targets' properties demand.
func expectNoNewFindings(_ run: BoundedRun, sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(run.findings.isEmpty, "\(run.summary)", sourceLocation: sourceLocation)
}
