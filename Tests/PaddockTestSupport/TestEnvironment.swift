import Foundation
import Testing

/// Where the tests find what lives outside the test targets, and what the environment asks of them.
///
/// ```swift
/// let plan = try F1DBImporter.plan(f1db: TestEnvironment.f1db, rules: TestEnvironment.f1Rules, seasons: [1988])
/// ```
public enum TestEnvironment {
    /// The package's root directory (the one holding Package.swift).
    public static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    /// The demo seasons shipped with the binary (`EventLog/demo`).
    public static let demoDirectory = packageRoot.appendingPathComponent("EventLog/demo")
    /// The F1 rules catalogue (`EventLog/rules/f1`).
    public static let f1Rules = packageRoot.appendingPathComponent("EventLog/rules/f1")
    /// The F1DB snapshot: `PADDOCK_F1DB` when set (as for Tools/fuzz), else `../shared/f1db` beside the
    /// project, as on every developer's machine and in CI.
    public static let f1db: URL = {
        if let path = ProcessInfo.processInfo.environment["PADDOCK_F1DB"], !path.isEmpty { return URL(fileURLWithPath: path) }
        return packageRoot.deletingLastPathComponent().appendingPathComponent("shared/f1db")
    }()

    /// Whether the F1DB snapshot is there; without it the suites that read it are skipped (``needsF1DB``).
    public static var hasF1DB: Bool { FileManager.default.fileExists(atPath: f1db.appendingPathComponent("data").path) }

    /// Under CI (`CI=true`, as `.ci/run` sets it) what a developer's machine may skip must run:
    /// PostgreSQL and F1DB cases fail instead of being skipped.
    public static var underCI: Bool { ["true", "1"].contains(ProcessInfo.processInfo.environment["CI"]?.lowercased() ?? "") }

    /// The variable naming the PostgreSQL server the PostgreSQL cases run against.
    public static let postgresVariable = "PADDOCK_TEST_POSTGRES"
    /// Its value, when set and not empty (`Tools/postgres-cluster start` prints one).
    public static var postgresURL: String? {
        ProcessInfo.processInfo.environment[postgresVariable].flatMap { $0.isEmpty ? nil : $0 }
    }
}

extension Trait where Self == ConditionTrait {
    /// Skips a suite or test that reads F1DB when `../shared/f1db` is absent, saying which folder is
    /// missing. Under CI the F1DB availability test fails instead (F1DBTests).
    ///
    /// ```swift
    /// @Suite("F1 comparisons", .needsF1DB) struct F1DBComparisonTests { … }
    /// ```
    public static var needsF1DB: Self {
        .enabled(if: TestEnvironment.hasF1DB, "\(TestEnvironment.f1db.path) is missing: the F1DB cases are skipped (clone F1DB there to run them)")
    }
}
