import Foundation
import Hummingbird
import Paddock
import PaddockWeb
import Projections
import SeasonDomain

/// Gathers what the season and explanation pages show from the in-memory projections, with the
/// same parameters and the same derivations as the JSON routes (`class`, `teams`, the cuts).
enum SeasonPageData {
    /// A season, the table asked for, and the cut, as a request names them.
    struct Context {
        var key: SeasonKey
        var index: TimelineIndex
        var ledger: SeasonLedger
        var selection: SeasonSelection
        var classes: [String]
        var hasUnclassedResults: Bool
        var rounds: [SeasonView.RoundLabel]
        /// The ledger restricted to the cut's times and positions (rounds are cut when tables are derived).
        var restricted: SeasonLedger

        var calculator: StandingsCalculator {
            StandingsCalculator(ledger: restricted, className: selection.className, cut: selection.cut)
        }

        func result() -> StandingsCalculator.Result {
            selection.teams ? calculator.teams() : calculator.competitors()
        }

        func name(_ id: String) -> String { selection.teams ? index.name(ofTeam: id) : index.name(ofCompetitor: id) }

        var championshipName: String { index.championships[key.championship]?.name ?? key.championship }
    }

    static func context(_ key: SeasonKey, _ request: Request, _ state: ServerState) async throws -> Context {
        let index = await state.live.index()
        let ledger = try await state.live.service.ledger(key)
        var cut = try RequestInput.cut(request)
        let teams = try RequestInput.queryBool("teams", request)
        let classes = Set(ledger.classes + ledger.classifications.compactMap(\.fact.className) + ledger.entries.compactMap(\.fact.className)).sorted()
        let hasUnclassed = classes.isEmpty || ledger.classifications.contains { $0.fact.className == nil }
        let asked = RequestInput.query("class", request).flatMap { $0.isEmpty ? nil : $0 }
        let className = asked ?? (hasUnclassed ? nil : classes.first)
        var rounds = ledger.calendar(cut: .everything).rounds.map { SeasonView.RoundLabel(round: $0.round, name: $0.name ?? $0.venue) }
        for round in Set(ledger.classifications.map(\.fact.round)) where !rounds.contains(where: { $0.round == round }) {
            rounds.append(SeasonView.RoundLabel(round: round, name: nil))
        }
        rounds.sort { $0.round < $1.round }
        // After the last round is every round: the same table as no round cut, and it follows the log.
        if let after = cut.afterRound, let last = rounds.last?.round, after >= last { cut.afterRound = nil }
        let selection = SeasonSelection(className: className, teams: teams, cut: cut, comparand: try comparand(request))
        return Context(
            key: key, index: index, ledger: ledger, selection: selection, classes: classes, hasUnclassedResults: hasUnclassed,
            rounds: rounds, restricted: ledger.restricted(to: cut))
    }

    /// `compare=CUT` (as the JSON compare route writes cuts) or `rulesOf=CHAMPIONSHIP:SEASON`.
    static func comparand(_ request: Request) throws -> SeasonSelection.Comparand? {
        let compare = RequestInput.query("compare", request).flatMap { $0.isEmpty ? nil : $0 }
        let rulesOf = RequestInput.query("rulesOf", request).flatMap { $0.isEmpty ? nil : $0 }
        switch (compare, rulesOf) {
        case (nil, nil): return nil
        case (_?, _?): throw Problem.badParameter("rulesOf", "compare with another cut or with other rules, not both")
        case (let text?, nil):
            do { return .cut(try CutText.parse(text)) } catch { throw Problem.badParameter("compare", error.description) }
        case (nil, let text?):
            guard let key = SeasonKey(reference: text) else {
                throw Problem.badParameter("rulesOf", "expected CHAMPIONSHIP:SEASON (e.g. f1:2010), found '\(text.prefix(60))'")
            }
            return .rulesOf(championship: key.championship, season: key.season)
        }
    }

    static func season(_ key: SeasonKey, _ request: Request, _ state: ServerState) async throws -> SeasonView {
        let position = state.live.position
        let context = try await context(key, request, state)
        let result = context.result()
        let standings = Documents.standings(result.table, names: context.name)
        var names: [String: String] = [:]
        for row in standings.rows + standings.excluded { names[row.competitor] = row.name }
        let calendar = context.ledger.calendar(cut: context.selection.cut)
        for round in calendar.rounds {
            for winner in round.winners { names[winner.competitor] = context.index.name(ofCompetitor: winner.competitor) }
        }
        let title = result.table.rounds.last.flatMap { last in
            context.selection.teams ? nil : context.calculator.titleOutlook(afterRound: last)
        }
        for contender in title?.contenders ?? [] { names[contender.competitor] = context.index.name(ofCompetitor: contender.competitor) }
        return SeasonView(
            championship: key.championship, championshipName: context.championshipName,
            discipline: context.index.championships[key.championship]?.discipline.rawValue, season: key.season,
            selection: context.selection, classes: context.classes, hasUnclassedResults: context.hasUnclassedResults,
            rounds: context.rounds, standings: standings, progression: progression(context, table: result.table),
            title: title, calendar: calendar, recordings: recordings(context), names: names, position: position,
            comparison: try await comparison(context, state), ruleSeasons: ruleSeasons(key, index: context.index))
    }

