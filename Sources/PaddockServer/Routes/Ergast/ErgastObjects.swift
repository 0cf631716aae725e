import Foundation
import Projections
import SeasonDomain

/// Ergast's objects (Driver, Constructor, Circuit with its Location, Race and its rows) from what the
/// log holds: a field the log does not have is left out, never invented. One per request: each
/// driver's, constructor's and circuit's object is made once and reused by every row naming it.
final class ErgastObjects {
    let registers: any Registries
    private var drivers: [String: ErgastJSON] = [:]
    private var constructors: [String: ErgastJSON] = [:]
    private var circuits: [String: ErgastJSON] = [:]

    init(registers: any Registries) { self.registers = registers }

    // MARK: Entities

    func driver(_ id: String) -> ErgastJSON {
        if let made = drivers[id] { return made }
        let made = makeDriver(id)
        drivers[id] = made
        return made
    }

    func constructor(_ id: String) -> ErgastJSON {
        if let made = constructors[id] { return made }
        let made = makeConstructor(id)
        constructors[id] = made
        return made
    }

    func circuit(_ id: String) -> ErgastJSON {
        if let made = circuits[id] { return made }
        let made = makeCircuit(id)
        circuits[id] = made
        return made
    }

    private func makeDriver(_ id: String) -> ErgastJSON {
        let registered = registers.competitors[id]
        let details = registers.references.competitorDetails[id]
        return .members([
            ("driverId", .string(id)), ("permanentNumber", details?.permanentNumber.map { .string(String($0)) }),
            ("code", details?.code.map(ErgastJSON.string)), ("url", details?.url.map(ErgastJSON.string)),
            ("givenName", registered?.givenName.map(ErgastJSON.string)), ("familyName", registered?.familyName.map(ErgastJSON.string)),
            ("dateOfBirth", registered?.birthDate.map { .string($0.rawValue) }), ("nationality", details?.demonym.map(ErgastJSON.string))
        ])
    }

    private func makeConstructor(_ id: String) -> ErgastJSON {
        let details = registers.references.teamDetails[id]
        return .members([
            ("constructorId", .string(id)), ("url", details?.url.map(ErgastJSON.string)),
            ("name", .string(registers.name(ofTeam: id))), ("nationality", details?.demonym.map(ErgastJSON.string))
        ])
    }

    private func makeCircuit(_ id: String) -> ErgastJSON {
        let circuit = registers.references.circuits[id]
        let location = ErgastJSON.members([
            ("lat", circuit?.latitude.map { .string(Self.decimal($0)) }), ("long", circuit?.longitude.map { .string(Self.decimal($0)) }),
            ("locality", circuit?.locality.map(ErgastJSON.string)), ("country", circuit?.country.map(ErgastJSON.string))
        ])
        return .members([
            ("circuitId", .string(id)), ("circuitName", circuit.map { .string($0.name) }),
            ("Location", circuit == nil ? nil : location)
        ])
    }

    /// A driver's family name for sorting (Ergast lists drivers by surname), else the id.
    func sortName(ofDriver id: String) -> String {
        (registers.competitors[id]?.familyName ?? registers.competitors[id]?.name ?? id).folding(
            options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
    }

    // MARK: Races

    /// Season, round, name, circuit, date and time; with `sessions`, the weekend's other sessions too.
    func race(_ season: Int, _ round: ErgastSeason.Round, sessions: Bool = false) -> [(String, ErgastJSON)] {
        var members: [(String, ErgastJSON?)] = [
            ("season", .string(String(season))), ("round", .string(String(round.round))),
            ("raceName", round.name.map(ErgastJSON.string)), ("Circuit", round.circuit.map(circuit)),
            ("date", round.date.map { .string($0.rawValue) }), ("time", round.time.map(ErgastJSON.string))
        ]
        if sessions {
            let names: [(RoundSessionKind, String)] = [
                (.firstPractice, "FirstPractice"), (.secondPractice, "SecondPractice"), (.thirdPractice, "ThirdPractice"),
                (.qualifying, "Qualifying"), (.sprint, "Sprint"), (.sprintShootout, "SprintShootout"), (.sprintQualifying, "SprintQualifying")
            ]
            for (kind, name) in names {
                guard let session = round.sessions.first(where: { $0.kind == kind }) else { continue }
                members.append((name, .members([("date", .string(session.date.rawValue)), ("time", session.time.map(ErgastJSON.string))])))
            }
        }
        return members.compactMap { key, value in value.map { (key, $0) } }
    }

    func result(_ row: ErgastSeason.Row, points: Points) -> ErgastJSON {
        var fastest: ErgastJSON?
        if let lap = row.fastest {
            fastest = .members([
                ("rank", .string(String(lap.rank))), ("lap", lap.lap.map { .string(String($0)) }),
                ("Time", .object([("time", .string(lap.time))]))
            ])
        }
        var time: ErgastJSON?
        if let (millis, text) = row.time {
            time = .object([("millis", .string(String(millis))), ("time", .string(text))])
        }
        return .members([
            ("number", row.result.number.map(ErgastJSON.string)), ("position", .string(String(row.classified ?? row.order))),
            ("positionText", .string(row.didNotQualify ? "F" : ErgastStatus.positionText(row.result))), ("points", .string(Self.points(points))),
            ("Driver", driver(row.competitor)), ("Constructor", row.team.map(constructor)),
            ("grid", row.grid.map { .string(String($0)) }), ("laps", row.result.laps.map { .string(String($0)) }),
            ("status", .string(row.status.text)), ("Time", time), ("FastestLap", fastest)
        ])
    }

    func qualifying(_ row: QualifyingResult) -> ErgastJSON {
        .members([
            ("number", row.number.map(ErgastJSON.string)), ("position", row.position.map { .string(String($0)) }),
            ("Driver", driver(row.competitor)), ("Constructor", row.team.map(constructor)),
            ("Q1", row.q1.map(ErgastJSON.string)), ("Q2", row.q2.map(ErgastJSON.string)), ("Q3", row.q3.map(ErgastJSON.string))
        ])
    }

    func pitStop(_ stop: PitStop) -> ErgastJSON {
        .members([
            ("driverId", .string(stop.competitor)), ("lap", .string(String(stop.lap))), ("stop", .string(String(stop.stop))),
            ("time", stop.timeOfDay.map(ErgastJSON.string)), ("duration", stop.duration.map(ErgastJSON.string))
        ])
    }

    // MARK: Numbers

    /// Points as Ergast writes them: `25`, `12.5`, rounded to 2 decimals (`1/7` is `0.14`).
    static func points(_ points: Points) -> String { points.formatted }

    /// A decimal without a trailing `.0` (`40.3725`, `-1.01694`, `12`).
    static func decimal(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return String(value)
    }
}
