import ArgumentParser
import Foundation
import Paddock
import PaddockData

struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Load the demo seasons (shipped with paddock, from the seed articles) into the log; loading twice adds nothing.")
    @OptionGroup var options: DatabaseOptions
    @Option(help: "Directory of the demo logs (default: the ones shipped with paddock).") var dir: String?

    func run() async throws {
        let dir = try dir ?? shippedDirectory("demo")
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: dir, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw UserError("no demo directory at '\(dir)'")
        }
        let summary = try await DemoLoader.load(from: URL(fileURLWithPath: dir), into: await options.openStore())
        print("demo loaded into \(options.path): \(summary.appended) event(s) appended, \(summary.alreadyRecorded) already there")
    }
}

/// A directory shipped with paddock (``PaddockData``), as a path; a user error when it is missing.
func shippedDirectory(_ relative: String) throws -> String {
    do { return try PaddockData.directory(relative).path } catch let error as PaddockData.MissingData { throw UserError(error.description) }
}
