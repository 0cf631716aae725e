import Foundation
import SeasonDomain

/// Derives a season's table and every competitor's explanation from its ledger, in one pass, so
/// that explanations always add up to the table.
///
/// ```swift
/// let result = StandingsCalculator(ledger: ledger, className: nil, cut: .init(afterRound: 5)).competitors()
/// print(result.table.rows.first?.points ?? 0)
/// print(result.explanations["jesse-kallio"]?.lines.count ?? 0)
/// ```
public struct StandingsCalculator {
    public let ledger: SeasonLedger
    public let className: String?
    public let cut: Cut

    public init(ledger: SeasonLedger, className: String?, cut: Cut) {
        self.ledger = ledger
        self.className = className
        self.cut = cut
    }

    public struct Result: Sendable, Equatable {
        public var table: StandingsTable
        public var explanations: [String: Explanation]
    }

    // MARK: - Rules in force

    /// The rule set in force at a round: the latest declaration for the class (else for all classes)
    /// whose first round is at or before it.
    public func rules(atRound round: Int) -> Recorded<RuleDeclaration>? {
        let live = ledger.rules.filter { !ledger.isRetracted($0.meta) && $0.fact.fromRound <= round }
        let forClass = live.filter { $0.fact.className == className && className != nil }
        let pool = forClass.isEmpty ? live.filter { $0.fact.className == nil } : forClass
        return pool.max { ($0.fact.fromRound, $0.meta.position) < ($1.fact.fromRound, $1.meta.position) }
    }

    var lastScheduledRound: Int? {
        ledger.rounds.values.filter { $0.cancellation.map { ledger.isRetracted($0.meta) } ?? true }.map(\.round).max()
    }

    // MARK: - Competitors

    public func competitors() -> Result {
        let active = ActiveResults(ledger, className: className, cut: cut)
        var linesByCompetitor: [String: [ExplanationLine]] = [:]
        var places = Places()
        var rounds = Set<Int>()
        for session in active.sessions {
            let round = session.classification.round
            rounds.insert(round)
            guard let declaration = rules(atRound: round) else {
                // No scale yet: the results are still listed (and explained), worth no points.
                let lines = SessionScorer.unscoredLines(for: session)
                for line in lines { linesByCompetitor[line.competitor, default: []].append(line) }
                if SessionKind.roundDeciding.contains(session.classification.kind) {
                    for line in lines where line.status == .classified {
                        if let position = line.classifiedPosition { places.add(line.competitor, position, scored: false) }
                    }
                }
                continue
            }
            let scorer = SessionScorer(
                rules: declaration.fact.rules, isLastRound: round == lastScheduledRound,
                decision: decision(forRound: round), isEligible: { eligible($0, round: round, rules: declaration.fact.rules) })
            let lines = scorer.lines(for: session)
            for line in lines { linesByCompetitor[line.competitor, default: []].append(line) }
            if isCountbackSession(session.classification, rules: declaration.fact.rules) {
                for line in lines where line.kind == .result && line.status == .classified {
                    if let position = line.classifiedPosition { places.add(line.competitor, position, scored: line.points > .zero) }
                }
            }
        }
        for session in active.sessions {
            for result in session.classification.results where linesByCompetitor[result.competitor] == nil {
                linesByCompetitor[result.competitor] = []
            }
        }
        addAdjustmentsAndPenalties(active, into: &linesByCompetitor)
        let latest = rules(atRound: rounds.max() ?? 1)?.fact.rules
        let ordered = rounds.sorted()
        return assemble(
            linesByCompetitor, counting: latest?.counting ?? .all, tieBreaks: latest?.tieBreak ?? [.countback],
            places: places, excluded: Set(active.excluded.keys), rounds: ordered, kind: .competitors,
            listing: latest?.listing ?? .participants,
            previousOrder: { previousOrder(before: ordered.last, rounds: ordered) { $0.competitors() } })
    }

    func decision(forRound round: Int) -> Recorded<RoundMultiplierDecided>? {
        ledger.multiplierDecisions.last { !ledger.isRetracted($0.meta) && $0.fact.round == round && $0.fact.className == className }
    }

