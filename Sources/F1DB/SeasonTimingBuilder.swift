import Foundation
import SeasonDomain

/// A round's timing data as events: its circuit and session times, the starting grids (race and
/// sprint), fastest laps, qualifying (and sprint qualifying) and pit stops. Nothing here scores.
extension SeasonBuilder {
    /// One event of a round's timing data, with its name-based key and when it happened.
    struct TimingEvent {
        var event: SeasonEvent
        var key: String
        var occurredAt: String
        var context: String
    }

    func timing(_ race: F1DBRace, team: (String, String?) -> String) -> [TimingEvent] {
        let r = race.race
        var out: [TimingEvent] = []
        func add(_ event: SeasonEvent, _ key: String, _ at: String, _ file: String) {
            out.append(TimingEvent(event: event, key: "\(year):\(key):\(r.round)", occurredAt: at, context: "\(race.directory)/\(file)"))
        }
        add(
            .roundDetailsRecorded(
                RoundDetailsRecorded(
                    championship: c, season: year, round: r.round, circuit: r.circuitId,
                    sessions: Self.sessions(r))),
            "round-details", "\(year)", "race.yml")
        let raceDay = r.date
        if let grid = Self.grid(race.results, team: team) {
            add(
                .startingGridRecorded(StartingGridRecorded(championship: c, season: year, round: r.round, session: "race", positions: grid)),
                "grid:race", raceDay, "race-results.yml")
        }
        if let sprint = race.sprint, let grid = Self.grid(sprint, team: team) {
            add(
                .startingGridRecorded(StartingGridRecorded(championship: c, season: year, round: r.round, session: "sprint", positions: grid)),
                "grid:sprint", r.sprintRaceDate ?? raceDay, "sprint-race-results.yml")
        }
        let laps = (race.fastestLaps ?? []).compactMap { row -> FastestLap? in
            guard let rank = row.position.flatMap(Int.init), let time = row.time else { return nil }
            return FastestLap(rank: rank, competitor: row.driverId, number: row.driverNumber, lap: row.lap, time: time)
        }
        if !laps.isEmpty {
            add(
                .fastestLapsRecorded(FastestLapsRecorded(championship: c, season: year, round: r.round, session: "race", laps: laps)),
                "fastest-laps:race", raceDay, "fastest-laps.yml")
        }
        if let rows = Self.qualifying(race.qualifying, first: race.qualifying1, second: race.qualifying2, team: team) {
            add(
                .qualifyingRecorded(QualifyingRecorded(championship: c, season: year, round: r.round, session: "qualifying", results: rows)),
                "qualifying", r.qualifyingDate ?? raceDay, "qualifying-results.yml")
        }
        if let rows = Self.qualifying(race.sprintQualifying, first: nil, second: nil, team: team) {
            add(
                .qualifyingRecorded(QualifyingRecorded(championship: c, season: year, round: r.round, session: "sprint-qualifying", results: rows)),
                "qualifying:sprint", r.sprintQualifyingDate ?? raceDay, "sprint-qualifying-results.yml")
        }
        let stops = (race.pitStops ?? []).compactMap { row -> PitStop? in
            guard let stop = row.stop, let lap = row.lap else { return nil }
            return PitStop(competitor: row.driverId, number: row.driverNumber, stop: stop, lap: lap, duration: row.time)
        }
        if !stops.isEmpty {
            add(
                .pitStopsRecorded(PitStopsRecorded(championship: c, season: year, round: r.round, session: "race", stops: stops)),
                "pit-stops:race", raceDay, "pit-stops.yml")
        }
        return out
    }

    /// The weekend's sessions that race.yml dates (F1DB gives their times in UTC, `17:00`).
    static func sessions(_ r: YRace) -> [ScheduledSession]? {
        let shootout = r.sprintQualifyingFormat == "SPRINT_SHOOTOUT"
        let given: [(RoundSessionKind, String?, String?)] = [
            (.firstPractice, r.freePractice1Date, r.freePractice1Time), (.secondPractice, r.freePractice2Date, r.freePractice2Time),
            (.thirdPractice, r.freePractice3Date, r.freePractice3Time), (.qualifying, r.qualifyingDate, r.qualifyingTime),
            (shootout ? .sprintShootout : .sprintQualifying, r.sprintQualifyingDate, r.sprintQualifyingTime),
            (.sprint, r.sprintRaceDate, r.sprintRaceTime), (.race, r.date, r.time)
        ]
        let sessions = given.compactMap { kind, date, time -> ScheduledSession? in
            guard let date, let day = try? PartialDate(date) else { return nil }
            return ScheduledSession(kind: kind, date: day, time: time.flatMap(utcTime))
        }
        // The race's date alone is what RoundScheduled already says: only a time or other sessions add to it.
        return sessions.count == 1 && sessions[0].time == nil ? nil : sessions
    }

    /// `17:00` (UTC, as F1DB gives it) → `17:00:00Z`; nil when it is not a time of day.
    static func utcTime(_ text: String) -> String? {
        let padded = text.split(separator: ":").count == 2 ? "\(text):00Z" : "\(text)Z"
        return TimingText.isTimeOfDay(padded) ? padded : nil
    }

    /// The grid from the classification rows' starting positions (a number, or `PL`: the pit lane).
    static func grid(_ rows: [YResult], team: (String, String?) -> String) -> [GridPosition]? {
        let grid = rows.compactMap { row -> GridPosition? in
            guard !["DNQ", "DNPQ", "DNP"].contains(row.position ?? ""), let text = row.gridPosition else { return nil }
            let teamId = team(row.constructorId, row.engineManufacturerId)
            if text == "PL" { return GridPosition(pitLane: true, competitor: row.driverId, number: row.driverNumber, team: teamId) }
            guard let position = Int(text) else { return nil }
            return GridPosition(position: position, competitor: row.driverId, number: row.driverNumber, team: teamId)
        }
        return grid.isEmpty ? nil : grid
    }

    /// Qualifying rows: the parts' times of a knockout (`q1`...`q3`); in seasons with two sessions
    /// their own times as Q1 and Q2; otherwise the one time as Q1.
    static func qualifying(
        _ rows: [YQualifying]?, first: [YQualifying]?, second: [YQualifying]?,
        team: (String, String?) -> String
    ) -> [QualifyingResult]? {
        guard let rows, !rows.isEmpty else { return nil }
        func time(in session: [YQualifying]?, of row: YQualifying) -> String? {
            session?.first { $0.driverId == row.driverId && $0.driverNumber == row.driverNumber }?.time
        }
        return rows.map { row in
            let knockout = row.q1 != nil || row.q2 != nil || row.q3 != nil
            let twoSessions = first != nil || second != nil
            return QualifyingResult(
                position: row.position.flatMap(Int.init), competitor: row.driverId, team: team(row.constructorId, row.engineManufacturerId),
                number: row.driverNumber,
                q1: knockout ? row.q1 : twoSessions ? time(in: first, of: row) : row.time,
                q2: knockout ? row.q2 : twoSessions ? time(in: second, of: row) : nil,
                q3: knockout ? row.q3 : nil)
        }
    }
}
