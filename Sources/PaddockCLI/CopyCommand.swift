import ArgumentParser
import EventStore
import Foundation
import PaddockServer

/// `paddock copy --from A --to B`: a log moved between SQLite and PostgreSQL, envelope for envelope.
struct CopyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "copy",
        abstract: "Copy a log to another database (SQLite file or postgresql:// URL): ids, times and hashes kept.",
        discussion: """
            Every envelope is restored on the target as it was recorded (as 'paddock import events' does), a page \
            at a time in one transaction each; both logs are then verified and their heads compared. The target must \
            be empty or a shorter copy of the same log (an interrupted copy goes on where it stopped). Tokens and \
            projection snapshots are not copied: create tokens on the target; projections rebuild themselves.
            """)
    @Option(help: ArgumentHelp("The log to copy: a SQLite file or postgresql://USER@HOST:PORT/DATABASE.", valueName: "location"))
    var from: String
    @Option(help: ArgumentHelp("Where to copy it: a SQLite file or a postgresql:// URL.", valueName: "location"))
    var to: String
    @Option(help: "Events per transaction on the target (1 to 100,000).") var pageSize = 10_000

    func validate() throws {
        guard (1...100_000).contains(pageSize) else { throw UserError("--page-size must be 1 to 100,000") }
        guard StoreLocation.display(from) != StoreLocation.display(to) else { throw UserError("--from and --to name the same log") }
    }

    func run() async throws {
        let source = try await StoreLocation.open(from)
        let target = try await StoreLocation.open(to)
        var last = try await target.headPosition()
        if last > 0 {
            let theirs = try await target.read(EventQuery(afterPosition: last - 1, limit: 1)).first
            let ours = try await source.read(EventQuery(afterPosition: last - 1, limit: 1)).first
            guard let ours, ours.hash == theirs?.hash else {
                throw UserError(
                    "\(StoreLocation.display(to)) already holds \(last) event(s) that are not the start of "
                        + "\(StoreLocation.display(from)): copy into an empty database")
            }
        }
        let resumedAt = last
        let started = ContinuousClock.now
        while true {
            let page = try await source.read(after: last, limit: pageSize)
            guard let tail = page.last else { break }
            do {
                try await target.restore(page)
            } catch let error as EventStoreError {
                throw UserError("copying to \(StoreLocation.display(to)): \(error)")
            }
            last = tail.position
            if page.count == pageSize {
                FileHandle.standardError.write(Data("copied up to position \(last)\n".utf8))
            }
        }
        let elapsed = ContinuousClock.now - started
        let (sourceReport, targetReport) = (try await source.verify(), try await target.verify())
        await StoreLocation.close(source)
        await StoreLocation.close(target)
        guard sourceReport.isIntact else { throw UserError("\(StoreLocation.display(from)): \(sourceReport)") }
        guard targetReport.isIntact, targetReport.headHash == sourceReport.headHash,
            targetReport.eventsChecked == sourceReport.eventsChecked
        else {
            throw UserError("\(StoreLocation.display(to)) does not verify as a copy: \(targetReport)")
        }
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        print(
            "copied \(last - resumedAt) event(s) in \(String(format: "%.2f", seconds)) s; both logs verify: "
                + "\(targetReport.eventsChecked) events, head \(targetReport.headHash.isEmpty ? "(empty log)" : targetReport.headHash)")
    }
}
