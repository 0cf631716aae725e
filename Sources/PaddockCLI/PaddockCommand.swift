import ArgumentParser
import EventStore
import Foundation
import Paddock

@main
struct PaddockCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "paddock",
        abstract: "Paddock: an event-sourced season timeline for motorsport championships.",
        discussion: """
            Every happening of a season is an immutable event in one SQLite log; standings, careers and calendars are replays of it.

            Global option (before or after the subcommand):
              --db <path>   The event log's SQLite file (default: $PADDOCK_DB or ./paddock.sqlite).
            """,
        subcommands: [Init.self, Append.self, Log.self, Verify.self, Export.self, Import.self,
                      Standings.self, CompareCommand.self, Explain.self, CareerCommand.self, CalendarCommand.self, Title.self, Replay.self, Demo.self,
                      Serve.self, TokenCommand.self]
    )

    /// `paddock --db FILE standings …` as well as `paddock standings … --db FILE`: the global option
    /// given before the subcommand is handed to the subcommand, which declares it (``DatabaseOptions``).
    static func main() async {
        await main(GlobalOptions.hoisted(Array(CommandLine.arguments.dropFirst())))
    }
}

/// Options people give before the subcommand, as `git -C` and `sqlite3 FILE` have taught them.
enum GlobalOptions {
    /// Moves `--db VALUE` / `--db=VALUE` found before the subcommand's name to after the command
    /// line (before a `--`), where the subcommand parses it.
    static func hoisted(_ arguments: [String]) -> [String] {
        var rest = arguments[...]
        var moved: [String] = []
        while let first = rest.first, first.hasPrefix("--db") {
            if first == "--db", rest.count >= 2 {
                moved += ["--db", rest[rest.startIndex + 1]]
                rest = rest.dropFirst(2)
            } else if first.hasPrefix("--db=") {
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

/// `--db PATH` on every command: `PADDOCK_DB` or `./paddock.sqlite` when absent.
struct DatabaseOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The event log's SQLite file (default: $PADDOCK_DB or ./paddock.sqlite).", valueName: "path"))
    var db: String?

    var path: String { db ?? ProcessInfo.processInfo.environment["PADDOCK_DB"] ?? "paddock.sqlite" }

    func openStore(checkpointing: Checkpointing = .automatic, durability: Durability = .checkpointed,
                   pageCache: PageCache = .large) throws -> SQLiteEventStore {
        try SQLiteEventStore(path: path, checkpointing: checkpointing, durability: durability, pageCache: pageCache)
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
