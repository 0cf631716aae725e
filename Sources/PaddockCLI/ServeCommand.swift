import ArgumentParser
import Foundation
import PaddockServer

/// `paddock serve`: the HTTP service (see `/openapi.json` once it runs).
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the HTTP service: read any cut, record with bearer tokens, follow the log live (SSE).",
        discussion: "With --demo, an empty log gets the demo seasons first. Create tokens with 'paddock token create'.")
    @OptionGroup var options: DatabaseOptions
    @Option(help: "Address to listen on.") var host = "127.0.0.1"
    @Option(help: "Port to listen on.") var port = 8080
    @Flag(help: "Load the demo seasons when the log is empty.") var demo = false
    @Option(help: "Where the demo logs are (with --demo; default: the ones shipped with paddock).") var demoDir: String?

    func validate() throws {
        guard (0...65535).contains(port) else { throw UserError("--port must be 0 to 65535") }
    }

    func run() async throws {
        // Checkpoints beside the appends: no recorded result waits for the WAL to be copied back.
        let store = try options.openStore(checkpointing: .background(every: .seconds(1)))
        try await PaddockServer.serve(store: store, settings: .init(host: host, port: port), demoDirectory: demo ? try demoDir ?? shippedDirectory("demo") : nil,
                                      databasePath: options.path)
    }
}
