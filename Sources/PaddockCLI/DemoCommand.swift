import ArgumentParser
import Foundation
import Paddock

struct Demo: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Load the demo seasons (EventLog/demo/*.ndjson, from the seed articles) into the log; loading twice adds nothing.")
    @OptionGroup var options: DatabaseOptions
    @Option(help: "Directory of the demo logs.") var dir = "EventLog/demo"

    func run() async throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: dir, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw UserError("no demo directory at '\(dir)': run from the project's root or pass --dir")
        }
        let summary = try await DemoLoader.load(from: URL(fileURLWithPath: dir), into: await options.openStore())
        print("demo loaded into \(options.path): \(summary.appended) event(s) appended, \(summary.alreadyRecorded) already there")
    }
}
