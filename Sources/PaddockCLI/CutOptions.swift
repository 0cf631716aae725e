import ArgumentParser
import Chronology
import EventStore
import Foundation
import Paddock
import Projections
import SeasonDomain

/// The cuts every standings, explanation and calendar query takes.
struct CutOptions: ParsableArguments {
    @Option(help: "Only results of rounds up to this one.") var afterRound: Int?
    @Option(help: "What had happened by this date or time (ISO-8601: 2018-08-21, 2018-08-21T18:00:00+02:00).") var asOf: String?
    @Option(help: "What the log knew at this time (recorded at or before; a date means the end of that day, UTC).") var knownAt: String?
    @Option(help: "What the log held at this position.") var atPosition: Int64?

    func validate() throws {
        if let afterRound, afterRound < 1 { throw UserError("--after-round must be 1 or more") }
        if let asOf, !OccurredAt.isValid(asOf) { throw UserError("--as-of: '\(asOf)' is not an ISO-8601 date or time with offset") }
        if let knownAt, Timestamp.storeTime(knownAt) == nil {
            throw UserError("--known-at: '\(knownAt)' is not an ISO-8601 date or time with offset")
        }
        if let atPosition, atPosition < 0 { throw UserError("--at-position must be 0 or more") }
    }

    var cut: Cut { Cut(afterRound: afterRound, asOf: asOf, knownAt: knownAt.flatMap(Timestamp.storeTime), atPosition: atPosition) }
}

/// Opens the log and brings the projections up to date.
func loadProjections(_ options: DatabaseOptions) async throws -> ProjectionService {
    let service = ProjectionService(store: try await options.openStore())
    try await service.catchUp()
    try? await service.persist()
    return service
}
