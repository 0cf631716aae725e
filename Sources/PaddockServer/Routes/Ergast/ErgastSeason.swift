import Foundation
import Projections
import SeasonDomain

/// One season as Ergast's resources read it, at a cut: its rounds (calendar, circuit, session times),
/// each round's race and sprint rows with the points the rules gave them, grids, fastest laps,
/// qualifying and pit stops, and who took part. Derived from the season's ledger with the
/// projections' own folds: points come from the standings' explanations, never computed again.
///
/// ```swift
/// let season = ErgastSeason(ledger: ledger, cut: Cut(asOf: "2021-08-29"))
/// season.rounds.first?.race.first.map(season.points(of:))   // what the rules gave the winner of round 1
/// ```
final class ErgastSeason {
    let key: SeasonKey
    /// The ledger restricted to the cut (round cuts are the path's business, not the ledger's).
    let ledger: SeasonLedger
    let cut: Cut

    init(ledger: SeasonLedger, cut: Cut) {
        self.key = ledger.key
        self.cut = cut
        self.ledger = ledger.restricted(to: cut)
    }

    /// One row of a race or sprint, with what Ergast shows of it.
    struct Row {
        var result: ClassifiedResult
        var round: Int
        var session: String
        /// 1-based place in the classification's order: Ergast's `position` for a car not classified
        /// (a classified car's is its classified position, which the drivers of a shared car share).
        var order: Int
        var status: ErgastStatus
        /// The starting position; 0 for the pit lane.
        var grid: Int?
        var fastest: FastestLap?
        /// The first classified row's time (`1:32:03.897`), which the others' gaps are from.
        var winnerTime: String?
        /// A car with a qualifying result and no row in the race: it did not qualify (Ergast's `F`).
        var didNotQualify = false
        var competitor: String { result.competitor }

        /// A classified car's time: its milliseconds, and the time itself for the winner, else the
        /// gap to the winner (`+0.745`, as the source wrote it or worked out). Nil without a time.
        var time: (millis: Int, text: String)? {
            guard result.status == .classified, let own = result.time, let millis = TimingText.milliseconds(own) else { return nil }
            let winner = winnerTime.flatMap(TimingText.milliseconds)
            if own == winnerTime || millis == winner { return (millis, own) }
            if let gap = result.gap, gap.hasPrefix("+") { return (millis, gap) }
            guard let winner, millis > winner else { return nil }
            return (millis, "+" + ErgastSeason.format(millis - winner))
        }
        var team: String? { result.team }
        /// The classified position (nil for a car not classified).
        var classified: Int? { result.status == .classified ? result.position : nil }
    }

    struct Round {
        var round: Int
        var name: String?
        var date: PartialDate?
        var time: String?
        var circuit: String?
        var sessions: [ScheduledSession]
        var race: [Row]
        var sprint: [Row]
        var qualifying: [QualifyingResult]
        var pitStops: [PitStop]
        /// Whether the round's race has a classification (what `last` and `next` count).
        var hasResults: Bool { !race.isEmpty }
    }

    // MARK: Rounds

    private(set) lazy var rounds: [Round] = buildRounds()

    /// Every session's classification as the tables read it (corrections and penalties applied).
    private lazy var classifications = StandingsCalculator(ledger: ledger, className: nil, cut: cut).classifications()

    /// Each round's race (`race`, else `final`, else `overall`) and sprint: what standings need of
    /// the rounds, without the rows' timing facts.
    private lazy var raceSessions: [(round: Int, race: Classification, sprint: Classification?)] = {
        Dictionary(grouping: classifications, by: \.fact.round).compactMap { round, sessions in
            Self.raceSession(sessions).map { (round, $0.fact, sessions.first { $0.fact.kind == .sprint }?.fact) }
        }.sorted { $0.round < $1.round }
    }()

    /// Whether a round's race has a classification in the cut.
    func hasResults(_ round: Int) -> Bool { raceSessions.contains { $0.round == round } }

