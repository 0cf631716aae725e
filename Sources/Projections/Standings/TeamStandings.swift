import Foundation
import SeasonDomain

extension StandingsCalculator {
    /// The teams' table under the rules' `teams` section: which cars score for the team, the teams'
    /// own points scales, whether bonuses count, and the teams' own counting rule; with the penalties
    /// that apply to every table or to the teams' (exclusions and points deductions of a team).
    public func teams() -> Result {
        let active = ActiveResults(ledger, className: className, cut: cut, table: .teams)
        var linesByTeam: [String: [ExplanationLine]] = [:]
        var places = Places()
        var rounds = Set<Int>()
        for session in active.sessions {
            let round = session.classification.round
            guard let declaration = rules(atRound: round), let teamRules = declaration.fact.rules.teams,
                !(teamRules.excludedRounds ?? []).contains(round)
            else { continue }
            rounds.insert(round)
            var rules = declaration.fact.rules
            if let shared = teamRules.sharedDrives { rules.sharedDrives = shared }
            rules.scoring = teamRules.scoring(replacing: rules.scoring)
            if !teamRules.bonusesCount { rules.bonuses = [] }
            let scorer = SessionScorer(
                rules: rules, isLastRound: round == lastScheduledRound, decision: decision(forRound: round),
                isEligible: { eligible($0, round: round, rules: rules) })
            var byTeamAndDriver: [String: [String: [ExplanationLine]]] = [:]
            // Each car's own result, before the team keeps only some cars: what a countback counts.
            var carFinishes: [(team: String, position: Int, scored: Bool)] = []
            for line in scorer.lines(for: session) {
                guard let team = team(of: line.competitor, in: session.classification, round: round) else { continue }
                if line.kind == .result, line.status == .classified, let position = line.classifiedPosition {
                    carFinishes.append((team, position, line.points > .zero))
                }
                var teamLine = line
                teamLine.notes.insert("car of \(line.competitor)", at: 0)
                teamLine.competitor = team
                byTeamAndDriver[team, default: [:]][line.competitor, default: []].append(teamLine)
            }
            for (team, drivers) in byTeamAndDriver {
                let ranked = drivers.sorted { a, b in
                    let pa = a.value.reduce(Points.zero) { $0 + $1.points }, pb = b.value.reduce(Points.zero) { $0 + $1.points }
                    return pa != pb ? pa > pb : a.key < b.key
                }
                let keep: Int
                switch teamRules.scoring {
                case .allCars: keep = ranked.count
                case .bestCarOnly: keep = 1
                case .bestCars(let n): keep = n
                }
                for (index, driver) in ranked.enumerated() {
                    var lines = driver.value
                    if index >= keep {
                        for i in lines.indices where lines[i].points != .zero {
                            lines[i].notes.append("not counted for the team: only its best \(keep) car(s) score")
                            lines[i].points = .zero
                        }
                    }
                    linesByTeam[team, default: []] += lines
                }
            }
            if isCountbackSession(session.classification, rules: rules) {
                switch teamRules.countback {
                case .everyCar:
                    for car in carFinishes { places.add(car.team, car.position, scored: car.scored) }
                case .bestCar:
                    var best: [String: Int] = [:]
                    for car in carFinishes { best[car.team] = min(best[car.team] ?? car.position, car.position) }
                    for (team, position) in best {
                        let scored =
                            linesByTeam[team]?.contains {
                                $0.round == round && $0.session == session.classification.session && $0.points > .zero
                            } ?? false
                        places.add(team, position, scored: scored)
                    }
                }
            }
        }
        let last = rules(atRound: rounds.max() ?? 1)?.fact.rules.teams
        addAdjustments(forTeams: true, into: &linesByTeam)
        addPointsPenalties(active, into: &linesByTeam)
        let latest = rules(atRound: rounds.max() ?? 1)?.fact.rules
        let ordered = rounds.sorted()
        var result = assemble(
            linesByTeam, counting: last?.counting ?? .all, tieBreaks: latest?.tieBreak ?? [.countback],
            places: places, excluded: Set(active.excluded.keys), rounds: ordered, kind: .teams, listing: latest?.listing ?? .participants,
            previousOrder: { previousOrder(before: ordered.last, rounds: ordered) { $0.teams() } })
        if last == nil { result.table.notes.append("no teams' championship declared in the rules") }
        return result
    }

    /// The team a competitor drove for in a round: the result's own team, else a declared change, else the entry.
    func team(of competitor: String, in classification: Classification, round: Int) -> String? {
        if let team = classification.results.first(where: { $0.competitor == competitor })?.team { return team }
        let changes = ledger.teamChanges.filter { $0.fact.competitor == competitor && !ledger.isRetracted($0.meta) && ($0.fact.fromRound ?? 1) <= round }
        if let change = changes.max(by: { ($0.fact.fromRound ?? 1, $0.meta.position) < ($1.fact.fromRound ?? 1, $1.meta.position) }) {
            return change.fact.toTeam
        }
        return ledger.entries.last { entry in
            entry.fact.competitor == competitor && entry.fact.className == className && (entry.fact.rounds?.contains(round) ?? true)
                && !ledger.isRetracted(entry.meta)
        }?.fact.team
    }
}
