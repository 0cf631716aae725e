/// What a bearer token may record. Each role includes the ones before it.
///
/// - `recorder`: appends and the desk routes (schedules, entries, classifications, retirements...).
/// - `steward`: also penalties, corrections and retractions.
/// - `admin`: everything.
public enum Role: String, Sendable, CaseIterable, Comparable {
    case recorder, steward, admin

    /// Event types only a steward (or an admin) may record.
    public static let stewardEventTypes: Set<String> = ["PenaltyApplied", "ResultCorrected", "EventRetracted"]

    /// The least role that may record an event of this type.
    public static func needed(forEventType type: String) -> Role {
        stewardEventTypes.contains(type) ? .steward : .recorder
    }

    private var rank: Int { Self.allCases.firstIndex(of: self)! }

    public static func < (a: Role, b: Role) -> Bool { a.rank < b.rank }
}
