import Foundation
import SeasonDomain

/// Scores one session under a rule set: position points, shares, multipliers and bonuses, as
/// explanation lines (one per competitor per result or bonus).
struct SessionScorer {
    let rules: RuleSet
    let isLastRound: Bool
    let decision: Recorded<RoundMultiplierDecided>?
    let isEligible: (String) -> Bool

    /// The multiplier for this session and the words that justify it.
    func multiplier(for session: Classification) -> (Points, String?) {
        if let decision, decision.fact.sessions.map({ $0.contains(session.kind) }) ?? true {
            return (decision.fact.factor, "×\(decision.fact.factor) by decision (position \(decision.meta.position)): \(decision.fact.reason)")
        }
        for rule in rules.multipliers where rule.sessions.map({ $0.contains(session.kind) }) ?? true {
            if let round = rule.round, round == session.round { return (rule.factor, "×\(rule.factor) for round \(round)") }
            if rule.lastRound == true, isLastRound { return (rule.factor, "×\(rule.factor) for the final round") }
            if let threshold = rule.whenCompletedDistanceBelow, let done = session.completedDistance, done < threshold {
                return (rule.factor, "×\(rule.factor): \(done.formatted) of the distance completed (< \(threshold.formatted))")
            }
        }
        return (1, nil)
    }

    func lines(for session: ActiveResults.Session) -> [ExplanationLine] {
        let classification = session.classification
        guard let scoring = rules.scoring.first(where: { $0.kinds.contains(classification.kind) }) else {
            return classification.results.map { result in
                line(
                    session, result, base: .zero, share: 1, multiplier: 1, rule: "\(classification.kind.rawValue) does not score under the rules", kind: .result
                )
            }
        }
        let (factor, factorNote) = multiplier(for: classification)
        var lines: [ExplanationLine] = []
        var bestRowOfDriver: [String: Int] = [:]
        for result in classification.results {
            var base: Points = .zero
            var rule: String
            if !rules.eligibility.scoringStatuses.contains(result.status) {
                rule = "\(result.status.rawValue) scores nothing"
            } else if session.ineligible.contains(result.competitor) || session.withheld.contains(result.competitor) {
                rule = "not eligible for points"
            } else if let position = result.position, case let place = position - passedDown(before: position, in: session),
                place >= 1, place <= scoring.points.count
            {
                base = scoring.points[place - 1]
                rule = "\(Self.ordinal(position)) in \(classification.kind.rawValue): \(base.formatted) point(s)"
                if place != position { rule += " (the points of \(Self.ordinal(place)): ineligible cars ahead)" }
            } else {
                rule = result.position.map { "\(Self.ordinal($0)) is outside the points" } ?? "not classified"
            }
            if base > .zero, let minimum = scoring.minimumDistance, let done = classification.completedDistance, done < minimum {
                base = .zero
                rule += "; no points: \(done.formatted) of the distance completed (< \(minimum.formatted))"
            }
            if base > .zero, !isEligible(result.competitor) {
                base = .zero
                rule += "; no points: not a registered entry"
            }
            var share: Points = 1
            let shared = result.sharedWith ?? []
            if !shared.isEmpty {
                switch rules.sharedDrives {
                case .none:
                    share = .zero
                    rule += "; shared car: no points under the rules"
                case .splitEqually, .splitEquallyBestCarOnly:
                    share = Points(1) / (shared.count + 1)
                    rule += "; shared car: split \(shared.count + 1) ways"
                }
            }
            var entry = line(session, result, base: base, share: share, multiplier: factor, rule: rule, kind: .result)
            if let factorNote, base > .zero { entry.notes.append(factorNote) }
            if rules.sharedDrives == .splitEquallyBestCarOnly {
                if let previous = bestRowOfDriver[result.competitor] {
                    if entry.points > lines[previous].points {
                        lines[previous].notes.append("not counted: a better-placed car of the same driver scored")
                        lines[previous].points = .zero
                        bestRowOfDriver[result.competitor] = lines.count
                    } else {
                        entry.notes.append("not counted: a better-placed car of the same driver scored")
                        entry.points = .zero
                    }
                } else {
                    bestRowOfDriver[result.competitor] = lines.count
                }
            }
            lines.append(entry)
        }
        lines += bonusLines(session, factor: factor)
        return lines
    }

