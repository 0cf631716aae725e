import Foundation

/// One target with what it needs (seeds; for `f1db`, a scratch tree), for the libFuzzer driver and
/// the reproducer: configured from the environment the `Tools/fuzz` script sets.
///
/// - `PADDOCK_ROOT`: the package's root (demo log, rule files);
/// - `PADDOCK_F1DB`: the F1DB snapshot (default: `../shared/f1db` beside the root);
/// - `PADDOCK_FUZZ_SEASON`: the F1DB season of the `f1db` target's tree (default 1950).
///
/// ```swift
/// let session = try FuzzSession(target: .points, environment: ProcessInfo.processInfo.environment)
/// try session.check(Array("1/7".utf8))
/// ```
public final class FuzzSession: @unchecked Sendable {
    public let target: FuzzTarget
    public let seeds: [[UInt8]]
    public let tree: F1DBFuzzTree?

    public init(target: FuzzTarget, environment: [String: String]) throws {
        self.target = target
        let root = URL(fileURLWithPath: environment["PADDOCK_ROOT"] ?? FileManager.default.currentDirectoryPath)
        if target == .f1db {
            let f1db =
                environment["PADDOCK_F1DB"].map(URL.init(fileURLWithPath:))
                ?? root.deletingLastPathComponent().appendingPathComponent("shared/f1db")
            let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("paddock-fuzz-f1db-\(getpid())")
            let tree = try F1DBFuzzTree(
                f1db: f1db, rules: root.appendingPathComponent("EventLog/rules/f1"),
                season: Int(environment["PADDOCK_FUZZ_SEASON"] ?? "") ?? 1950, scratch: scratch)
            try tree.planOriginal()
            self.tree = tree
            seeds = tree.files.map { Array(($0 + "\n").utf8) + tree.original($0) }
        } else {
            tree = nil
            seeds = try FuzzCorpus(repository: root).seeds(target)
        }
    }

    /// Whether the target's inputs are short texts (mutated character by character).
    public var isScalar: Bool { target == .points || target == .dates }

    @discardableResult
    public func check(_ input: [UInt8]) throws(FuzzFinding) -> FuzzOutcome {
        if let tree { return try tree.check(input) }
        return try target.check(input)
    }

    /// Writes the seeds as files `seed-0001`… into `directory` (libFuzzer's corpus layout).
    public func writeSeeds(to directory: URL) throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        for (index, seed) in seeds.enumerated() {
            try Data(seed).write(to: directory.appendingPathComponent(String(format: "seed-%04d", index + 1)))
        }
    }

    /// A structure-aware mutation of `input` for libFuzzer's custom mutator hook.
    public func mutate(_ input: [UInt8], seed: UInt32, maxSize: Int) -> [UInt8] {
        var mutator = Mutator(seed: UInt64(seed) &* 0x2545_F491_4F6C_DD1D)
        let donor = seeds.isEmpty ? nil : seeds[Int(seed) % seeds.count]
        if isScalar { return Array(mutator.mutateScalar(input, donor: donor).prefix(maxSize)) }
        // Keep the first line (a type name or a file of the tree) most of the time.
        if target == .payload || target == .f1db, let newline = input.firstIndex(of: UInt8(ascii: "\n")), seed % 8 != 0 {
            let head = Array(input[...newline])
            let body = mutator.mutate(
                Array(input[(newline + 1)...]), donor: donor.map { splitFirstLine($0)?.rest ?? $0 },
                maxSize: max(0, maxSize - head.count))
            return head + body
        }
        return mutator.mutate(input, donor: donor, maxSize: maxSize)
    }
}
