import EventStore
import Foundation

/// Loads the demo seasons that ship in `EventLog/demo/`: every `*.ndjson` file, in name order,
/// each file all or nothing. Event ids are fixed, so loading twice appends nothing new.
///
/// ```swift
/// let summary = try await DemoLoader.load(from: URL(fileURLWithPath: "EventLog/demo"), into: store)
/// ```
public enum DemoLoader {
    public static func load(
        from directory: URL, into store: any EventStore, actor: String = "demo",
        context: (any RecordingContext)? = nil
    ) async throws -> NDJSONAppender.Summary {
        let files = try FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "ndjson" }.sorted { $0.lastPathComponent < $1.lastPathComponent }
        guard !files.isEmpty else { throw LineError(line: 0, reason: "no .ndjson files in \(directory.path)") }
        var total = NDJSONAppender.Summary()
        for file in files {
            let text = try String(contentsOf: file, encoding: .utf8)
            do {
                // Each file sees the files before it: a fresh context per file when none is shared.
                let summary = try await NDJSONAppender(store: store, context: context).append(contentsOf: text, actor: actor)
                total.appended += summary.appended
                total.alreadyRecorded += summary.alreadyRecorded
                total.lastPosition = summary.lastPosition ?? total.lastPosition
            } catch let error as LineError {
                throw LineError(line: error.line, reason: "\(file.lastPathComponent): \(error.reason)")
            }
        }
        return total
    }
}
