import ArgumentParser
import EventStore
import Foundation
import Paddock

struct VerifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Re-walk the hash chain; name the first position where it breaks.",
        discussion: """
            With --expect POSITION:HASH (the head a read carried: its Paddock-Log-Head header or logHead member), \
            also prove that today's log extends that head: the event at POSITION still has HASH, and the chain \
            from the first event through it and on to today's head is intact.
            """)
    @OptionGroup var options: DatabaseOptions
    @Option(help: ArgumentHelp("A head the log must extend.", valueName: "position:hash")) var expect: String?

    func validate() throws {
        if let expect, Self.parse(expect) == nil {
            throw UserError("--expect: '\(expect.prefix(100))' is not POSITION:HASH (a position of 1 or more, a colon, 64 hex digits)")
        }
    }

    static func parse(_ text: String) -> (position: Int64, hash: String)? {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, let position = Int64(parts[0]), position >= 1, parts[1].count == 64,
            parts[1].allSatisfy({ $0.isHexDigit })
        else { return nil }
        return (position, parts[1].lowercased())
    }

    func run() async throws {
        let store = try await options.openStore()
        let report = try await store.verify()
        guard report.isIntact else { throw UserError("verification failed: \(report.description)") }
        print("verified: \(report.eventsChecked) events, chain intact; head \(report.headHash.isEmpty ? "(empty log)" : report.headHash)")
        guard let expect, let (position, hash) = Self.parse(expect) else { return }
        guard let event = try await store.read(EventQuery(afterPosition: position - 1, limit: 1)).first, event.position == position else {
            throw UserError("the log does not extend \(position):\(hash): it ends at position \(report.eventsChecked)")
        }
        guard event.hash == hash else {
            throw UserError("the log does not extend \(position):\(hash): the event at position \(position) has hash \(event.hash)")
        }
        print("extends \(position):\(hash): the log behind that head is unchanged")
    }
}
