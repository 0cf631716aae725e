import Chronology
import EventStore
import Foundation
import Paddock
import SeasonDomain

/// Converts one F1DB season into events (nothing is appended here).
struct SeasonBuilder {
    let source: F1DBSource
    let season: F1DBSeason
    let rules: F1DBRuleFile

    var year: Int { season.year }
    var c: String { F1DBImporter.championship }

    /// Constructors that ran more than one engine make this season: their cars are separate teams in
    /// F1DB's constructors' table (Lotus-Climax and Lotus-BRM in 1962), so their team id carries the engine.
    var multiEngine: Set<String> {
        var engines: [String: Set<String>] = [:]
        for race in season.races {
            for row in race.results + (race.sprint ?? []) { engines[row.constructorId, default: []].insert(row.engineManufacturerId ?? "") }
        }
        return Set(engines.filter { $0.value.count > 1 }.keys)
    }

    /// A team this season names: its name, and the F1DB constructor it is (or a car of).
    struct UsedTeam: Sendable { var name: String; var constructor: String }

    func build() throws -> (F1DBImporter.SeasonPlan, Set<String>, [String: UsedTeam]) {
        let multiEngine = self.multiEngine
        var usedTeams: [String: UsedTeam] = [:]
        func team(_ constructor: String, _ engine: String?) -> String {
            let id = multiEngine.contains(constructor) && engine != nil ? "\(constructor)-\(engine!)" : constructor
            if usedTeams[id] == nil {
                let name = source.constructors[constructor]?.name ?? constructor
                usedTeams[id] = UsedTeam(
                    name: id == constructor ? name : "\(name) (\(source.constructors[engine!]?.name ?? engine!) engine)",
                    constructor: constructor)
            }
            return id
        }
        var usedDrivers = Set<String>()
        var events: [F1DBImporter.Pending] = []
        let file = "\(year)"
        func add<E: DomainEvent>(_ e: E, _ key: String, _ at: String, _ context: String) throws {
            events.append(try F1DBImporter.pending(e, key: "\(year):\(key)", occurredAt: at, context: context))
        }
        let dates = Dictionary(season.races.map { ($0.round, $0.race.date) }, uniquingKeysWith: { a, _ in a })
        try add(SeasonOpened(championship: c, season: year, name: "\(year) Formula One World Championship"), "season", file, file)
        events.append(try F1DBImporter.pending(.rulesDeclared(rules.declaration), key: "\(year):rules", occurredAt: file, context: rules.path))

        // Calendar.
        for race in season.races {
            let r = race.race
            let circuit = source.circuits[r.circuitId]
            let country = circuit?.countryId.flatMap { source.countries[$0]?.name }
            let gp = source.grandsPrix[r.grandPrixId]
            guard let date = try? PartialDate(r.date) else { throw F1DBError(file: race.directory + "/race.yml", "date: '\(r.date)' is not a date") }
            try add(
                RoundScheduled(
                    championship: c, season: year, round: r.round, name: gp?.fullName ?? gp?.name ?? r.officialName,
                    venue: circuit?.name ?? r.circuitId, country: country, startDate: date),
                "round:\(r.round)", file, race.directory)
        }

        // Entries: one per entrant, constructor and driver, with its rounds.
        struct Entry { var driver: String; var team: String; var car: String?; var rounds: [Int]; var key: String }
        var entries: [Entry] = []
        let lastRound = season.races.map(\.round).max() ?? 0
        var chassisOf: [String: String] = [:]  // "driver|constructor" → car
        for (ei, entrant) in season.entrants.enumerated() {
            for (ci, con) in entrant.constructors.enumerated() {
                guard let constructor = con.constructorId else {
                    throw F1DBError(file: "\(year)/entrants.yml", "[\(ei)] (\(entrant.entrantId)): missing constructorId")
                }
                let car = con.chassisIds.isEmpty ? nil : con.chassisIds.joined(separator: " / ")
                for (di, d) in con.driverEntries.enumerated() {
                    let rounds = try Self.rounds(
                        d.rounds, "\(year)/entrants.yml", "[\(ei)] \(entrant.entrantId) \(d.driverId)",
                        lastRound: lastRound)
                    if let car, chassisOf["\(d.driverId)|\(constructor)"] == nil { chassisOf["\(d.driverId)|\(constructor)"] = car }
                    if rounds.isEmpty { continue }  // test drivers (Friday practice only): not an entry for the races
                    usedDrivers.insert(d.driverId)
                    entries.append(
                        Entry(
                            driver: d.driverId, team: team(constructor, con.engineManufacturerId), car: car, rounds: rounds,
                            key: "entry:\(entrant.entrantId):\(ci):\(d.driverId):\(di)"))
                }
            }
        }
        var numbers: [String: String] = [:]
        for race in season.races { for row in race.results where numbers[row.driverId] == nil { numbers[row.driverId] = row.driverNumber } }
        for e in entries {
            let first = e.rounds.min()!
            try add(
                EntryConfirmed(
                    championship: c, season: year, competitor: e.driver, team: e.team, car: e.car,
                    number: numbers[e.driver], rounds: e.rounds),
                e.key, dates[first] ?? file, "\(year)/entrants.yml")
        }
        // Team changes: a driver whose entries move to another constructor from a later round.
        for (driver, own) in Dictionary(grouping: entries, by: \.driver).sorted(by: { $0.key < $1.key }) {
            let ordered = own.sorted { ($0.rounds.min()!, $0.key) < ($1.rounds.min()!, $1.key) }
            var current = ordered[0]
            for next in ordered.dropFirst() where next.team != current.team && next.rounds.min()! > current.rounds.min()! {
                let from = next.rounds.min()!
                try add(
                    TeamChanged(championship: c, season: year, competitor: driver, fromTeam: current.team, toTeam: next.team, fromRound: from),
                    "teamchange:\(driver):\(from):\(next.team)", dates[from] ?? file, "\(year)/entrants.yml")
                current = next
            }
        }

        // Sessions.
        var complete = !season.races.isEmpty
        for race in season.races {
            let r = race.race
            let awards = rules.fastestLapAwards.filter { $0.round == r.round }
            if let sprint = race.sprint, !sprint.isEmpty {
                let rows = try classification(
                    sprint, fastest: nil, awards: [], team: team, chassisOf: chassisOf, context: race.directory + "/sprint-race-results.yml")
                usedDrivers.formUnion(rows.map(\.competitor))
                try add(
                    SessionClassified(
                        championship: c, season: year, round: r.round, session: "sprint", kind: .sprint,
                        completedDistance: Self.distance(r.sprintRaceLaps, r.sprintRaceScheduledLaps), results: rows),
                    "sprint:\(r.round)", Self.occurredAt(r.sprintRaceDate ?? r.date, r.sprintRaceTime), race.directory)
            }
            guard !race.results.isEmpty else {
                complete = false
                continue
            }
            let rows = try classification(
                race.results, fastest: race.fastestLaps, awards: awards, team: team, chassisOf: chassisOf,
                context: race.directory + "/race-results.yml")
            usedDrivers.formUnion(rows.map(\.competitor))
            try add(
                SessionClassified(
                    championship: c, season: year, round: r.round, session: "race", kind: .race,
                    completedDistance: Self.distance(r.laps, r.scheduledLaps), results: rows),
                "race:\(r.round)", Self.occurredAt(r.date, r.time), race.directory)
        }

        // Timing data (circuits, session times, grids, fastest laps, qualifying, pit stops): facts a later
        // importer added, appended in batches of their own (see F1DBImporter.Pending.generation).
        for race in season.races {
            for t in timing(race, team: team) {
                events.append(
                    try F1DBImporter.pending(
                        t.event, key: t.key, occurredAt: t.occurredAt, context: t.context,
                        generation: F1DBImporter.timingGeneration))
            }
        }

        // Declared exceptions (facts A9/A10), dated at their round.
        for (key, event) in rules.exceptions {
            let round =
                event.round
                ?? {
                    if case .pointsAdjusted(let a) = event { return a.afterRound } else { return nil }
                }()
            guard let round, let date = dates[round] else {
                throw F1DBError(file: rules.path, "exception \(key): no round \(event.round.map(String.init) ?? "?") in \(year)")
            }
            events.append(try F1DBImporter.pending(event, key: key, occurredAt: date, context: rules.path))
        }

        // Titles named by F1DB's final standings (only for a finished season).
        let lastDate = season.races.last?.race.date ?? file
        var titlesFromF1DB = false
        if complete, let final = season.driverStandings {
            titlesFromF1DB = true
            for row in final where row.position == "1" {
                guard let id = row.driverId else { continue }
                try add(
                    TitleAwarded(
                        championship: c, season: year, competitor: id, title: "World Drivers' Champion",
                        reason: "F1DB final standings (\(year)/driver-standings.yml): position 1"),
                    "title:drivers:\(id)", lastDate, "\(year)/driver-standings.yml")
            }
            for row in season.constructorStandings ?? [] where row.position == "1" {
                guard let id = row.constructorId else { continue }
                let teamId = team(id, row.engineManufacturerId)
                try add(
                    TitleAwarded(
                        championship: c, season: year, team: teamId, title: "World Constructors' Champion",
                        reason: "F1DB final standings (\(year)/constructor-standings.yml): position 1"),
                    "title:constructors:\(teamId)", lastDate, "\(year)/constructor-standings.yml")
            }
        }
        let plan = F1DBImporter.SeasonPlan(year: year, events: events, complete: complete, titlesFromF1DB: titlesFromF1DB, lastDate: lastDate)
        return (plan, usedDrivers, usedTeams)
    }

