import Chronology
import Foundation

/// Which part of the log a projection shows. Every cut equals a full rebuild of the log truncated there.
///
/// ```swift
/// let august21 = try Cut.asOf("2018-08-21")          // what had happened by that date
/// let beforePenalty = try Cut.knownAt("2018-08-21T18:00:00Z")  // what the log knew then
/// ```
public struct Cut: Sendable, Hashable, Codable, CustomStringConvertible {
    /// Only results of rounds up to this one (every later fact about those rounds included).
    public var afterRound: Int?
    /// Only events that occurred at or before this date or instant (ISO-8601 as given).
    public var asOf: String?
    /// Only events recorded at or before this store-clock time.
    public var knownAt: String?
    /// Only events at or before this position of the log.
    public var atPosition: Int64?

    public init(afterRound: Int? = nil, asOf: String? = nil, knownAt: String? = nil, atPosition: Int64? = nil) {
        self.afterRound = afterRound
        self.asOf = asOf
        self.knownAt = knownAt
        self.atPosition = atPosition
    }

    public static let everything = Cut()

    public var isEverything: Bool { self == .everything }

    /// Whether an event's envelope falls inside the cut (rounds are checked by the fold's consumer).
    public func includes(_ meta: EventMeta) -> Bool {
        if let atPosition, meta.position > atPosition { return false }
        if let knownAt, meta.recordedAt > knownAt { return false }
        if let asOf, !Self.occurred(meta.occurredAt, atOrBefore: asOf) { return false }
        return true
    }

    /// Whether a round's facts fall inside the cut.
    public func includes(round: Int) -> Bool { afterRound.map { round <= $0 } ?? true }

    /// Compares two ISO-8601 texts. When both carry a time, instants are compared; otherwise local
    /// dates as written at the track, where a vague date ("2018-06") counts from the start of its period
    /// and a vague cut ("2018-08") reaches to the end of its period.
    static func occurred(_ occurredAt: String, atOrBefore cut: String) -> Bool {
        if occurredAt.count > 10, cut.count > 10,
            let event = try? OccurredAt.utcMilliseconds(occurredAt), let limit = try? OccurredAt.utcMilliseconds(cut)
        {
            return event <= limit
        }
        guard let event = PartialDate(anyYear: occurredAt.prefix(10)), let limit = PartialDate(anyYear: cut.prefix(10)) else {
            return false  // not a date: every entry point validates both, so no event of the log lands here
        }
        return event.days.lowerBound < limit.days.upperBound
    }

    public var description: String {
        var parts: [String] = []
        if let afterRound { parts.append("after round \(afterRound)") }
        if let asOf { parts.append("as of \(asOf)") }
        if let knownAt { parts.append("known at \(knownAt)") }
        if let atPosition { parts.append("at position \(atPosition)") }
        return parts.isEmpty ? "everything recorded" : parts.joined(separator: ", ")
    }
}
