import Chronology
import EventStore
import Foundation
import Projections

/// A cut written as text, as `compare --from/--to` and the `from`/`to` parameters take it:
/// `after-round:8`, `as-of:2018-08-21`, `known-at:2018-08-21T18:00:00Z`, `position:1200`, or several
/// joined by commas (`after-round:8,known-at:2018-09-01`); `everything` (or nothing) is the whole log.
///
/// ```swift
/// let cut = try CutText.parse("known-at:2007-09-13")   // what the log knew on 13 September 2007
/// ```
public enum CutText {
    /// Why a text is not a cut.
    public struct FormatError: Error, Equatable, CustomStringConvertible {
        public let description: String
    }

    public static func parse(_ text: String) throws(FormatError) -> Cut {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty, trimmed != "everything" else { return .everything }
        var cut = Cut()
        for part in trimmed.split(separator: ",") {
            guard let colon = part.firstIndex(of: ":") else { throw fail(text, "'\(part)' has no ':'") }
            let name = part[..<colon], value = String(part[part.index(after: colon)...])
            switch name {
            case "after-round":
                guard let round = Int(value), (1...999).contains(round) else { throw fail(text, "after-round takes a round from 1 to 999") }
                cut.afterRound = round
            case "as-of":
                guard OccurredAt.isValid(value) else { throw fail(text, "as-of takes an ISO-8601 date or time with offset (2018-08-21)") }
                cut.asOf = value
            case "known-at":
                guard let time = Timestamp.storeTime(value) else { throw fail(text, "known-at takes an ISO-8601 date or time with offset") }
                cut.knownAt = time
            case "position":
                guard let position = Int64(value), position >= 0 else { throw fail(text, "position takes a log position of 0 or more") }
                cut.atPosition = position
            default:
                throw fail(text, "'\(name)' is not a cut: use after-round, as-of, known-at or position")
            }
        }
        return cut
    }

    /// The text ``parse(_:)`` reads back as `cut` (`everything` for the whole log).
    ///
    /// ```swift
    /// CutText.text(Cut(afterRound: 8))   // "after-round:8"
    /// ```
    public static func text(_ cut: Cut) -> String {
        var parts: [String] = []
        if let round = cut.afterRound { parts.append("after-round:\(round)") }
        if let asOf = cut.asOf { parts.append("as-of:\(asOf)") }
        if let knownAt = cut.knownAt { parts.append("known-at:\(knownAt)") }
        if let position = cut.atPosition { parts.append("position:\(position)") }
        return parts.isEmpty ? "everything" : parts.joined(separator: ",")
    }

    private static func fail(_ text: String, _ why: String) -> FormatError {
        FormatError(description: "'\(text.prefix(100))' is not a cut: \(why)")
    }
}
