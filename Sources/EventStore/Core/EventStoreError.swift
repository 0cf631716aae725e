import Foundation

/// Errors the log reports to its callers. Each names what is wrong in words a person understands.
public indirect enum EventStoreError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Optimistic concurrency: the stream is not at the version the appender expected.
    case versionConflict(stream: String, expected: ExpectedVersion, actual: Int)
    /// The event id is already stored, with other content.
    case idempotencyConflict(eventId: UUID, position: Int64, field: String)
    /// Some events of a batch are already stored and others are not.
    case partiallyRecordedBatch(stream: String, recorded: [UUID], new: [UUID])
    /// An event of a batch breaks a rule of the envelope.
    case invalidEvent(index: Int, reason: String)
    /// An imported row does not continue the log (position, stream version, time or hash).
    case importMismatch(position: Int64, reason: String)
    /// The database was written by a newer Paddock.
    case databaseTooNew(path: String, unknownMigrations: [String])
    /// A batch of a multi-batch append failed (index from 0); nothing was appended.
    case inBatch(Int, EventStoreError)
    /// The file is not a Paddock database.
    case notAnEventLog(path: String, reason: String)
    /// The log's last row does not match the last acknowledged append (`chain_head`), or a stored
    /// hash cannot be read: the log was changed behind the store's back, and nothing is appended
    /// to it until someone looks (`paddock verify` names the position).
    case chainBroken(reason: String)

    public var description: String {
        switch self {
        case let .versionConflict(stream, expected, actual):
            "version conflict on stream '\(stream)': expected version \(expected), but the stream is at version \(actual)"
        case let .idempotencyConflict(eventId, position, field):
            "event id \(eventId.lowercased) is already recorded at position \(position) with a different \(field)"
        case let .partiallyRecordedBatch(stream, recorded, new):
            "batch for stream '\(stream)' mixes \(recorded.count) already recorded event(s) (first \(recorded[0].lowercased)) with \(new.count) new one(s); resend the original batch or only the new events"
        case let .invalidEvent(index, reason):
            "event \(index + 1) of the batch: \(reason)"
        case let .importMismatch(position, reason):
            "imported event at position \(position): \(reason)"
        case let .databaseTooNew(path, unknown):
            "\(path) was written by a newer Paddock (unknown schema migrations: \(unknown.joined(separator: ", "))); upgrade Paddock to open it"
        case let .inBatch(index, error):
            "batch \(index + 1): \(error)"
        case let .notAnEventLog(path, reason):
            "\(path) is not a Paddock event log: \(reason)"
        case let .chainBroken(reason):
            "the log's hash chain is broken (\(reason)): nothing is appended until it is examined; run 'paddock verify'"
        }
    }
}

extension UUID {
    /// The lowercase canonical text form used in the log.
    public var lowercased: String { uuidString.lowercased() }
}
