import Foundation
import SeasonDomain

/// Who can still win after a round, and what each needs, from the points still available.
public struct TitleOutlook: Sendable, Equatable, Codable {
    public struct Contender: Sendable, Equatable, Codable {
        public var competitor: String
        public var points: Points
        /// The most this competitor can reach under the counting rules if they win everything left.
        public var maximumPossible: Points
        public var canStillWin: Bool
        /// Points still needed to pass the leader's current total, if the leader scores nothing more.
        public var needsToPassLeader: Points
    }

    public var championship: String
    public var season: Int
    public var afterRound: Int
    public var roundsLeft: [Int]
    /// The most one competitor can score in one remaining round.
    public var maximumPerRound: Points
    public var champion: String?
    public var contenders: [Contender]
}

extension StandingsCalculator {
    /// The title outlook after a round: rounds left are the scheduled, uncancelled rounds after it.
    public func titleOutlook(afterRound round: Int) -> TitleOutlook {
        let calculator = StandingsCalculator(
            ledger: ledger, className: className,
            cut: Cut(
                afterRound: round, asOf: cut.asOf,
                knownAt: cut.knownAt, atPosition: cut.atPosition))
        let result = calculator.competitors()
        let ledger = self.ledger.restricted(to: cut)
        let left = ledger.rounds.values.filter { $0.round > round && $0.cancellation.map { ledger.isRetracted($0.meta) } ?? true }
            .map(\.round).sorted()
        let perRound = left.map { maximumPoints(inRound: $0, template: round) }
        let leader = result.table.rows.first
        var contenders: [TitleOutlook.Contender] = []
        for row in result.table.rows {
            let lines = result.explanations[row.competitor]?.lines ?? []
            var totals: [Int: Points] = [:]
            for line in lines where line.kind == .result || line.kind == .bonus {
                if let r = line.round { totals[r, default: .zero] += line.points }
            }
            let fixed = lines.filter { $0.kind == .adjustment || $0.kind == .penalty }.filter(\.counted).reduce(Points.zero) { $0 + $1.points }
            for (index, r) in left.enumerated() { totals[r] = perRound[index] }
            let counting = rules(atRound: left.last ?? round)?.fact.rules.counting ?? .all
            let maximum = fixed + Self.counted(totals, rule: counting)
            let leaderPoints = leader?.points ?? .zero
            contenders.append(
                .init(
                    competitor: row.competitor, points: row.points, maximumPossible: maximum,
                    canStillWin: row.competitor == leader?.competitor || maximum >= leaderPoints,
                    needsToPassLeader: row.competitor == leader?.competitor ? .zero : max(.zero, leaderPoints - row.points) + Points(1)))
        }
        let others = contenders.dropFirst()
        let champion = leader.flatMap { l in others.allSatisfy { $0.maximumPossible < l.points } ? l.competitor : nil }
        return TitleOutlook(
            championship: ledger.key.championship, season: ledger.key.season, afterRound: round, roundsLeft: left,
            maximumPerRound: perRound.max() ?? .zero, champion: champion,
            contenders: contenders.filter { $0.canStillWin || $0.competitor == champion })
    }

    /// The most one competitor can score in a future round: the first place of every scoring session
    /// the latest completed round had (or one of each scale when none), plus bonuses, times its multiplier.
    func maximumPoints(inRound round: Int, template: Int) -> Points {
        guard let rules = rules(atRound: round)?.fact.rules else { return .zero }
        let past = ActiveResults(ledger, className: className, cut: Cut(afterRound: template)).sessions
            .filter { $0.classification.round == template }.map(\.classification.kind)
        let kinds = past.isEmpty ? rules.scoring.compactMap(\.kinds.first) : past
        var total = Points.zero
        for kind in kinds {
            guard let scale = rules.scoring.first(where: { $0.kinds.contains(kind) }), let best = scale.points.first else { continue }
            var session = best
            for bonus in rules.bonuses where bonus.sessions.contains(kind) { session += bonus.points }
            let probe = Classification(
                round: round, className: className, session: "", kind: kind, number: nil,
                completedDistance: nil, results: [], corrects: [], reason: nil)
            let scorer = SessionScorer(
                rules: rules, isLastRound: round == lastScheduledRound, decision: decision(forRound: round),
                isEligible: { _ in true })
            total += session * scorer.multiplier(for: probe).0
        }
        return total
    }

    static func counted(_ totals: [Int: Points], rule: CountingRule) -> Points {
        func best(_ values: [Points], _ n: Int) -> Points { values.sorted(by: >).prefix(n).reduce(.zero, +) }
        switch rule {
        case .all: return totals.values.reduce(.zero, +)
        case .best(let n): return best(Array(totals.values), n)
        case .split(let first, let a, let b):
            return best(totals.filter { $0.key <= first }.map(\.value), a) + best(totals.filter { $0.key > first }.map(\.value), b)
        }
    }
}
