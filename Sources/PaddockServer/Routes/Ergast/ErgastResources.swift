import Foundation
import Projections
import SeasonDomain

/// Answers one parsed Ergast request over the seasons it concerns: selects what the filters keep,
/// pages it (`limit`, `offset`) and writes it in Ergast's table (`RaceTable` with its `Races`,
/// `DriverTable`, `StandingsTable`...). Filters follow Jolpica-F1: season, round and circuit select
/// rounds; drivers and constructors select who took part (or, with the next filters, race rows);
/// grid, results, fastest and status select race rows (for `sprint`, sprint rows).
struct ErgastResources {
    /// The request with its ids resolved (an alias read as its entity) and its round worked out.
    struct Query {
        var path: ErgastPath
        var driver: String?
        var constructor: String?
        var circuit: String?
        /// The round asked for, `last` and `next` worked out; nil when the path names none.
        var round: Int?
        var limit: Int
        var offset: Int

        func number(_ filter: ErgastPath.Filter) -> Int? { path.filters[filter].flatMap { Int($0) } }
    }

    /// A page of a table: how many items the filters keep in all, and the table's members.
    struct Page {
        var total: Int
        var tableName: String
        var table: [(String, ErgastJSON)]
    }

    let query: Query
    let objects: ErgastObjects
    /// The seasons asked for, oldest first (all of the championship's when the path names none).
    let seasons: [ErgastSeason]

    // MARK: Filters

    private var grid: Int? { query.number(.grid) }
    private var position: Int? { query.number(.results) }
    private var fastest: Int? { query.number(.fastest).flatMap { $0 == 0 ? nil : $0 } }
    private var status: Int? { query.number(.status) }
    private var hasRowFilters: Bool { grid != nil || position != nil || fastest != nil || status != nil }

    private func roundMatches(_ round: ErgastSeason.Round) -> Bool {
        if let wanted = query.round, round.round != wanted { return false }
        if let circuit = query.circuit, round.circuit != circuit { return false }
        return true
    }

    private func rowMatches(_ row: ErgastSeason.Row) -> Bool {
        if let driver = query.driver, row.competitor != driver { return false }
        if let constructor = query.constructor, row.team != constructor { return false }
        if let grid, row.grid != grid { return false }
        if let position, row.classified != position { return false }
        if let fastest, row.fastest?.rank != fastest { return false }
        if let status, row.status.id != status { return false }
        return true
    }

    /// Whether the round has someone the driver and constructor filters keep (a race row the row
    /// filters keep, when there are some).
    private func takesPart(_ season: ErgastSeason, _ round: ErgastSeason.Round) -> Bool {
        if hasRowFilters { return round.race.contains(where: rowMatches) }
        if query.driver == nil && query.constructor == nil { return true }
        return season.participants(round).contains { keeps($0.driver, $0.team) }
    }

    private func keeps(_ driver: String, _ team: String?) -> Bool {
        (query.driver == nil || driver == query.driver) && (query.constructor == nil || team == query.constructor)
    }

    /// The selected rounds of every season, with their season.
    private var selectedRounds: [(season: ErgastSeason, round: ErgastSeason.Round)] {
        seasons.flatMap { season in season.rounds.filter { roundMatches($0) && takesPart(season, $0) }.map { (season, $0) } }
    }

    /// The race row of a driver in a round that the row filters keep (for qualifying and pit stops).
    private func raceRowKeeps(_ driver: String, in round: ErgastSeason.Round) -> Bool {
        !hasRowFilters || round.race.contains { $0.competitor == driver && rowMatches($0) }
    }

    // MARK: Answer

    func page() -> Page {
        switch query.path.resource {
        case .seasons: return seasonsPage()
        case .races:
            return paged("RaceTable", "Races", selectedRounds.map { .object(objects.race($0.season.key.season, $0.round, sessions: true)) })
        case .circuits:
            var seen = Set<String>()
            let ids = selectedRounds.compactMap(\.round.circuit).filter { seen.insert($0).inserted }.sorted()
            return paged("CircuitTable", "Circuits", ids.map(objects.circuit))
        case .drivers:
            let ids = people(row: { $0.competitor }, participant: { $0.driver })
            let sorted = ids.sorted { (objects.sortName(ofDriver: $0), $0) < (objects.sortName(ofDriver: $1), $1) }
            return paged("DriverTable", "Drivers", sorted.map(objects.driver))
        case .constructors:
            let ids = people(row: { $0.team }, participant: { $0.team }).sorted()
            return paged("ConstructorTable", "Constructors", ids.map(objects.constructor))
        case .status: return statusPage()
        case .results: return rowsPage("Results", sprint: false)
        case .sprint: return rowsPage("SprintResults", sprint: true)
        case .qualifying: return qualifyingPage()
        case .pitstops: return pitStopsPage()
        case .laps: return racesPage("Laps", items: [])
        case .driverStandings: return standingsPage(.competitors)
        case .constructorStandings: return standingsPage(.teams)
        }
    }

