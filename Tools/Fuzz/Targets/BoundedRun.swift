/// A bounded, reproducible fuzz run: each iteration mutates a seed (with another seed as a donor)
/// and checks the result. Same seed, same inputs.
///
/// ```swift
/// let run = BoundedRun.run(seeds: corpus.seeds(.points), iterations: 2_000, seed: 1) { try FuzzTarget.points.check($0) }
/// #expect(run.findings.isEmpty)
/// ```
public struct BoundedRun: Sendable {
    public var executions = 0
    public var accepted = 0
    public var refused = 0
    /// The first findings (at most `keep`), each with its input.
    public var findings: [FuzzFinding] = []

    public init() {}

    /// Runs the unmutated seeds first, then `iterations` mutants. `scalar` mutates short texts
    /// character by character instead of as JSON.
    public static func run(
        seeds: [[UInt8]], iterations: Int, seed: UInt64, scalar: Bool = false, keep: Int = 5,
        check: ([UInt8]) throws(FuzzFinding) -> FuzzOutcome
    ) -> BoundedRun {
        var result = BoundedRun()
        var mutator = Mutator(seed: seed)
        func one(_ input: [UInt8]) {
            result.executions += 1
            do {
                switch try check(input) {
                case .accepted: result.accepted += 1
                case .refused: result.refused += 1
                }
            } catch {
                if result.findings.count < keep { result.findings.append(error) }
            }
        }
        for input in seeds { one(input) }
        guard !seeds.isEmpty else { return result }
        for _ in 0..<iterations {
            let base = seeds[Int.random(in: 0..<seeds.count, using: &mutator.random)]
            let donor = seeds[Int.random(in: 0..<seeds.count, using: &mutator.random)]
            one(scalar ? mutator.mutateScalar(base, donor: donor) : mutator.mutate(base, donor: donor))
        }
        return result
    }

    public var summary: String {
        "\(executions) executions: \(accepted) accepted, \(refused) refused, \(findings.count) findings"
            + findings.map { "\n  " + $0.description }.joined()
    }
}
