import Foundation
import SeasonDomain

/// A competitor's career across every championship in the log.
public struct Career: Sendable, Equatable, Codable {
    public var competitor: String
    public var name: String
    public var nationality: String?
    public var birthDate: PartialDate?
    public var seasons: [CareerSeason]
    public var starts: Int
    public var wins: Int
    public var podiums: Int
    public var dnfs: Int
    /// Titles awarded, by championship.
    public var titles: [CareerTitle]
}

public struct CareerTitle: Sendable, Equatable, Codable {
    public var championship: String
    public var season: Int
    public var className: String?
    public var title: String?
    public var discipline: Discipline?

    enum CodingKeys: String, CodingKey { case championship, season, className = "class", title, discipline }
}

/// One championship season of a career.
public struct CareerSeason: Sendable, Equatable, Codable {
    public struct Spell: Sendable, Equatable, Codable {
        public var name: String
        public var fromRound: Int?
        public var toRound: Int?
        public var since: PartialDate?
    }

    public struct Retirement: Sendable, Equatable, Codable {
        public var round: Int
        public var session: String?
        public var reason: String?
    }

    public var championship: String
    public var championshipName: String?
    public var discipline: Discipline?
    public var season: Int
    public var classes: [String]
    public var teams: [Spell]
    public var cars: [Spell]
    public var entries: Int
    public var starts: Int
    public var wins: Int
    public var podiums: Int
    public var retirements: [Retirement]
    public var position: Int?
    public var points: Points?
    /// The final position a source published (`StandingsPublished`), for seasons whose table the log cannot compute.
    public var publishedPosition: Int?
    public var titles: [String]
}

extension Timeline {
    /// The career of one competitor, or nil when the log never mentions them.
    public func career(of competitor: String) -> Career? {
        career(of: competitor, in: seasons.keys.sorted().compactMap { seasons[$0] })
    }
}

extension Registries {
    /// The career of one competitor from the ledgers of the seasons that may name them (any order;
    /// seasons that do not name them are skipped), or nil when neither the registers nor the ledgers know them.
    ///
    /// ```swift
    /// let ledgers = index.seasons(naming: "jesse-kallio").map { try await service.ledger($0) }
    /// let career = index.career(of: "jesse-kallio", in: ledgers)
    /// ```
    public func career(of competitor: String, in ledgers: [SeasonLedger]) -> Career? {
        var seasonsOut: [CareerSeason] = []
        var titles: [CareerTitle] = []
        for ledger in ledgers.sorted(by: { $0.key < $1.key }) {
            let key = ledger.key
            guard let season = careerSeason(competitor, in: ledger) else { continue }
            seasonsOut.append(season)
            let discipline = championships[key.championship]?.discipline
            for award in ledger.titles where award.fact.competitor == competitor && !ledger.isRetracted(award.meta) {
                titles.append(
                    CareerTitle(
                        championship: key.championship, season: key.season, className: award.fact.className,
                        title: award.fact.title, discipline: discipline))
            }
        }
        let registered = competitors[competitor]
        guard registered != nil || !seasonsOut.isEmpty else { return nil }
        return Career(
            competitor: competitor, name: registered?.name ?? competitor, nationality: registered?.nationality,
            birthDate: registered?.birthDate, seasons: seasonsOut, starts: seasonsOut.map(\.starts).reduce(0, +),
            wins: seasonsOut.map(\.wins).reduce(0, +), podiums: seasonsOut.map(\.podiums).reduce(0, +),
            dnfs: seasonsOut.map(\.retirements.count).reduce(0, +), titles: titles)
    }

