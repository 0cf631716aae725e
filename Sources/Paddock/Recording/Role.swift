import SeasonDomain

/// What a bearer of a token may record. Each role includes the ones before it.
///
/// Permissions are an allow-list per event type (``Role/needed(forEventType:)``): a type nobody
/// listed needs `admin`, so a new event type is never open to recorders by accident.
///
/// - `recorder`: the timing desk: rounds scheduled, rescheduled or cancelled (and their details),
///   entries, team and car changes, classifications, grids, qualifying, fastest laps, pit stops,
///   retirements, notes.
/// - `steward`: also penalties, corrections, retractions, multiplier decisions and points adjustments.
/// - `admin`: everything: also rules declared or amended, championships, seasons, registrations
///   (competitors, teams, circuits, their details and aliases), titles and published standings.
///
/// ```swift
/// Role.needed(forEventType: "PenaltyApplied")    // .steward
/// Role.recorder.may(record: "RulesDeclared")      // false
/// ```
public enum Role: String, Sendable, CaseIterable, Comparable, Codable {
    case recorder, steward, admin

    /// Event types a recorder may record.
    public static let recorderEventTypes: Set<String> = [
        RoundScheduled.eventType, RoundRescheduled.eventType, RoundCancelled.eventType, EntryConfirmed.eventType,
        TeamChanged.eventType, CarChanged.eventType, SessionClassified.eventType, RetirementRecorded.eventType, Note.eventType,
        RoundDetailsRecorded.eventType, StartingGridRecorded.eventType, QualifyingRecorded.eventType, FastestLapsRecorded.eventType,
        PitStopsRecorded.eventType
    ]

    /// Event types a steward may record beside a recorder's.
    public static let stewardEventTypes: Set<String> = [
        PenaltyApplied.eventType, ResultCorrected.eventType, EventRetracted.eventType, RoundMultiplierDecided.eventType,
        PointsAdjusted.eventType
    ]

    /// The least role that may record an event of this type; `admin` for every type not listed.
    public static func needed(forEventType type: String) -> Role {
        if recorderEventTypes.contains(type) { return .recorder }
        if stewardEventTypes.contains(type) { return .steward }
        return .admin
    }

    /// Whether this role may record an event of `type`.
    public func may(record type: String) -> Bool { self >= Self.needed(forEventType: type) }

    private var rank: Int {
        switch self {
        case .recorder: 0
        case .steward: 1
        case .admin: 2
        }
    }

    public static func < (a: Role, b: Role) -> Bool { a.rank < b.rank }
}

/// Who records: the name written as the events' `actor` and the role that bounds what it may record.
///
/// The command line works on the database file itself and records as `admin`; the service records
/// as the bearer token says.
public struct Author: Sendable, Equatable {
    public var name: String?
    public var role: Role

    public init(name: String?, role: Role) {
        self.name = name
        self.role = role
    }

    /// Whoever opens the database file: the command line, the importers, the demo loader.
    public static func fileOwner(_ name: String?) -> Author { Author(name: name, role: .admin) }
}