    // MARK: - Classification

    /// F1DB rows → Paddock rows: did-not-qualify rows left out, shared cars grouped by position and
    /// car number, fastest-lap holders marked.
    func classification(
        _ input: [YResult], fastest: [YFastestLap]?, awards: [F1DBRuleFile.FastestLapAward],
        team: (String, String?) -> String, chassisOf: [String: String], context: String
    ) throws -> [ClassifiedResult] {
        let started = input.filter { !["DNQ", "DNPQ", "DNP"].contains($0.position ?? "") }
        var groups: [String: [Int]] = [:]
        for (i, row) in started.enumerated() { groups["\(row.position ?? "-")|\(row.driverNumber ?? "-")", default: []].append(i) }
        var rows: [ClassifiedResult] = []
        for (i, row) in started.enumerated() {
            let position = row.position.flatMap(Int.init)
            let status: ResultStatus
            if position != nil {
                status = .classified
            } else if let text = row.position, let s = ResultStatus(rawValue: text) {
                status = s
            } else {
                throw F1DBError(
                    file: context, "[\(i)] \(row.driverId): position '\(row.position ?? "")' is neither a number nor DNF, DNS, DSQ, NC, EX, DNQ, DNPQ, DNP")
            }
            let group = groups["\(row.position ?? "-")|\(row.driverNumber ?? "-")"] ?? [i]
            // A shared car: same position (or status) and car number, with a relief driver marked sharedCar.
            let shared = group.count > 1 && group.contains { started[$0].sharedCar == true }
            var others: [String] = []
            if shared {
                for j in group where j != i && started[j].driverId != row.driverId && !others.contains(started[j].driverId) {
                    others.append(started[j].driverId)
                }
            }
            rows.append(
                ClassifiedResult(
                    position: position, competitor: row.driverId, sharedWith: others.isEmpty ? nil : others,
                    team: team(row.constructorId, row.engineManufacturerId), car: chassisOf["\(row.driverId)|\(row.constructorId)"],
                    number: row.driverNumber, status: status, reason: row.reasonRetired, laps: row.laps, time: row.time, gap: row.gap))
        }
        // Fastest lap: the row of that driver in that car; else (A9: a driver in two cars) his other row.
        var holders = (fastest ?? []).filter { $0.position == "1" }
        if !awards.isEmpty { holders = holders.filter { h in awards.contains { $0.competitor == h.driverId } } }
        for h in holders {
            guard
                let index = rows.firstIndex(where: { $0.competitor == h.driverId && $0.number == h.driverNumber })
                    ?? rows.firstIndex(where: { $0.competitor == h.driverId })
            else {
                throw F1DBError(file: context, "fastest lap of \(h.driverId) (car \(h.driverNumber ?? "?")): the driver has no row in the results")
            }
            rows[index].fastestLap = true
        }
        // Classified rows in position order, then the others as F1DB lists them.
        let classified = rows.enumerated().filter { $0.element.position != nil }.sorted {
            ($0.element.position!, $0.offset) < ($1.element.position!, $1.offset)
        }
        return classified.map(\.element) + rows.filter { $0.position == nil }
    }