    func careerSeason(_ competitor: String, in ledger: SeasonLedger) -> CareerSeason? {
        let entries = ledger.entries.filter { $0.fact.competitor == competitor && !ledger.isRetracted($0.meta) }
        // Penalties and corrections applied, as the standings see them, for every class.
        let classNames = Set(ledger.classifications.map(\.fact.className))
        let sessions = classNames.flatMap { ActiveResults(ledger, className: $0, cut: .everything).sessions }
        let rows = sessions.flatMap { s in s.classification.results.filter { $0.competitor == competitor }.map { (s.classification, $0) } }
        let titles = ledger.titles.filter { $0.fact.competitor == competitor && !ledger.isRetracted($0.meta) }
        let adjustments = ledger.adjustments.filter { $0.fact.competitor == competitor && !ledger.isRetracted($0.meta) }
        guard !entries.isEmpty || !rows.isEmpty || !titles.isEmpty || !adjustments.isEmpty else { return nil }

        let main = rows.filter { SessionKind.roundDeciding.contains($0.0.kind) }
        // Per race, not per row: a driver who drove two cars in one race started it once.
        func races(_ rows: [(Classification, ClassifiedResult)]) -> Int { Set(rows.map { "\($0.0.round)\u{1}\($0.0.session)" }).count }
        let starts = races(main.filter { $0.1.status != .dns })
        let wins = races(main.filter { $0.1.position == 1 && $0.1.status == .classified })
        let podiums = races(main.filter { ($0.1.position ?? 99) <= 3 && $0.1.status == .classified })
        var retirements = rows.filter { $0.1.status == .dnf }.map {
            CareerSeason.Retirement(round: $0.0.round, session: $0.0.session, reason: $0.1.reason)
        }
        for live in ledger.retirements where live.fact.competitor == competitor && !ledger.isRetracted(live.meta) {
            if !retirements.contains(where: { $0.round == live.fact.round && ($0.session == live.fact.session || live.fact.session == nil) }) {
                retirements.append(.init(round: live.fact.round, session: live.fact.session, reason: live.fact.reason))
            }
        }
        var classes = Array(Set(entries.compactMap(\.fact.className) + rows.compactMap(\.0.className))).sorted()
        if classes.isEmpty, let only = ledger.classes.first, ledger.classes.count == 1 { classes = [only] }

        let className = entries.first?.fact.className ?? rows.first?.0.className
        let result = StandingsCalculator(ledger: ledger, className: className, cut: .everything).competitors()
        let row = result.table.rows.first { $0.competitor == competitor }
        return CareerSeason(
            championship: ledger.key.championship, championshipName: championships[ledger.key.championship]?.name,
            discipline: championships[ledger.key.championship]?.discipline, season: ledger.key.season, classes: classes,
            teams: spells(competitor, ledger: ledger, entries: entries, rows: rows, team: true),
            cars: spells(competitor, ledger: ledger, entries: entries, rows: rows, team: false),
            entries: entries.count, starts: starts, wins: wins, podiums: podiums,
            retirements: retirements.sorted { $0.round < $1.round }, position: ledger.rules.isEmpty ? nil : row?.position,
            points: ledger.rules.isEmpty ? nil : row?.points,
            publishedPosition: result.table.published?.rows.first { $0.competitor == competitor }?.position,
            titles: titles.map { $0.fact.title ?? "champion" })
    }

    /// Teams (or cars) over the season: from results round by round, then entries and declared changes.
    private func spells(
        _ competitor: String, ledger: SeasonLedger, entries: [Recorded<EntryConfirmed>],
        rows: [(Classification, ClassifiedResult)], team: Bool
    ) -> [CareerSeason.Spell] {
        func label(_ id: String) -> String { team ? name(ofTeam: id) : id }
        var byRound: [Int: String] = [:]
        for (session, result) in rows { if let value = team ? result.team : result.car { byRound[session.round] = value } }
        var spells: [CareerSeason.Spell] = []
        for round in byRound.keys.sorted() {
            let value = label(byRound[round]!)
            if let last = spells.last, last.name == value { spells[spells.count - 1].toRound = round; continue }
            spells.append(.init(name: value, fromRound: round, toRound: round, since: nil))
        }
        if spells.isEmpty {
            for entry in entries {
                guard let value = team ? entry.fact.team : entry.fact.car else { continue }
                if !spells.contains(where: { $0.name == label(value) }) {
                    spells.append(.init(name: label(value), fromRound: entry.fact.rounds?.min(), toRound: entry.fact.rounds?.max(), since: nil))
                }
            }
            if team {
                for change in ledger.teamChanges where change.fact.competitor == competitor && !ledger.isRetracted(change.meta) {
                    spells.append(.init(name: label(change.fact.toTeam), fromRound: change.fact.fromRound, toRound: nil, since: change.fact.effectiveDate))
                }
            } else {
                for change in ledger.carChanges where change.fact.competitor == competitor && !ledger.isRetracted(change.meta) {
                    spells.append(.init(name: change.fact.toCar, fromRound: change.fact.fromRound, toRound: nil, since: change.fact.effectiveDate))
                }
            }
        }
        return spells
    }
}

extension SessionKind {
    /// The sessions whose order is a round's result (a race, a rallycross final, a rally's overall):
    /// starts, wins and podiums are counted there when no rule says otherwise.
    static let roundDeciding: Set<SessionKind> = [.race, .final, .overall]
}