    /// The seasons of the championship the page may borrow rules from (its own excepted).
    static func ruleSeasons(_ key: SeasonKey, index: TimelineIndex) -> [Int] {
        index.seasons.keys.filter { $0.championship == key.championship && $0.season != key.season }.map(\.season).sorted(by: >)
    }

    /// The comparison the selection asks for, computed as `GET …/compare` computes it.
    static func comparison(_ context: Context, _ state: ServerState) async throws -> SeasonComparison? {
        guard let comparand = context.selection.comparand else { return nil }
        let service = state.live.service
        let kind: StandingsKind = context.selection.teams ? .teams : .competitors
        let pageCut = context.selection.cut
        let label: String, comparison: Comparison, other: Progression
        switch comparand {
        case .cut(let otherCut):
            comparison = try await service.comparison(context.key, className: context.selection.className, kind: kind, from: otherCut, to: pageCut)
            label = otherCut.isEverything ? "everything recorded" : CutBanner.describe(otherCut, rounds: context.rounds)
            let table = try await service.standings(context.key, className: context.selection.className, kind: kind, cut: otherCut).table
            other = progression(context, table: table, ledger: context.ledger.restricted(to: otherCut), cut: otherCut)
        case .rulesOf(let championship, let season):
            // The JSON route's lookup: the same 404 for a season the log does not hold.
            guard let rules = try await CompareRoutes.rulesOf("\(championship):\(season)", state) else { return nil }
            comparison = try await service.comparison(
                context.key, className: context.selection.className, kind: kind,
                from: pageCut, to: pageCut, rules: rules)
            label = "under the rules of \(context.index.championships[championship]?.name ?? championship) \(season)"
            let table = try await service.standings(context.key, className: context.selection.className, kind: kind, cut: pageCut, rules: rules).table
            other = progression(context, table: table, ledger: context.restricted.replacingRules(with: rules.rules), cut: pageCut)
        }
        let document = Documents.comparison(comparison, names: context.name)
        return SeasonComparison(label: label, document: document, progression: other)
    }

    /// Each row's total after each round of the table: the table of each round's cut.
    static func progression(_ context: Context, table: StandingsTable) -> Progression {
        progression(context, table: table, ledger: context.restricted, cut: context.selection.cut)
    }

    static func progression(_ context: Context, table: StandingsTable, ledger: SeasonLedger, cut pageCut: Cut) -> Progression {
        guard table.rounds.count >= 2 else { return .empty }
        var byCompetitor: [String: [Double?]] = [:]
        for (index, round) in table.rounds.enumerated() {
            var cut = pageCut
            cut.afterRound = round
            let calculator = StandingsCalculator(ledger: ledger, className: context.selection.className, cut: cut)
            let rows = (context.selection.teams ? calculator.teams() : calculator.competitors()).table.rows
            for row in rows {
                byCompetitor[row.competitor, default: Array(repeating: nil, count: table.rounds.count)][index] = Documents.number(row.points)
            }
        }
        let series = table.rows.map { row in
            Progression.Series(
                id: row.competitor, name: context.name(row.competitor),
                points: byCompetitor[row.competitor] ?? Array(repeating: nil, count: table.rounds.count))
        }
        return Progression(rounds: table.rounds, series: series)
    }

    /// The season's stewards' decisions, corrections, retractions and published totals, newest first:
    /// the moments a reader may want the table as known just before.
    static func recordings(_ context: Context) -> [SeasonView.Recording] {
        let ledger = context.ledger, index = context.index
        var list: [SeasonView.Recording] = []
        for penalty in ledger.penalties {
            let p = penalty.fact
            list.append(
                .init(
                    position: penalty.meta.position,
                    label: "the \(p.kind.rawValue) penalty to \(index.name(ofCompetitor: p.competitor)), round \(p.round), was recorded"))
        }
        for classification in ledger.classifications where !classification.fact.corrects.isEmpty {
            list.append(
                .init(
                    position: classification.meta.position,
                    label: "the correction of round \(classification.fact.round) \(classification.fact.session) was recorded"))
        }
        for decision in ledger.multiplierDecisions {
            list.append(.init(position: decision.meta.position, label: "the points decision for round \(decision.fact.round) was recorded"))
        }
        for adjustment in ledger.adjustments {
            let who = adjustment.fact.competitor.map { index.name(ofCompetitor: $0) } ?? adjustment.fact.team.map { index.name(ofTeam: $0) } ?? "?"
            list.append(.init(position: adjustment.meta.position, label: "the points adjustment for \(who) was recorded"))
        }
        for (_, retraction) in ledger.retracted {
            list.append(.init(position: retraction.position, label: "a retraction was recorded"))
        }
        return Array(list.sorted { $0.position > $1.position }.prefix(40))
    }

    static func explanation(_ key: SeasonKey, competitor: String, _ request: Request, _ state: ServerState) async throws -> ExplanationView {
        let position = state.live.position
        let context = try await context(key, request, state)
        guard let explanation = context.result().explanations[competitor] else {
            throw Problem.notFound(
                context.selection.teams
                    ? "team '\(competitor)' has no results in \(key.championship) \(key.season) at this cut"
                    : PaddockError.unknownCompetitor(competitor, in: key).description)
        }
        return ExplanationView(
            championship: key.championship, championshipName: context.championshipName, season: key.season, selection: context.selection,
            rounds: context.rounds, document: Documents.explanation(explanation, name: context.name(competitor)), position: position)
    }
}