    // MARK: - Helpers

    /// `1-16,18` → [1...16, 18]; `3` → [3]; empty → []. Every round must be one of the season's
    /// (1...`lastRound`): a range is expanded, so `1-9223372036854775807` must not be.
    static func rounds(_ text: String?, _ file: String, _ at: String, lastRound: Int) throws -> [Int] {
        guard let text, !text.trimmingCharacters(in: .whitespaces).isEmpty else { return [] }
        var rounds: [Int] = []
        for part in text.split(separator: ",") {
            let bounds = part.split(separator: "-", omittingEmptySubsequences: false).map { Int($0.trimmingCharacters(in: .whitespaces)) }
            guard (1...2).contains(bounds.count), let from = bounds[0], let to = bounds.last!, from >= 1, from <= to else {
                throw F1DBError(file: file, "\(at): rounds '\(text)' is not a list of rounds (1-16,18)")
            }
            guard to <= lastRound else {
                throw F1DBError(file: file, "\(at): rounds '\(text)' names round \(to), but the season's races end at round \(lastRound)")
            }
            rounds += Array(from...to)
        }
        return Array(Set(rounds)).sorted()
    }

    /// F1DB gives race times in UTC (2024 Bahrain: 15:00, the 18:00 local start): `2024-03-02T15:00:00Z`.
    static func occurredAt(_ date: String, _ time: String?) -> String {
        guard let time, !time.isEmpty else { return date }
        let parts = time.split(separator: ":")
        let padded = parts.count == 2 ? "\(time):00" : time
        let text = "\(date)T\(padded)Z"
        return OccurredAt.isValid(text) ? text : date
    }

    static func distance(_ laps: Int?, _ scheduled: Int?) -> Points? {
        guard let laps, let scheduled, scheduled > 0, laps <= scheduled else { return nil }
        return Points(Int64(laps), Int64(scheduled))
    }
}
