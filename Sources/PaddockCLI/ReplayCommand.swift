import ArgumentParser
import Chronology
import EventStore
import Foundation
import Paddock
import Projections
import SeasonDomain

struct ReplayCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay", abstract: "Rebuild every projection from the whole log and persist it; prints events/s.")
    @OptionGroup var options: DatabaseOptions

    func run() async throws {
        // Rebuild from the log's first event: the persisted state is neither loaded nor trusted, then replaced.
        let service = ProjectionService(store: try await options.openStore())
        let clock = ContinuousClock()
        let start = clock.now
        let count = try await service.rebuild()
        let elapsed = clock.now - start
        try await service.persist()
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let seasons = await service.index.seasons.count
        var line =
            "replayed \(count) events into \(seasons) season(s) in \(String(format: "%.3f", seconds)) s: \(Int(Double(count) / max(seconds, 1e-9))) events/s"
        if let peak = peakMemoryMiB() { line += "; peak memory \(peak) MiB" }
        print(line)
    }
}

/// Peak resident memory of this process (Linux `VmHWM`), in MiB, when the system tells.
func peakMemoryMiB() -> Int? {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
        let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
        let kib = Int(line.split(separator: " ").dropFirst().first ?? "")
    else { return nil }
    return kib / 1024
}
