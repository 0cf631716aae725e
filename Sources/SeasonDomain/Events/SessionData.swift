import Foundation

// Timing data of a round beside its classifications: where and when its sessions ran, the starting
// grid, fastest laps, qualifying times and pit stops. None of it scores: standings never read it.

/// A round's circuit and its sessions' times, beside `RoundScheduled` (which keeps the dates and
/// venue as the calendar shows them). A later one replaces what an earlier one said.
///
/// - `championship`, `season`, `round`: the round.
/// - `circuit`: the circuit's id (see `CircuitRegistered`).
/// - `sessions`: when each session was (or is) held, in any order, each kind at most once.
public struct RoundDetailsRecorded: DomainEvent {
    public var championship: String
    public var season: Int
    public var round: Int
    public var circuit: String?
    public var sessions: [ScheduledSession]?

    public init(championship: String, season: Int, round: Int, circuit: String? = nil, sessions: [ScheduledSession]? = nil) {
        self.championship = championship
        self.season = season
        self.round = round
        self.circuit = circuit
        self.sessions = sessions
    }

    public func validate(_ check: inout Validator) {
        check.roundOf(championship, season, round)
        check.id(circuit, "circuit")
        var kinds = Set<RoundSessionKind>()
        for (i, session) in (sessions ?? []).enumerated() {
            check.timeOfDay(session.time, "sessions[\(i)].time")
            check.require(kinds.insert(session.kind).inserted, "sessions[\(i)].kind", "\(session.kind.rawValue) is listed twice")
        }
    }
}

/// A session of a round's weekend. JSON: its name (`"firstPractice"`, `"sprintShootout"`).
public enum RoundSessionKind: String, CatalogueEnum {
    case firstPractice, secondPractice, thirdPractice, qualifying
    /// Qualifying for a sprint (F1 from 2024).
    case sprintQualifying
    /// The sprint shoot-out (F1 2023's name and format for sprint qualifying).
    case sprintShootout
    case sprint, race
}

/// When a session is held: its date, and its start as a time of day (`15:00:00Z`) when known.
public struct ScheduledSession: Codable, Sendable, Hashable {
    public var kind: RoundSessionKind
    public var date: PartialDate
    public var time: String?

    public init(kind: RoundSessionKind, date: PartialDate, time: String? = nil) {
        self.kind = kind
        self.date = date
        self.time = time
    }
}

/// A session's starting grid.
///
/// - `championship`, `season`, `round`, `class`, `session`: the session it is the grid of (`race`, `sprint`).
/// - `positions`: one row per car: `position` 1...999, or `pitLane: true` for a start from the pit lane.
public struct StartingGridRecorded: DomainEvent {
    public var championship: String
    public var season: Int
    public var round: Int
    public var className: String?
    public var session: String
    public var positions: [GridPosition]

    public init(championship: String, season: Int, round: Int, className: String? = nil, session: String, positions: [GridPosition]) {
        self.championship = championship
        self.season = season
        self.round = round
        self.className = className
        self.session = session
        self.positions = positions
    }

    enum CodingKeys: String, CodingKey { case championship, season, round, className = "class", session, positions }

    public func validate(_ check: inout Validator) {
        SessionDataRows.validateSession(championship, season, round, className, session, &check)
        check.require(!positions.isEmpty, "positions", "must list at least one car")
        for (i, row) in positions.enumerated() {
            check.id(row.competitor, "positions[\(i)].competitor")
            check.id(row.team, "positions[\(i)].team")
            check.within(row.position, 1...999, "positions[\(i)].position")
            check.require(
                (row.position != nil) != (row.pitLane == true), "positions[\(i)]",
                "gives either a position or pitLane: true")
        }
    }
}

/// One car on a starting grid.
public struct GridPosition: Codable, Sendable, Hashable {
    public var position: Int?
    public var pitLane: Bool?
    public var competitor: String
    public var number: String?
    public var team: String?

    public init(position: Int? = nil, pitLane: Bool? = nil, competitor: String, number: String? = nil, team: String? = nil) {
        self.position = position
        self.pitLane = pitLane
        self.competitor = competitor
        self.number = number
        self.team = team
    }
}

/// Every car's fastest lap of a session, ranked.
///
/// - `championship`, `season`, `round`, `class`, `session`: the session.
/// - `laps`: one row per car: `rank` 1...999 (shared ranks allowed), `lap` 1...9999 (the lap it was
///   set on, when known) and `time` (`1:43.370`).
public struct FastestLapsRecorded: DomainEvent {
    public var championship: String
    public var season: Int
    public var round: Int
    public var className: String?
    public var session: String
    public var laps: [FastestLap]

    public init(championship: String, season: Int, round: Int, className: String? = nil, session: String, laps: [FastestLap]) {
        self.championship = championship
        self.season = season
        self.round = round
        self.className = className
        self.session = session
        self.laps = laps
    }

    enum CodingKeys: String, CodingKey { case championship, season, round, className = "class", session, laps }

