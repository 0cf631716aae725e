import ArgumentParser
import EventStore
import Foundation
import Paddock

struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import", abstract: "Import data into the log.", subcommands: [ImportEventsCommand.self, ImportF1DBCommand.self])
}
