import EventStore
import Foundation

/// Appends NDJSON input lines through the ``Recorder``: every line is authorized, parsed, validated
/// and checked against its season first, then all of them are appended in one transaction. One bad
/// line, or one version conflict, and nothing is appended.
///
/// ```swift
/// let summary = try await NDJSONAppender(store: store).append(contentsOf: text, actor: "desk")
/// print("appended \(summary.appended), already recorded \(summary.alreadyRecorded)")
/// ```
public struct NDJSONAppender: Sendable {
    public let store: any EventStore
    /// What the season checks read; nil: the projections of `store`, caught up when first needed.
    public let context: (any RecordingContext)?

    public init(store: any EventStore, context: (any RecordingContext)? = nil) {
        self.store = store
        self.context = context
    }

    public struct Summary: Sendable, Equatable {
        public var appended = 0
        public var alreadyRecorded = 0
        public var lastPosition: Int64?

        public init() {}

        /// Counts what a set of append results did.
        public mutating func add(_ results: [AppendResult]) {
            for result in results {
                if result.alreadyRecorded { alreadyRecorded += result.events.count } else { appended += result.events.count }
                lastPosition = max(lastPosition ?? 0, result.events.last?.position ?? 0)
            }
        }
    }

    /// The actor of lines that name none, when the caller gives none either.
    public static let defaultActor = "ndjson-append"

    /// Records `text` by `author` (default: the file's owner, as `actor`).
    @discardableResult
    public func append(contentsOf text: String, actor: String? = nil, author: Author? = nil) async throws -> Summary {
        let texts = Self.lines(text)
        guard !texts.isEmpty else { throw LineError(line: 1, reason: "no events: the input is empty") }
        let context = try await resolvedContext()
        let recorder = Recorder(store: store, context: context)
        var lines: [InputLine] = []
        let who = author ?? .fileOwner(actor ?? Self.defaultActor)
        for (number, line) in texts {
            lines.append(try recorder.parseAuthorized(line, line: number, by: who))
        }
        let admitted = try await recorder.check(lines, by: who)
        var summary = Summary()
        let results: [AppendResult]
        do {
            results = try await recorder.append(admitted)
        } catch let failure as AppendFailure {
            throw LineError(line: failure.line, reason: failure.error.description)
        }
        summary.add(results)
        try await context.include(appended: results.flatMap(\.events))
        return summary
    }

    /// The non-blank lines of `text`, trimmed, with their 1-based numbers.
    static func lines(_ text: String) -> [(number: Int, text: String)] {
        var out: [(Int, String)] = []
        var number = 0
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            number += 1
            let trimmed = line.trimmingCharacters(in: .whitespacesAndNewlines)
            if !trimmed.isEmpty { out.append((number, trimmed)) }
        }
        return out
    }

    /// Parses every non-blank line; the first bad one is reported with its number.
    public static func parse(_ text: String, actor: String?) throws(LineError) -> [InputLine] {
        var parsed: [InputLine] = []
        for (number, line) in lines(text) { parsed.append(try InputLine.parse(line, line: number, defaultActor: actor)) }
        return parsed
    }

    private func resolvedContext() async throws -> any RecordingContext {
        if let context { return context }
        let projections = ProjectionService(store: store)
        try await projections.catchUp()
        return projections
    }
}