    public func validate(_ check: inout Validator) {
        SessionDataRows.validateSession(championship, season, round, className, session, &check)
        check.require(!laps.isEmpty, "laps", "must list at least one lap")
        for (i, row) in laps.enumerated() {
            check.id(row.competitor, "laps[\(i)].competitor")
            check.within(row.rank, 1...999, "laps[\(i)].rank")
            check.within(row.lap, 1...9999, "laps[\(i)].lap")
            check.timing(row.time, "laps[\(i)].time")
        }
    }
}

/// One car's fastest lap.
public struct FastestLap: Codable, Sendable, Hashable {
    public var rank: Int
    public var competitor: String
    public var number: String?
    public var lap: Int?
    public var time: String

    public init(rank: Int, competitor: String, number: String? = nil, lap: Int? = nil, time: String) {
        self.rank = rank
        self.competitor = competitor
        self.number = number
        self.lap = lap
        self.time = time
    }
}

/// A qualifying session's classification with its times.
///
/// - `championship`, `season`, `round`, `class`: the round.
/// - `session`: `qualifying` or `sprint-qualifying` (an id).
/// - `results`: in classification order: `position` 1...999 (absent for a car not classified), and the
///   times of each part (`q1`, `q2`, `q3`: `1:41.269`); a format with one session gives its time as `q1`.
public struct QualifyingRecorded: DomainEvent {
    public var championship: String
    public var season: Int
    public var round: Int
    public var className: String?
    public var session: String
    public var results: [QualifyingResult]

    public init(championship: String, season: Int, round: Int, className: String? = nil, session: String, results: [QualifyingResult]) {
        self.championship = championship
        self.season = season
        self.round = round
        self.className = className
        self.session = session
        self.results = results
    }

    enum CodingKeys: String, CodingKey { case championship, season, round, className = "class", session, results }

    public func validate(_ check: inout Validator) {
        SessionDataRows.validateSession(championship, season, round, className, session, &check)
        check.require(!results.isEmpty, "results", "must list at least one result")
        for (i, row) in results.enumerated() {
            check.id(row.competitor, "results[\(i)].competitor")
            check.id(row.team, "results[\(i)].team")
            check.within(row.position, 1...999, "results[\(i)].position")
            check.timing(row.q1, "results[\(i)].q1")
            check.timing(row.q2, "results[\(i)].q2")
            check.timing(row.q3, "results[\(i)].q3")
        }
    }
}

/// One car's qualifying.
public struct QualifyingResult: Codable, Sendable, Hashable {
    public var position: Int?
    public var competitor: String
    public var team: String?
    public var number: String?
    public var q1: String?
    public var q2: String?
    public var q3: String?

    public init(
        position: Int?, competitor: String, team: String? = nil, number: String? = nil,
        q1: String? = nil, q2: String? = nil, q3: String? = nil
    ) {
        self.position = position
        self.competitor = competitor
        self.team = team
        self.number = number
        self.q1 = q1
        self.q2 = q2
        self.q3 = q3
    }
}

/// A session's pit stops.
///
/// - `championship`, `season`, `round`, `class`, `session`: the session.
/// - `stops`: in the order they were made: the car's `stop` 1...99, on `lap` 1...9999, with its
///   `duration` (`20.235`) and the `timeOfDay` it happened (`15:05:11`, local) when known.
public struct PitStopsRecorded: DomainEvent {
    public var championship: String
    public var season: Int
    public var round: Int
    public var className: String?
    public var session: String
    public var stops: [PitStop]

    public init(championship: String, season: Int, round: Int, className: String? = nil, session: String, stops: [PitStop]) {
        self.championship = championship
        self.season = season
        self.round = round
        self.className = className
        self.session = session
        self.stops = stops
    }

    enum CodingKeys: String, CodingKey { case championship, season, round, className = "class", session, stops }

    public func validate(_ check: inout Validator) {
        SessionDataRows.validateSession(championship, season, round, className, session, &check)
        check.require(!stops.isEmpty, "stops", "must list at least one stop")
        for (i, row) in stops.enumerated() {
            check.id(row.competitor, "stops[\(i)].competitor")
            check.within(row.stop, 1...99, "stops[\(i)].stop")
            check.within(row.lap, 1...9999, "stops[\(i)].lap")
            check.timing(row.duration, "stops[\(i)].duration")
            if let local = row.timeOfDay {
                check.require(
                    TimingText.milliseconds(local).map { $0 < 86_400_000 && local.split(separator: ":").count == 3 } ?? false,
                    "stops[\(i)].timeOfDay", "must be a local time of day such as 15:05:11, found \"\(local.prefix(40))\"")
            }
        }
    }
}

/// One pit stop.
public struct PitStop: Codable, Sendable, Hashable {
    public var competitor: String
    public var number: String?
    public var stop: Int
    public var lap: Int
    public var duration: String?
    public var timeOfDay: String?

    public init(competitor: String, number: String? = nil, stop: Int, lap: Int, duration: String? = nil, timeOfDay: String? = nil) {
        self.competitor = competitor
        self.number = number
        self.stop = stop
        self.lap = lap
        self.duration = duration
        self.timeOfDay = timeOfDay
    }
}

enum SessionDataRows {
    static func validateSession(
        _ championship: String, _ season: Int, _ round: Int, _ className: String?, _ session: String,
        _ check: inout Validator
    ) {
        check.roundOf(championship, season, round)
        check.text(className, "class")
        check.id(session, "session")
    }
}