    private func seasonsPage() -> Page {
        let unfiltered = query.path.filters.isEmpty && query.round == nil
        let years = seasons.filter { season in unfiltered || season.rounds.contains { roundMatches($0) && takesPart(season, $0) } }.map(\.key.season)
        return paged("SeasonTable", "Seasons", years.map { .object([("season", .string(String($0)))]) })
    }

    /// Drivers or teams of the selected rounds: of the race rows the filters keep when there are row
    /// filters, else of who took part.
    private func people(row: (ErgastSeason.Row) -> String?, participant: ((driver: String, team: String?)) -> String?) -> [String] {
        var seen = Set<String>()
        var out: [String] = []
        for (season, round) in selectedRounds {
            let ids =
                hasRowFilters
                ? round.race.filter(rowMatches).compactMap(row)
                : season.participants(round).filter { keeps($0.driver, $0.team) }.compactMap(participant)
            for id in ids where seen.insert(id).inserted { out.append(id) }
        }
        return out
    }

    private func statusPage() -> Page {
        var counts: [ErgastStatus: Int] = [:]
        for (_, round) in selectedRounds {
            for row in round.race where rowMatches(row) { counts[row.status, default: 0] += 1 }
        }
        let ordered = counts.sorted { ($1.value, $0.key.text) < ($0.value, $1.key.text) }
        return paged(
            "StatusTable", "Status",
            ordered.map { status, count in
                .object([("statusId", .string(String(status.id))), ("count", .string(String(count))), ("status", .string(status.text))])
            })
    }

    private func rowsPage(_ listName: String, sprint: Bool) -> Page {
        var items: [RaceItem] = []
        for season in seasons {
            for round in season.rounds where roundMatches(round) {
                for row in sprint ? round.sprint : round.race where rowMatches(row) {
                    if let wanted = query.path.number, row.classified != wanted { continue }
                    items.append(RaceItem(season: season, round: round) { objects.result(row, points: season.points(of: row)) })
                }
            }
        }
        return racesPage(listName, items: items)
    }

    private func qualifyingPage() -> Page {
        var items: [RaceItem] = []
        for season in seasons {
            for round in season.rounds where roundMatches(round) {
                for row in round.qualifying where keeps(row.competitor, row.team) && raceRowKeeps(row.competitor, in: round) {
                    if let wanted = query.path.number, row.position != wanted { continue }
                    items.append(RaceItem(season: season, round: round) { objects.qualifying(row) })
                }
            }
        }
        return racesPage("QualifyingResults", items: items)
    }

    private func pitStopsPage() -> Page {
        var items: [RaceItem] = []
        let lap = query.number(.laps)
        for season in seasons {
            for round in season.rounds where roundMatches(round) {
                let teams = Dictionary(season.participants(round).map { ($0.driver, $0.team) }, uniquingKeysWith: { a, _ in a })
                for stop in round.pitStops where keeps(stop.competitor, teams[stop.competitor] ?? nil) && raceRowKeeps(stop.competitor, in: round) {
                    if let lap, stop.lap != lap { continue }
                    if let wanted = query.path.number, stop.stop != wanted { continue }
                    items.append(RaceItem(season: season, round: round) { objects.pitStop(stop) })
                }
            }
        }
        return racesPage("PitStops", items: items)
    }

    // MARK: Standings

    private func standingsPage(_ kind: StandingsKind) -> Page {
        struct Item { var season: Int; var round: Int; var row: () -> ErgastJSON }
        var items: [Item] = []
        for season in seasons {
            guard let round = query.round ?? season.lastRoundWithResults,
                season.hasResults(round)
            else { continue }
            let table = season.standings(kind, afterRound: round)
            let excludedFrom = season.exclusionTables()
            let teams = kind == .competitors ? season.teamsByDriver(upTo: round) : [:]
            let entity = kind == .competitors ? query.driver : query.constructor
            var rows = table.rows.map { (row: $0, excluded: false) }
            rows += table.excluded.sorted { $0.points > $1.points }.map { (row: $0, excluded: true) }
            for (row, excluded) in rows {
                if let entity, row.competitor != entity { continue }
                if let wanted = query.path.number, row.position != wanted || excluded { continue }
                items.append(
                    Item(season: season.key.season, round: round) {
                        standingRow(
                            row, excluded: excluded ? excludedFrom[row.competitor] ?? (kind == .teams ? .teams : .competitors) : nil,
                            kind: kind, teams: teams[row.competitor] ?? [])
                    })
            }
        }
        let shown = Array(items.dropFirst(query.offset).prefix(query.limit))
        var lists: [ErgastJSON] = []
        var current: (season: Int, round: Int, rows: [ErgastJSON])?
        let listKey = kind == .competitors ? "DriverStandings" : "ConstructorStandings"
        func close() {
            guard let c = current else { return }
            lists.append(.object(listCriteria(season: c.season, round: c.round) + [(listKey, .array(c.rows))]))
        }
        for item in shown {
            if current?.season != item.season { close(); current = (item.season, item.round, []) }
            current?.rows.append(item.row())
        }
        close()
        var criteria = tableCriteria()
        if query.path.season != nil, let first = items.first, query.round == nil {
            // The table stands after the season's last round with results: Ergast names it.
            criteria.insert(("round", .string(String(first.round))), at: min(1, criteria.count))
        }
        return Page(total: items.count, tableName: "StandingsTable", table: criteria + [("StandingsLists", .array(lists))])
    }

