import SeasonDomain

/// One of the desk's forms: which event it records, what it asks, in the payload's own field names
/// (so that a validation error's path, `payload.results[2].competitor`, names the form field).
///
/// ```swift
/// let form = DeskForm.named("retirement")   // RetirementRecorded: round, class, session, competitor, reason, lap
/// ```
public struct DeskForm: Sendable {
    /// How a field is typed in and written into the payload.
    public enum Kind: Sendable, Equatable {
        /// Text, written as a JSON string.
        case text
        /// A whole number; anything else is passed on as text for the catalogue to refuse by name.
        case integer
        /// A number with decimals (seconds).
        case decimal
        /// Points: a number or a fraction ("1/7"), written as text, which the catalogue reads exactly.
        case points
        /// A date as precise as known: 2021-06-12, 2021-06 or 2021.
        case date
        /// One of a closed list of words.
        case choice([String])
        /// A scheduled round of the season (a list), or a number typed in.
        case round
        /// A competitor's id, chosen from the registered ones.
        case competitor
        /// A team's id, chosen from the registered ones.
        case team
        /// A class of the season.
        case className
        /// Round numbers, separated by commas.
        case integers
        /// A classification of the season (its event id), for a correction; written as a one-element list.
        case classification
        /// A tick box: `true` when ticked, absent otherwise.
        case flag
    }

    public struct Field: Sendable {
        /// The payload member (or, in rows, the row member).
        public var name: String
        public var label: String
        public var kind: Kind
        public var required: Bool
        public var help: String?

        public init(_ name: String, _ label: String, _ kind: Kind = .text, required: Bool = false, help: String? = nil) {
            self.name = name
            self.label = label
            self.kind = kind
            self.required = required
            self.help = help
        }
    }

    /// A classification's rows: `results[i].position`, ...
    public struct Rows: Sendable {
        public var name: String
        public var label: String
        public var columns: [Field]
    }

    public var slug: String
    public var title: String
    public var eventType: String
    /// What the form is for, in a sentence.
    public var purpose: String
    public var fields: [Field]
    public var rows: Rows?

    /// The forms, in the order the desk page lists them.
    public static let all: [DeskForm] = [
        DeskForm(
            slug: "round", title: "Schedule a round", eventType: RoundScheduled.eventType,
            purpose: "Put a round on the calendar.",
            fields: [
                Field("round", "Round number", .integer, required: true),
                Field("name", "Event name", help: "World RX of Norway"),
                Field("venue", "Venue"), Field("country", "Country"),
                Field("startDate", "First day", .date, required: true, help: "2021-06-12, or 2021-06 when only the month is known"),
                Field("endDate", "Last day", .date)
            ]),
        DeskForm(
            slug: "reschedule", title: "Reschedule a round", eventType: RoundRescheduled.eventType,
            purpose: "Move a round to new dates (and perhaps a new place).",
            fields: [
                Field("round", "Round", .round, required: true),
                Field("startDate", "New first day", .date, required: true), Field("endDate", "New last day", .date),
                Field("venue", "New venue"), Field("country", "New country"),
                Field("reason", "Why", help: "postponed because of the pandemic")
            ]),
        DeskForm(
            slug: "entry", title: "Confirm an entry", eventType: EntryConfirmed.eventType,
            purpose: "A driver is entered for the season or some of its rounds.",
            fields: [
                Field("class", "Class", .className), Field("competitor", "Driver", .competitor, required: true),
                Field("coDriver", "Co-driver", .competitor), Field("team", "Team", .team), Field("car", "Car"),
                Field("number", "Number"),
                Field("rounds", "Rounds", .integers, help: "e.g. 3, 4, 5; leave empty for the whole season")
            ]),
        DeskForm(
            slug: "team-change", title: "Record a team change", eventType: TeamChanged.eventType,
            purpose: "A driver moves to another team.",
            fields: [
                Field("competitor", "Driver", .competitor, required: true), Field("fromTeam", "From team", .team),
                Field("toTeam", "To team", .team, required: true), Field("fromRound", "From round", .integer),
                Field("effectiveDate", "From date", .date)
            ]),
        DeskForm(
            slug: "session", title: "Classify a session", eventType: SessionClassified.eventType,
            purpose: "A heat, semi-final, final, race or stage: its classification, row by row.",
            fields: [
                Field("round", "Round", .round, required: true), Field("class", "Class", .className),
                Field("session", "Session", required: true, help: "race, final, heat-1, ss7"),
                Field("kind", "Kind of session", .choice(SessionKind.allCases.map(\.rawValue)), required: true),
                Field("number", "Number (which heat or stage)", .integer),
                Field("completedDistance", "Distance completed", .points, help: "a fraction: 0.5 for half distance; empty for all of it")
            ], rows: sessionRows),
        DeskForm(
            slug: "retirement", title: "Record a retirement", eventType: RetirementRecorded.eventType,
            purpose: "A car stopped, and why: recorded live, before the classification.",
            fields: [
                Field("round", "Round", .round, required: true), Field("class", "Class", .className),
                Field("session", "Session"), Field("competitor", "Driver", .competitor, required: true),
                Field("reason", "Reason", required: true, help: "engine, puncture, accident"), Field("lap", "Lap", .integer)
            ]),
        DeskForm(
            slug: "penalty", title: "Apply a penalty", eventType: PenaltyApplied.eventType,
            purpose: "A stewards' decision against a driver (or a team).",
            fields: [
                Field("round", "Round", .round, required: true), Field("class", "Class", .className),
                Field("session", "Session", help: "needed for a disqualification"),
                Field("competitor", "Penalised", .competitor, required: true),
                Field("kind", "Penalty", .choice(PenaltyKind.allCases.map(\.rawValue)), required: true),
                Field("seconds", "Seconds added", .decimal), Field("positions", "Places lost", .integer),
                Field("points", "Points deducted", .points),
                Field("table", "Only this table", .choice(ChampionshipTable.allCases.map(\.rawValue))),
                Field("reason", "Offence", required: true, help: "jump start")
            ]),
        DeskForm(
            slug: "correction", title: "Correct a classification", eventType: ResultCorrected.eventType,
            purpose: "A classification as corrected; it supersedes the one it names, which stays in the log.",
            fields: [
                Field("round", "Round", .round, required: true), Field("class", "Class", .className),
                Field("session", "Session", required: true),
                Field("kind", "Kind of session", .choice(SessionKind.allCases.map(\.rawValue)), required: true),
                Field("corrects", "Corrects", .classification, required: true),
                Field("reason", "Why", required: true, help: "time penalty after the final")
            ], rows: sessionRows)
    ]

    static let sessionRows = Rows(
        name: "results", label: "Classification",
        columns: [
            Field("position", "Position", .integer), Field("competitor", "Driver", .competitor),
            Field("status", "Status", .choice(ResultStatus.allCases.map(\.rawValue))), Field("laps", "Laps", .integer),
            Field("time", "Time or gap"), Field("fastestLap", "Fastest lap", .flag)
        ])

    public static func named(_ slug: String) -> DeskForm? { all.first { $0.slug == slug } }
}
