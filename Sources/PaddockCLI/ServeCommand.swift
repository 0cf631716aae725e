import ArgumentParser
import Credentials
import EventStore
import Foundation
import PaddockServer

/// `paddock serve`: the HTTP service (see `/openapi.json` once it runs).
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the HTTP service: read any cut, record with bearer tokens, follow the log live (SSE).",
        discussion: "With --demo, an empty log gets the demo seasons first. Create tokens with 'paddock token create'.")
    @OptionGroup var options: DatabaseOptions
    @Option(help: "Address to listen on.") var host = "127.0.0.1"
    @Option(help: "Port to listen on.") var port = 8080
    @Flag(help: "Load the demo seasons when the log is empty.") var demo = false
    @Option(help: "Where the demo logs are (with --demo; default: the ones shipped with paddock).") var demoDir: String?
    @Option(
        help: ArgumentHelp(
            "When a write is acknowledged: 'every-commit' once it survives a power loss (an fsync per write), "
                + "'checkpointed' sooner, at the risk of losing the last second of writes to a power cut.",
            valueName: "every-commit|checkpointed"))
    var durability = "every-commit"
    @Option(help: "Open live feeds (/events/stream) at most; more are answered 503.") var maxSubscribers = 1_000

    func validate() throws {
        guard (0...65535).contains(port) else { throw UserError("--port must be 0 to 65535") }
        guard ["every-commit", "checkpointed"].contains(durability) else {
            throw UserError("--durability must be 'every-commit' or 'checkpointed', found '\(durability)'")
        }
        guard (1...100_000).contains(maxSubscribers) else { throw UserError("--max-subscribers must be 1 to 100000") }
    }

    func run() async throws {
        // Checkpoints beside the appends: no recorded result waits for the WAL to be copied back.
        // Small page caches: the service's memory must not grow with the part of the log it has read.
        let store = try await options.openStore(
            checkpointing: .background(every: .seconds(1)),
            durability: durability == "every-commit" ? .everyCommit : .checkpointed,
            pageCache: .small)
        let credentials = try await CredentialStores.beside(store)
        try await PaddockServer.serve(
            store: store, credentials: credentials, settings: .init(host: host, port: port, maxSubscribers: maxSubscribers),
            demoDirectory: demo ? try demoDir ?? shippedDirectory("demo") : nil, databasePath: options.path)
    }
}
