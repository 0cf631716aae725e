import ArgumentParser
import Credentials
import EventStore
import Foundation
import Paddock
import PaddockServer

@main
struct PaddockCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "paddock",
        abstract: "Paddock: an event-sourced season timeline for motorsport championships.",
        discussion: """
            Every happening of a season is an immutable event in one log (SQLite, or PostgreSQL with --store); standings, careers and calendars are replays of it.

            Global option (before or after the subcommand):
              --db <path>   The event log's SQLite file (default: $PADDOCK_DB or ./paddock.sqlite).
              --store <url> The event log on PostgreSQL: postgresql://USER@HOST:PORT/DATABASE (or $PADDOCK_STORE).
            """,
        subcommands: [
            InitCommand.self, AppendCommand.self, LogCommand.self, VerifyCommand.self, ExportCommand.self, ImportCommand.self,
            StandingsCommand.self, CompareCommand.self, ExplainCommand.self, CareerCommand.self, CalendarCommand.self, TitleCommand.self, ReplayCommand.self,
            DemoCommand.self,
            ServeCommand.self, TokenCommand.self, CopyCommand.self
        ]
    )

    /// `paddock --db FILE standings …` as well as `paddock standings … --db FILE`: the global option
    /// given before the subcommand is handed to the subcommand, which declares it (``DatabaseOptions``).
    static func main() async {
        await main(GlobalOptions.hoisted(Array(CommandLine.arguments.dropFirst())))
    }
}

/// Options people give before the subcommand, as `git -C` and `sqlite3 FILE` have taught them.
enum GlobalOptions {
    /// The options given before the subcommand that it takes: where the log is.
    static let names = ["--db", "--store"]

    /// Moves `--db VALUE` / `--db=VALUE` (and `--store`) found before the subcommand's name to after
    /// the command line (before a `--`), where the subcommand parses it.
    static func hoisted(_ arguments: [String]) -> [String] {
        var rest = arguments[...]
        var moved: [String] = []
        while let first = rest.first {
            if names.contains(first), rest.count >= 2 {
                moved += [first, rest[rest.startIndex + 1]]
                rest = rest.dropFirst(2)
            } else if names.contains(where: { first.hasPrefix($0 + "=") }) {
                moved.append(first)
                rest = rest.dropFirst()
            } else {
                break
            }
        }
        guard !moved.isEmpty else { return arguments }
        var result = Array(rest)
        let end = result.firstIndex(of: "--") ?? result.endIndex
        result.insert(contentsOf: moved, at: end)
        return result
    }
}

/// `--db PATH` or `--store URL` on every command: the log is a SQLite file (the default:
/// `PADDOCK_DB` or `./paddock.sqlite`) or a PostgreSQL database (`--store postgresql://...` or
/// `PADDOCK_STORE`).
struct DatabaseOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The event log's SQLite file (default: $PADDOCK_DB or ./paddock.sqlite).", valueName: "path"))
    var db: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "The event log: postgresql://USER@HOST:PORT/DATABASE[?schema=NAME], or a SQLite file (default: $PADDOCK_STORE, else --db).",
            valueName: "url"))
    var store: String?

    func validate() throws {
        if db != nil, store != nil { throw UserError("give --store or --db, not both") }
    }

    /// Where the log is, as given: `--store`, `--db`, `PADDOCK_STORE`, `PADDOCK_DB`, `./paddock.sqlite`.
    var location: String {
        let environment = ProcessInfo.processInfo.environment
        return store ?? db ?? environment["PADDOCK_STORE"].flatMap { $0.isEmpty ? nil : $0 } ?? environment["PADDOCK_DB"] ?? "paddock.sqlite"
    }

    /// The log's location for messages (a PostgreSQL URL without its password).
    var path: String { StoreLocation.display(location) }

    /// The log; `durability` and `pageCache` tune a SQLite file (PostgreSQL commits durably, and
    /// its server sizes its own caches).
    func openStore(
        checkpointing: Checkpointing = .automatic, durability: Durability = .checkpointed,
        pageCache: PageCache = .large
    ) async throws -> any EventStore {
        try await StoreLocation.open(location, checkpointing: checkpointing, durability: durability, pageCache: pageCache)
    }

    /// The bearer credentials kept beside the log (their table is created or migrated on opening).
    func openCredentials() async throws -> any CredentialStore {
        try await CredentialStores.beside(try await openStore())
    }
}

/// A mistake in what the user asked for: printed as one line on standard error, exit code 1.
struct UserError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// Reads a small file argument whole (a rules file), or standard input for `-` or no argument.
/// Event files go through ``InputFile`` instead, in bounded memory.
func readInput(_ file: String?) throws -> String {
    if let file, file != "-" {
        guard let data = FileManager.default.contents(atPath: file) else {
            throw UserError("cannot read '\(file)': no such file or not readable")
        }
        guard let text = String(data: data, encoding: .utf8) else { throw UserError("'\(file)' is not UTF-8 text") }
        return text
    }
    var chunks: [Data] = []
    while let chunk = try FileHandle.standardInput.read(upToCount: 1 << 20), !chunk.isEmpty { chunks.append(chunk) }
    guard let text = String(data: chunks.reduce(Data(), +), encoding: .utf8) else { throw UserError("standard input is not UTF-8 text") }
    return text
}

/// Buffered standard output: exports write millions of lines.
final class StandardOutput {
    private var buffer = Data()

    func write(_ line: String) {
        buffer.append(contentsOf: line.utf8)
        buffer.append(10)
        if buffer.count >= 1 << 16 { flush() }
    }

    func flush() {
        FileHandle.standardOutput.write(buffer)
        buffer.removeAll(keepingCapacity: true)
    }
}
