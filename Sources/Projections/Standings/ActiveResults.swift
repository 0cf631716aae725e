import Foundation
import SeasonDomain

/// The season's facts as they stand at a cut: retractions applied, corrections in place of what
/// they correct, penalties folded into classifications: those that apply to one table (a
/// penalty with `table` set applies to that table only).
struct ActiveResults {
    struct Session {
        var meta: EventMeta
        var classification: Classification
        /// Penalties and corrections that shaped this session, in words, per competitor.
        var notes: [String: [String]]
        /// True when a correction supersedes an earlier classification.
        var corrected: Bool
        /// Rows not eligible for points whose points go to the cars behind.
        var ineligible: Set<String> = []
        /// Rows whose points nobody gets.
        var withheld: Set<String> = []
    }

    var sessions: [Session] = []
    var pointsPenalties: [Recorded<PenaltyApplied>] = []
    var excluded: [String: Recorded<PenaltyApplied>] = [:]

    /// - Parameter table: whose table the results are for; a career or a calendar reads the competitors'.
    init(_ ledger: SeasonLedger, className: String?, cut: Cut, table: ChampionshipTable = .competitors) {
        let live = ledger.classifications.filter { !ledger.isRetracted($0.meta) && cut.includes(round: $0.fact.round) }
        let superseded = Set(live.flatMap(\.fact.corrects))
        var latest: [String: Recorded<Classification>] = [:]
        for recorded in live where !superseded.contains(recorded.meta.eventId) && recorded.fact.className == className {
            let key = "\(recorded.fact.round)\u{1}\(recorded.fact.session)"
            if let existing = latest[key], existing.meta.position > recorded.meta.position { continue }
            latest[key] = recorded
        }
        let penalties = ledger.penalties.filter {
            !ledger.isRetracted($0.meta) && cut.includes(round: $0.fact.round) && $0.fact.className == className
                && $0.fact.applies(to: table)
        }
        sessions = latest.values.sorted { ($0.fact.round, $0.meta.position) < ($1.fact.round, $1.meta.position) }.map { recorded in
            var session = Session(meta: recorded.meta, classification: recorded.fact, notes: [:], corrected: !recorded.fact.corrects.isEmpty)
            if let reason = recorded.fact.reason {
                for result in recorded.fact.results { session.notes[result.competitor, default: []].append("corrected: \(reason)") }
            }
            Self.applyPenalties(
                penalties.filter { $0.fact.round == recorded.fact.round && $0.fact.session == recorded.fact.session },
                to: &session)
            return session
        }
        // Exclusion and points name a row of one table: without `table`, the competitors'.
        for penalty in penalties where (penalty.fact.table ?? .competitors) == table {
            switch penalty.fact.kind {
            case .points: pointsPenalties.append(penalty)
            case .exclusion: excluded[penalty.fact.competitor] = penalty
            default: break
            }
        }
    }

    /// Disqualifications and position penalties change the classification; time penalties are
    /// noted (the published classification already reflects them unless a correction says otherwise).
    private static func applyPenalties(_ penalties: [Recorded<PenaltyApplied>], to session: inout Session) {
        var results = session.classification.results
        for penalty in penalties.sorted(by: { $0.meta.position < $1.meta.position }) {
            let p = penalty.fact
            guard let index = results.firstIndex(where: { $0.competitor == p.competitor }) else { continue }
            switch p.kind {
            case .disqualification:
                if let removed = results[index].position {
                    // Everyone behind moves up a place (a shared car's rows share the position: move once).
                    let sharers = results.indices.filter { $0 != index && results[$0].position == removed }
                    if sharers.isEmpty {
                        for i in results.indices { if let pos = results[i].position, pos > removed { results[i].position = pos - 1 } }
                    }
                }
                results[index].status = .dsq
                results[index].position = nil
                session.notes[p.competitor, default: []].append("disqualified (penalty, position \(penalty.meta.position)): \(p.reason)")
            case .positions:
                guard let moved = results[index].position, let places = p.positions else { continue }
                let target = moved + places
                for i in results.indices where i != index {
                    if let pos = results[i].position, pos > moved, pos <= target { results[i].position = pos - 1 }
                }
                results[index].position = target
                session.notes[p.competitor, default: []].append("moved \(places) place(s) down (penalty, position \(penalty.meta.position)): \(p.reason)")
            case .time:
                session.notes[p.competitor, default: []].append(
                    "time penalty \(p.seconds.map { "\($0)s" } ?? "") (position \(penalty.meta.position)): \(p.reason)")
            case .ineligible:
                session.ineligible.insert(p.competitor)
                session.notes[p.competitor, default: []].append("not eligible for points, passed down (position \(penalty.meta.position)): \(p.reason)")
            case .pointsWithheld:
                session.withheld.insert(p.competitor)
                session.notes[p.competitor, default: []].append("points withheld, not passed down (position \(penalty.meta.position)): \(p.reason)")
            case .points, .exclusion:
                break
            }
        }
        session.classification.results = results
    }
}
