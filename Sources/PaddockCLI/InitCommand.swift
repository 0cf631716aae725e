import ArgumentParser
import EventStore
import Foundation
import Paddock

struct InitCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "init", abstract: "Create (or migrate) the event log.")
    @OptionGroup var options: DatabaseOptions

    func run() async throws {
        let store = try await options.openStore()
        print("event log ready at \(options.path) (\(try await store.headPosition()) events)")
    }
}