    func eligible(_ competitor: String, round: Int, rules: RuleSet) -> Bool {
        guard rules.eligibility.registeredEntriesOnly else { return true }
        return ledger.entries.contains { entry in
            !ledger.isRetracted(entry.meta) && entry.fact.competitor == competitor && entry.fact.className == className
                && (entry.fact.rounds?.contains(round) ?? true)
        }
    }

    /// Countback counts places in the main scoring session kind (the rules' first scale).
    func isCountbackSession(_ classification: Classification, rules: RuleSet) -> Bool {
        guard let main = rules.scoring.first?.kinds.first else { return false }
        return classification.kind == main
    }

    func addAdjustments(forTeams teams: Bool, into lines: inout [String: [ExplanationLine]]) {
        for adjustment in ledger.adjustments where !ledger.isRetracted(adjustment.meta) && adjustment.fact.className == className {
            guard let competitor = teams ? adjustment.fact.team : adjustment.fact.competitor else { continue }
            if let after = adjustment.fact.afterRound, !cut.includes(round: after) { continue }
            let a = adjustment.fact
            let rule: String
            switch a.mode {
            case .total:
                rule = "official total published\(a.afterRound.map { " after round \($0)" } ?? ""): \(a.points.formatted) (replaces results up to then)"
            case .delta: rule = "points adjusted by \(a.points.formatted)"
            }
            lines[competitor, default: []].append(
                ExplanationLine(
                    kind: .adjustment, competitor: competitor, round: a.afterRound, session: nil, sessionKind: nil, eventId: adjustment.meta.eventId,
                    logPosition: adjustment.meta.position, classifiedPosition: nil, status: nil, basePoints: a.points, share: 1,
                    multiplier: 1, points: a.points, rule: rule, notes: [a.reason], counted: true))
        }
    }

    private func addAdjustmentsAndPenalties(_ active: ActiveResults, into lines: inout [String: [ExplanationLine]]) {
        addAdjustments(forTeams: false, into: &lines)
        addPointsPenalties(active, into: &lines)
    }

    /// A line per points penalty of the table `active` was read for, deducting from the named row.
    func addPointsPenalties(_ active: ActiveResults, into lines: inout [String: [ExplanationLine]]) {
        for penalty in active.pointsPenalties {
            let p = penalty.fact
            let deduction = Points.zero - (p.points ?? .zero)
            lines[p.competitor, default: []].append(
                ExplanationLine(
                    kind: .penalty, competitor: p.competitor, round: p.round, session: p.session, sessionKind: nil, eventId: penalty.meta.eventId,
                    logPosition: penalty.meta.position, classifiedPosition: nil, status: nil, basePoints: deduction, share: 1,
                    multiplier: 1, points: deduction, rule: "points penalty", notes: [p.reason], counted: true))
        }
    }

    // MARK: - Counting, ranking, assembly

    /// Positions in the table after the round before `round` (for "who reached the total first").
    func previousOrder(before round: Int?, rounds: [Int], _ table: (StandingsCalculator) -> Result) -> [String: Int] {
        guard let round, let previous = rounds.last(where: { $0 < round }) else { return [:] }
        var earlier = cut
        earlier.afterRound = previous
        let result = table(StandingsCalculator(ledger: ledger, className: className, cut: earlier))
        return Dictionary(uniqueKeysWithValues: result.table.rows.compactMap { row in row.position.map { (row.competitor, $0) } })
    }

