import ArgumentParser
import EventStore
import F1DB
import Foundation
import Paddock

/// `paddock import f1db DIR [--seasons 1950-2026]`: the F1DB tree as events, points left to the rules.
struct ImportF1DBCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "f1db",
        abstract: "Import the F1DB database (YAML tree): reference data, calendars, entries, races, sprints, rules and exceptions.",
        discussion: """
            Everything is read and validated first; then the reference data and each season are appended in one \
            transaction each. Event ids are name-based, so importing the same tree twice appends nothing, and \
            importing into a log written by an earlier version appends only the facts it lacks (circuits, details, \
            aliases, grids, fastest laps, qualifying, pit stops). Rules come from the catalogue shipped with paddock \
            (EventLog/rules/f1/<year>.json in the sources) or --rules DIR. --parity compares the standings after every round \
            with F1DB's standings files and exits non-zero on any mismatch.
            """)
    @OptionGroup var options: DatabaseOptions
    @Argument(help: "The F1DB directory (holding data/).") var directory: String
    @Option(help: "Seasons: 1988, 1950-1959 or 1950-1959,2021 (default: all).") var seasons: String?
    @Option(help: "The directory of the yearly rule files (default: the F1 catalogue shipped with paddock).") var rules: String?
    @Option(
        help:
            "Other databases' ids for drivers, teams and circuits, recorded as aliases (default: the Ergast ids shipped with paddock; skipped when the file is absent)."
    )
    var aliases: String?
    @Flag(help: "After importing, compare every standings table with F1DB's files.") var parity = false
    @Flag(help: "With --parity, print every mismatch (default: the first 200).") var allMismatches = false

    func run() async throws {
        let started = Date()
        let wanted: [Int]?
        let plan: F1DBImporter.Plan
        do {
            wanted = try seasons.map(F1DBSource.parseSeasons)
            let rules = try rules ?? shippedDirectory("rules/f1")
            guard FileManager.default.fileExists(atPath: rules) else { throw F1DBError(file: rules, "no such rules directory") }
            let aliases = try aliases ?? (shippedDirectory("aliases/f1") + "/ergast.json")
            let aliasFile = FileManager.default.fileExists(atPath: aliases) ? URL(fileURLWithPath: aliases) : nil
            plan = try F1DBImporter.plan(
                f1db: URL(fileURLWithPath: directory), rules: URL(fileURLWithPath: rules), seasons: wanted,
                aliases: aliasFile)
        } catch let error as F1DBError {
            throw UserError(error.description)
        }
        let parsed = Date()
        let store = try await options.openStore()
        let projections = ProjectionService(store: store)
        try await projections.catchUp()
        var summary = try await F1DBImporter.append(plan, to: store, context: projections)
        let appended = Date()
        try await F1DBImporter.deriveTitles(plan, projections: projections, store: store, into: &summary)
        try await projections.catchUp()
        try await projections.persist()
        let done = Date()
        func s(_ a: Date, _ b: Date) -> String { String(format: "%.2fs", b.timeIntervalSince(a)) }
        print("f1db: \(summary.seasons) season(s), \(summary.appended) event(s) appended, \(summary.alreadyRecorded) already recorded")
        print("  read+validate \(s(started, parsed)), append \(s(parsed, appended)), projections+titles \(s(appended, done))")
        for title in summary.titlesDerived { print("  title derived from Paddock's own table (F1DB withholds it): \(title)") }
        guard parity else { return }
        let report = try await F1DBParity.check(projections: projections, source: plan.source, seasons: wanted)
        var text = report.text
        if !allMismatches, report.mismatches.count > 200 {
            text =
                report.text.split(separator: "\n").prefix(report.seasons.count + 2 + 200).joined(separator: "\n")
                + "\n  ... (\(report.mismatches.count - 200) more)"
        }
        print(text)
        print("parity: \(s(done, Date()))")
        if !report.mismatches.isEmpty { throw ExitCode(2) }
    }
}