    private func buildRounds() -> [Round] {
        let calendar = ledger.calendar(cut: cut)
        let sessions = classifications
        var numbers = Set(calendar.rounds.filter { $0.status != .cancelled }.map(\.round))
        numbers.formUnion(sessions.map(\.fact.round))
        let byRound = Dictionary(grouping: calendar.rounds, by: \.round)
        return numbers.sorted().map { n in
            let scheduled = byRound[n]?.first
            let details = latest.details[n]
            let raceSession = Self.raceSession(sessions.filter { $0.fact.round == n })
            let sprintSession = sessions.first { $0.fact.round == n && $0.fact.kind == .sprint }
            let qualifying = latest.qualifying[Self.key(n, "qualifying")]?.results ?? []
            let race = rows(raceSession, round: n) + nonQualifiers(raceSession, qualifying, round: n)
            let sprint = rows(sprintSession, round: n)
            let pitStops = latest.pitStops[Self.key(n, raceSession?.fact.session ?? "race")]?.stops ?? []
            let raceDay = details?.sessions?.first { $0.kind == .race }
            return Round(
                round: n, name: scheduled?.name, date: raceDay?.date ?? scheduled?.endDate ?? scheduled?.startDate, time: raceDay?.time,
                circuit: details?.circuit, sessions: details?.sessions ?? [], race: race, sprint: sprint, qualifying: qualifying,
                pitStops: pitStops)
        }
    }

    /// The round's race: a `race`, else a `final`, else an `overall` classification.
    static func raceSession(_ sessions: [Recorded<Classification>]) -> Recorded<Classification>? {
        for kind in [SessionKind.race, .final, .overall] {
            if let found = sessions.first(where: { $0.fact.kind == kind }) { return found }
        }
        return nil
    }

    /// The timing facts that stand, by round (and session): a later record replaces an earlier one.
    private struct Latest {
        var details: [Int: RoundDetailsRecorded] = [:]
        var grids: [String: StartingGridRecorded] = [:]
        var fastestLaps: [String: FastestLapsRecorded] = [:]
        var qualifying: [String: QualifyingRecorded] = [:]
        var pitStops: [String: PitStopsRecorded] = [:]
    }

    private lazy var latest: Latest = {
        var out = Latest()
        let timing = ledger.timing
        func live<E: DomainEvent & RoundScoped>(_ record: Recorded<E>) -> Bool { !ledger.isRetracted(record.meta) && record.fact.className == nil }
        for r in timing.roundDetails where live(r) { out.details[r.fact.round] = r.fact }
        for r in timing.grids where live(r) { out.grids[Self.key(r.fact.round, r.fact.session)] = r.fact }
        for r in timing.fastestLaps where live(r) { out.fastestLaps[Self.key(r.fact.round, r.fact.session)] = r.fact }
        for r in timing.qualifying where live(r) { out.qualifying[Self.key(r.fact.round, r.fact.session)] = r.fact }
        for r in timing.pitStops where live(r) { out.pitStops[Self.key(r.fact.round, r.fact.session)] = r.fact }
        return out
    }()

    private static func key(_ round: Int, _ session: String) -> String { "\(round)\u{1}\(session)" }

    private func rows(_ session: Recorded<Classification>?, round: Int) -> [Row] {
        guard let session else { return [] }
        let c = session.fact
        let grid = latest.grids[Self.key(round, c.session)]?.positions ?? []
        let laps = latest.fastestLaps[Self.key(round, c.session)]?.laps ?? []
        let leaderLaps = c.results.first { $0.status == .classified }?.laps
        let winnerTime = c.results.first { $0.status == .classified }?.time
        return c.results.enumerated().map { index, row in
            func same(_ competitor: String, _ number: String?) -> Bool { competitor == row.competitor && (number == nil || number == row.number) }
            let start = grid.first { same($0.competitor, $0.number) }
            return Row(
                result: row, round: round, session: c.session, order: index + 1,
                status: ErgastStatus.of(row, leaderLaps: leaderLaps),
                grid: start.map { $0.pitLane == true ? 0 : $0.position ?? 0 },
                fastest: laps.first { same($0.competitor, $0.number) }, winnerTime: winnerTime)
        }
    }

    /// The points the rules gave a row (its result and bonus lines in the competitors' explanations).
    func points(of row: Row) -> Points {
        pointsByRow[Self.rowKey(row.competitor, row.round, row.session, row.result.position)] ?? .zero
    }

    /// Worked out once, when a resource first shows points.
    private lazy var pointsByRow: [String: Points] = {
        let explanations = StandingsCalculator(ledger: ledger, className: nil, cut: cut).competitors().explanations
        var out: [String: Points] = [:]
        for explanation in explanations.values {
            for line in explanation.lines where line.kind == .result || line.kind == .bonus {
                guard let round = line.round, let session = line.session else { continue }
                out[Self.rowKey(line.competitor, round, session, line.classifiedPosition), default: .zero] += line.points
            }
        }
        return out
    }()