    func assemble(
        _ linesByCompetitor: [String: [ExplanationLine]], counting: CountingRule, tieBreaks: [TieBreakRule],
        places: Places, excluded: Set<String>, rounds: [Int], kind: StandingsKind, listing: StandingsListing,
        previousOrder: () -> [String: Int]
    ) -> Result {
        var explanations: [String: Explanation] = [:]
        var rows: [StandingRow] = []
        for (competitor, original) in linesByCompetitor {
            let lines = Counting.apply(counting, to: original)
            let total = lines.filter(\.counted).reduce(Points.zero) { $0 + $1.points }
            let gross = lines.filter { $0.kind != .adjustment }.reduce(Points.zero) { $0 + $1.points }
            var byRound: [Int: (Points, Bool)] = [:]
            for line in lines where line.kind == .result || line.kind == .bonus {
                guard let round = line.round else { continue }
                let current = byRound[round] ?? (.zero, line.counted)
                byRound[round] = (current.0 + line.points, current.1 && line.counted)
            }
            let finishes = places.all[competitor] ?? [:]
            rows.append(
                StandingRow(
                    position: nil, competitor: competitor, points: total, grossPoints: gross, wins: finishes[1] ?? 0,
                    podiums: (finishes[1] ?? 0) + (finishes[2] ?? 0) + (finishes[3] ?? 0), gap: .zero,
                    roundScores: byRound.keys.sorted().map { RoundScore(round: $0, points: byRound[$0]!.0, counted: byRound[$0]!.1) },
                    tieBreak: nil))
            explanations[competitor] = Explanation(
                championship: ledger.key.championship, season: ledger.key.season, className: className,
                competitor: competitor, cut: cut, position: nil, lines: lines, total: total)
        }
        let mainKind = rules(atRound: rounds.last ?? 1)?.fact.rules.scoring.first?.kinds.first
        let listed = rows.filter { row in
            guard !excluded.contains(row.competitor) else { return false }
            switch listing {
            case .participants: return true
            case .scorers: return row.points > .zero
            case .classifiedFinishers:
                // A finish in the main session kind lists a competitor; a sprint finish alone does not
                // (F1DB 2025 after round 2: Alonso, 10th in the China sprint and out of both races, is not listed).
                return row.points > .zero
                    || (explanations[row.competitor]?.lines.contains {
                        $0.kind == .result && $0.status == .classified && (mainKind == nil || $0.sessionKind == mainKind)
                    } ?? false)
            }
        }
        var ranked = Ranking.rank(listed, tieBreaks: tieBreaks, places: places, previousOrder: previousOrder)
        if ledger.rules.allSatisfy({ ledger.isRetracted($0.meta) }) {
            // Without rules there is no championship order to show, only who took part.
            for i in ranked.indices { ranked[i].position = nil }
        }
        let published = latestPublished(kind: kind)
        for row in ranked { explanations[row.competitor]?.position = row.position }
        if let published {
            for competitor in explanations.keys {
                let own = published.rows.filter { (kind == .teams ? $0.team : $0.competitor) == competitor }
                if !own.isEmpty {
                    explanations[competitor]?.published = PublishedStandings(
                        eventId: published.eventId, logPosition: published.logPosition, afterRound: published.afterRound,
                        complete: published.complete, reason: published.reason, rows: own)
                }
            }
        }
        var notes: [String] = []
        if ledger.rules.isEmpty { notes.append("no rules declared for this season: results are listed without points or positions") }
        let table = StandingsTable(
            championship: ledger.key.championship, season: ledger.key.season, className: className, kind: kind, cut: cut,
            rounds: rounds, rows: ranked,
            excluded: rows.filter { excluded.contains($0.competitor) }.sorted { $0.competitor < $1.competitor }, notes: notes,
            published: published)
        return Result(table: table, explanations: explanations)
    }

    /// The table a source published last within the cut: the latest round it stood after, then the
    /// latest recorded. One published without a round is only shown when no round cut is asked.
    func latestPublished(kind: StandingsKind) -> PublishedStandings? {
        let wanted: PublishedTableKind = kind == .teams ? .teams : .competitors
        let candidates = ledger.published.filter { p in
            !ledger.isRetracted(p.meta) && p.fact.className == className && p.fact.tableKind == wanted
                && (p.fact.afterRound.map { cut.includes(round: $0) } ?? (cut.afterRound == nil))
        }
        guard let latest = candidates.max(by: { ($0.fact.afterRound ?? .max, $0.meta.position) < ($1.fact.afterRound ?? .max, $1.meta.position) })
        else { return nil }
        return PublishedStandings(
            eventId: latest.meta.eventId, logPosition: latest.meta.position, afterRound: latest.fact.afterRound,
            complete: latest.fact.complete ?? false, reason: latest.fact.reason, rows: latest.fact.rows)
    }
}
