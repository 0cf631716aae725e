import SeasonDomain

/// Applies a counting rule to one competitor's lines: which rounds count, which are dropped.
/// Dropped rounds keep their lines, marked as not counted, so they are shown and not hidden.
enum Counting {
    static func apply(_ rule: CountingRule, to original: [ExplanationLine]) -> [ExplanationLine] {
        var lines = original
        // A published total replaces every result up to its round.
        let published = lines.filter { $0.kind == .adjustment && $0.rule.hasPrefix("official total") }
        if let lastPublished = published.compactMap(\.round).max() {
            for i in lines.indices where (lines[i].kind == .result || lines[i].kind == .bonus) && (lines[i].round ?? 0) <= lastPublished {
                lines[i].counted = false
                lines[i].notes.append("replaced by the official total published after round \(lastPublished)")
            }
            for i in lines.indices where lines[i].kind == .adjustment && lines[i].rule.hasPrefix("official total") && lines[i].round != lastPublished {
                lines[i].counted = false
                lines[i].notes.append("superseded by a later published total")
            }
        }
        var totals: [Int: Points] = [:]
        for line in lines where (line.kind == .result || line.kind == .bonus) && line.counted {
            guard let round = line.round else { continue }
            totals[round, default: .zero] += line.points
        }
        let dropped: Set<Int>
        let reason: String
        switch rule {
        case .all:
            return lines
        case .best(let n):
            dropped = drop(totals, keep: n)
            reason = "dropped: only the best \(n) results count"
        case .split(let firstRounds, let bestOfFirst, let bestOfRest):
            dropped = drop(totals.filter { $0.key <= firstRounds }, keep: bestOfFirst)
                .union(drop(totals.filter { $0.key > firstRounds }, keep: bestOfRest))
            reason = "dropped: best \(bestOfFirst) of rounds 1–\(firstRounds) and best \(bestOfRest) of the rest count"
        }
        for i in lines.indices
        where lines[i].counted && dropped.contains(lines[i].round ?? -1)
            && (lines[i].kind == .result || lines[i].kind == .bonus)
        {
            lines[i].counted = false
            if lines[i].points != .zero { lines[i].notes.append(reason) }
        }
        return lines
    }

    /// The rounds outside the best `keep` totals (equal totals: the earlier round is kept).
    private static func drop(_ totals: [Int: Points], keep: Int) -> Set<Int> {
        let ordered = totals.sorted { ($0.value, -$0.key) > ($1.value, -$1.key) }
        return Set(ordered.dropFirst(keep).map(\.key))
    }
}
