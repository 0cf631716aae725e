import ArgumentParser
import Foundation
import PaddockServer

/// `paddock serve`: the HTTP service (see `/openapi.json` once it runs).
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the HTTP service: read any cut, record with bearer tokens, follow the log live (SSE).",
        discussion: "On an empty log the demo seasons are loaded first. Create tokens with 'paddock token create'.")
    @OptionGroup var options: DatabaseOptions
    @Option(help: "Address to listen on.") var host = "127.0.0.1"
    @Option(help: "Port to listen on.") var port = 8080
    @Option(help: "Demo logs loaded into an empty log (skipped with a warning when absent).") var demoDir = "EventLog/demo"

    func validate() throws {
        guard (0...65535).contains(port) else { throw UserError("--port must be 0 to 65535") }
    }

    func run() async throws {
        // Checkpoints beside the appends: no recorded result waits for the WAL to be copied back.
        let store = try await options.openStore(checkpointing: .background(every: .seconds(1)))
        try await PaddockServer.serve(store: store, settings: .init(host: host, port: port), demoDirectory: demoDir,
                                      databasePath: options.path)
    }
}
