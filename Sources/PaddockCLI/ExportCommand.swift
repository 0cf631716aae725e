import ArgumentParser
import EventStore
import Foundation
import Paddock

struct ExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "export", abstract: "Write every event's full envelope as NDJSON to standard output.")
    @OptionGroup var options: DatabaseOptions

    func run() async throws {
        let store = try await options.openStore()
        let terminal = TerminalProgress.onTerminal()
        defer { terminal?.finish() }
        let total = terminal == nil ? nil : Int(try await store.headPosition())
        try await NDJSONTransfer.exportBytes(from: store, progress: { count in terminal?.update(events: count, total: total, label: "exporting") }) {
            try RawStandardOutput.write($0)
        }
    }
}