    /// One standings row: an excluded one has no position, and `D` (a driver excluded from the
    /// drivers' table, his results' points shown) or `E` (a team excluded from the teams' table:
    /// its points taken away, shown as 0), as Ergast writes them.
    private func standingRow(_ row: StandingRow, excluded: ChampionshipTable?, kind: StandingsKind, teams: [String]) -> ErgastJSON {
        let positionText: String
        var points = row.points
        switch excluded {
        case .competitors?: positionText = "D"
        case .teams?:
            positionText = "E"
            points = .zero
        case nil: positionText = row.position.map(String.init) ?? "-"
        }
        var members: [(String, ErgastJSON?)] = [
            ("position", excluded == nil ? row.position.map { .string(String($0)) } : nil), ("positionText", .string(positionText)),
            ("points", .string(ErgastObjects.points(points))), ("wins", .string(String(row.wins)))
        ]
        if kind == .competitors {
            members.append(("Driver", objects.driver(row.competitor)))
            members.append(("Constructors", .array(teams.map(objects.constructor))))
        } else {
            members.append(("Constructor", objects.constructor(row.competitor)))
        }
        return .members(members)
    }

    private func listCriteria(season: Int, round: Int) -> [(String, ErgastJSON)] {
        [("season", .string(String(season))), ("round", .string(String(round)))]
    }

    // MARK: Paging and tables

    /// An item of a race-grouped table, rendered only when its page shows it.
    private struct RaceItem {
        var season: ErgastSeason
        var round: ErgastSeason.Round
        var render: () -> ErgastJSON
    }

    /// Rows grouped by race, after paging: each race once, with the page's rows of it.
    private func racesPage(_ listName: String, items: [RaceItem]) -> Page {
        let shown = items.dropFirst(query.offset).prefix(query.limit)
        var races: [ErgastJSON] = []
        var current: (key: String, race: [(String, ErgastJSON)], rows: [ErgastJSON])?
        func close() {
            guard let c = current else { return }
            races.append(.object(c.race + [(listName, .array(c.rows))]))
        }
        for item in shown {
            let key = "\(item.season.key.season)/\(item.round.round)"
            if current?.key != key {
                close()
                current = (key, objects.race(item.season.key.season, item.round), [])
            }
            current?.rows.append(item.render())
        }
        close()
        return Page(total: items.count, tableName: "RaceTable", table: tableCriteria() + [("Races", .array(races))])
    }

    private func paged(_ tableName: String, _ listName: String, _ all: [ErgastJSON]) -> Page {
        Page(
            total: all.count, tableName: tableName,
            table: tableCriteria() + [(listName, .array(Array(all.dropFirst(query.offset).prefix(query.limit))))])
    }

    /// The filters, echoed as Ergast does (`season`, `round`, `circuitId`, `constructorId`, `driverId`,
    /// `grid`, `position`, `fastest`, `status`, `lap`, then the final value's name).
    func tableCriteria() -> [(String, ErgastJSON)] {
        let path = query.path
        var out: [(String, ErgastJSON)] = []
        if let season = seasons.count == 1 && path.season != nil ? seasons.first?.key.season : nil {
            out.append(("season", .string(String(season))))
        } else if case .year(let year)? = path.season {
            out.append(("season", .string(String(year))))
        }
        if let round = query.round { out.append(("round", .string(String(round)))) }
        let names: [(ErgastPath.Filter, String)] = [
            (.circuits, "circuitId"), (.constructors, "constructorId"), (.drivers, "driverId"), (.grid, "grid"),
            (.results, "position"), (.fastest, "fastest"), (.status, "status"), (.laps, "lap")
        ]
        for (filter, name) in names {
            if let value = path.filters[filter] { out.append((name, .string(value))) }
        }
        if let number = path.number {
            switch path.resource {
            case .results: out.append(("position", .string(String(number))))
            case .pitstops: out.append(("stop", .string(String(number))))
            case .laps: out.append(("lap", .string(String(number))))
            case .driverStandings: out.append(("driverStandings", .string(String(number))))
            case .constructorStandings: out.append(("constructorStandings", .string(String(number))))
            default: break
            }
        }
        return out
    }
}