    /// Places ahead of `position` held by cars whose points pass down to the cars behind.
    private func passedDown(before position: Int, in session: ActiveResults.Session) -> Int {
        guard !session.ineligible.isEmpty else { return 0 }
        let places = session.classification.results.filter { session.ineligible.contains($0.competitor) }.compactMap(\.position)
        return Set(places.filter { $0 < position }).count
    }

    private func bonusLines(_ session: ActiveResults.Session, factor: Points) -> [ExplanationLine] {
        let classification = session.classification
        var lines: [ExplanationLine] = []
        for bonus in rules.bonuses where bonus.sessions.contains(classification.kind) {
            let holders: [ClassifiedResult]
            switch bonus.kind {
            case .fastestLap: holders = classification.results.filter { $0.fastestLap == true }
            case .pole, .other: holders = []
            }
            let qualifying = holders.filter { holder in
                if bonus.requiresFinish, holder.status != .classified { return false }
                if let within = bonus.onlyIfClassifiedWithin {
                    guard holder.status == .classified, let position = holder.position, position <= within else { return false }
                }
                return isEligible(holder.competitor)
            }
            let missed = holders.filter { h in !qualifying.contains { $0.competitor == h.competitor } }
            for holder in missed {
                var entry = line(
                    session, holder, base: .zero, share: 1, multiplier: factor,
                    rule: "\(bonus.kind.rawValue): condition not met (\(conditionText(bonus)))", kind: .bonus)
                entry.points = .zero
                lines.append(entry)
            }
            guard !qualifying.isEmpty else { continue }
            var share: Points = 1
            switch bonus.tie {
            case .split: share = Points(1) / qualifying.count
            case .each: share = 1
            case .none where qualifying.count > 1: share = .zero
            case .none: share = 1
            }
            for holder in qualifying {
                let tieText = qualifying.count > 1 ? " shared \(qualifying.count) ways" : ""
                lines.append(
                    line(
                        session, holder, base: bonus.points, share: share, multiplier: factor,
                        rule: "\(bonus.kind.rawValue) bonus \(bonus.points.formatted)\(tieText)", kind: .bonus))
            }
        }
        return lines
    }

    private func conditionText(_ bonus: BonusRule) -> String {
        var parts: [String] = []
        if let within = bonus.onlyIfClassifiedWithin { parts.append("classified in the top \(within)") }
        if bonus.requiresFinish { parts.append("classified finish") }
        return parts.isEmpty ? "eligible entry" : parts.joined(separator: ", ")
    }

    private func line(
        _ session: ActiveResults.Session, _ result: ClassifiedResult, base: Points, share: Points, multiplier: Points,
        rule: String, kind: ExplanationLine.Kind
    ) -> ExplanationLine {
        let c = session.classification
        var notes = session.notes[result.competitor] ?? []
        if let reason = result.reason { notes.insert("\(result.status.rawValue): \(reason)", at: 0) }
        return ExplanationLine(
            kind: kind, competitor: result.competitor, round: c.round, session: c.session, sessionKind: c.kind, eventId: session.meta.eventId,
            logPosition: session.meta.position, classifiedPosition: result.position, status: result.status,
            basePoints: base, share: share, multiplier: multiplier, points: base * share * multiplier, rule: rule,
            notes: notes, counted: true)
    }

    /// Lines for a session of a round that no rule set covers: every result listed, none scoring.
    static func unscoredLines(for session: ActiveResults.Session) -> [ExplanationLine] {
        let scorer = SessionScorer(rules: RuleSet(scoring: []), isLastRound: false, decision: nil, isEligible: { _ in true })
        let rule = "\(ExplanationLine.noRulesDeclared) for round \(session.classification.round): the result is recorded, its points are not known"
        return session.classification.results.map { scorer.line(session, $0, base: .zero, share: 1, multiplier: 1, rule: rule, kind: .result) }
    }

    static func ordinal(_ n: Int) -> String {
        let suffix: String
        switch (n % 10, n % 100) {
        case (_, 11...13): suffix = "th"
        case (1, _): suffix = "st"
        case (2, _): suffix = "nd"
        case (3, _): suffix = "rd"
        default: suffix = "th"
        }
        return "\(n)\(suffix)"
    }
}
