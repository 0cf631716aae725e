import EventStore
import Foundation

/// Appends NDJSON input lines: every line is parsed and validated first, then all of them are
/// appended in one transaction. One bad line, or one version conflict, and nothing is appended.
///
/// ```swift
/// let summary = try await NDJSONAppender(store: store).append(contentsOf: text, actor: "desk")
/// print("appended \(summary.appended), already recorded \(summary.alreadyRecorded)")
/// ```
public struct NDJSONAppender: Sendable {
    public let store: any EventStore

    public init(store: any EventStore) { self.store = store }

    public struct Summary: Sendable, Equatable {
        public var appended = 0
        public var alreadyRecorded = 0
        public var lastPosition: Int64?
    }

    @discardableResult
    public func append(contentsOf text: String, actor: String? = nil) async throws -> Summary {
        let lines = try Self.parse(text, actor: actor)
        guard !lines.isEmpty else { throw LineError(line: 1, reason: "no events: the input is empty") }
        let (batches, firstLines) = Self.batches(lines)
        let results: [AppendResult]
        do {
            results = try await store.append(batches)
        } catch EventStoreError.inBatch(let index, let error) {
            throw LineError(line: firstLines[index], reason: error.description)
        }
        var summary = Summary()
        for result in results {
            if result.alreadyRecorded { summary.alreadyRecorded += result.events.count } else { summary.appended += result.events.count }
            summary.lastPosition = max(summary.lastPosition ?? 0, result.events.last?.position ?? 0)
        }
        return summary
    }

    /// Parses every non-blank line; the first bad one is reported with its number.
    public static func parse(_ text: String, actor: String?) throws(LineError) -> [InputLine] {
        var parsed: [InputLine] = []
        var number = 0
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            number += 1
            let trimmed = line.trimmingCharacters(in: .whitespacesAndNewlines)
            if trimmed.isEmpty { continue }
            parsed.append(try InputLine.parse(trimmed, line: number, defaultActor: actor))
        }
        return parsed
    }

    /// Consecutive lines of one stream form one batch, unless a line states its own expected version.
    static func batches(_ lines: [InputLine]) -> ([AppendBatch], [Int]) {
        var batches: [AppendBatch] = []
        var firstLines: [Int] = []
        for line in lines {
            if line.expected == nil, let last = batches.indices.last, batches[last].stream == line.stream {
                batches[last].events.append(line.event)
            } else {
                batches.append(AppendBatch(stream: line.stream, expected: line.expected ?? .any, events: [line.event]))
                firstLines.append(line.line)
            }
        }
        return (batches, firstLines)
    }
}