    /// Rows for the cars that qualified (a qualifying result) but have no row in the race: the
    /// non-qualifiers, after the race's own rows.
    private func nonQualifiers(_ session: Recorded<Classification>?, _ qualifying: [QualifyingResult], round: Int) -> [Row] {
        guard let session else { return [] }
        let raced = Set(session.fact.results.map(\.competitor))
        let count = session.fact.results.count
        return qualifying.filter { !raced.contains($0.competitor) }.enumerated().map { index, q in
            Row(
                result: ClassifiedResult(position: nil, competitor: q.competitor, team: q.team, number: q.number, status: .dns),
                round: round, session: session.fact.session, order: count + index + 1, status: .didNotQualify, didNotQualify: true)
        }
    }

    static func rowKey(_ competitor: String, _ round: Int, _ session: String, _ position: Int?) -> String {
        "\(competitor)\u{1}\(round)\u{1}\(session)\u{1}\(position ?? -1)"
    }

    /// Every (driver, team) that took part in a round: its race and sprint rows, its qualifying, the
    /// entries for it. Worked out when a filter asks, once per round.
    func participants(_ round: Round) -> [(driver: String, team: String?)] {
        if let known = participantsByRound[round.round] { return known }
        let found = participants(round.round, round.race + round.sprint, round.qualifying)
        participantsByRound[round.round] = found
        return found
    }

    private var participantsByRound: [Int: [(driver: String, team: String?)]] = [:]

    private func participants(_ round: Int, _ rows: [Row], _ qualifying: [QualifyingResult]) -> [(driver: String, team: String?)] {
        var seen = Set<String>()
        var out: [(driver: String, team: String?)] = []
        func add(_ driver: String, _ team: String?) {
            if seen.insert("\(driver)\u{1}\(team ?? "")").inserted { out.append((driver, team)) }
        }
        for row in rows { add(row.competitor, row.team) }
        for row in qualifying { add(row.competitor, row.team) }
        for entry in ledger.entries
        where !ledger.isRetracted(entry.meta) && entry.fact.className == nil
            && (entry.fact.rounds?.contains(round) ?? true)
        {
            add(entry.fact.competitor, entry.fact.team)
        }
        return out
    }

    /// `1:23.456`-style text of a duration.
    static func format(_ millis: Int) -> String {
        let ms = millis % 1000, totalSeconds = millis / 1000
        let s = totalSeconds % 60, m = (totalSeconds / 60) % 60, h = totalSeconds / 3600
        let fraction = ms < 10 ? "00\(ms)" : ms < 100 ? "0\(ms)" : "\(ms)"
        let seconds = s < 10 && (m > 0 || h > 0) ? "0\(s)" : "\(s)"
        if h > 0 { return "\(h):\(m < 10 ? "0\(m)" : "\(m)"):\(seconds).\(fraction)" }
        if m > 0 { return "\(m):\(seconds).\(fraction)" }
        return "\(seconds).\(fraction)"
    }

    // MARK: Standings

    /// The drivers' or constructors' table after a round, computed by the season's rules.
    func standings(_ kind: StandingsKind, afterRound round: Int) -> StandingsTable {
        var at = cut
        at.afterRound = round
        let calculator = StandingsCalculator(ledger: ledger, className: nil, cut: at)
        return (kind == .competitors ? calculator.competitors() : calculator.teams()).table
    }

    /// Each exclusion's table: a driver excluded from the drivers' table (Ergast's `D`) or a team
    /// from the constructors' (`E`).
    func exclusionTables() -> [String: ChampionshipTable] {
        var out: [String: ChampionshipTable] = [:]
        for penalty in ledger.penalties where penalty.fact.kind == .exclusion && !ledger.isRetracted(penalty.meta) {
            out[penalty.fact.competitor] = penalty.fact.table ?? .competitors
        }
        return out
    }

    /// The round a table stands after when none is asked: the last with results in the cut.
    var lastRoundWithResults: Int? { raceSessions.last?.round }

    /// The teams each driver raced for up to a round, in the order of their first race.
    func teamsByDriver(upTo round: Int) -> [String: [String]] {
        var out: [String: [String]] = [:]
        for r in raceSessions where r.round <= round {
            for rows in [r.race.results, r.sprint?.results ?? []] {
                for row in rows {
                    guard let team = row.team else { continue }
                    if out[row.competitor]?.contains(team) != true { out[row.competitor, default: []].append(team) }
                }
            }
        }
        return out
    }
}

/// Timing events of one round and class, for ``ErgastSeason``'s lookups.
protocol RoundScoped {
    var round: Int { get }
    var className: String? { get }
}

extension RoundDetailsRecorded: RoundScoped { var className: String? { nil } }
extension StartingGridRecorded: RoundScoped {}
extension FastestLapsRecorded: RoundScoped {}
extension QualifyingRecorded: RoundScoped {}
extension PitStopsRecorded: RoundScoped {}
