import Projections

/// Who is champion at the cut, or who can still win and what each can reach.
enum TitleSection {
    static func render(_ view: SeasonView) -> HTML {
        guard let title = view.title, !view.selection.teams, !view.isUnranked else { return "" }
        let left = title.roundsLeft.count
        let summary: HTML
        if let champion = title.champion {
            summary =
                "<p class=\"champion\"><strong>\(view.name(champion))</strong> is champion after round \(title.afterRound): nobody can reach \(Format.points(title.contenders.first { $0.competitor == champion }?.points ?? .zero)) points any more.</p>"
        } else if left == 0 {
            summary = "<p>No rounds left after round \(title.afterRound), and no champion can be named from the rules (see the table).</p>"
        } else {
            summary =
                "<p>After round \(title.afterRound), \(left) round\(left == 1 ? "" : "s") left, at most \(Format.points(title.maximumPerRound)) points a round: \(title.contenders.count) can still win the title.</p>"
        }
        let rows = title.contenders.map { contender -> HTML in
            """
            <tr><th scope="row">\(view.name(contender.competitor))</th><td class="num">\(Format.points(contender.points))</td>\
            <td class="num">\(Format.points(contender.maximumPossible))</td>\
            <td class="num">\(contender.needsToPassLeader == .zero ? "leader" : Format.points(contender.needsToPassLeader))</td></tr>
            """
        }
        let table: HTML =
            title.champion != nil && title.contenders.count <= 1
            ? ""
            : """
            <div class="table-wrap" role="region" aria-labelledby="title-caption" tabindex="0">
            <table class="title">
            <caption id="title-caption">Still able to win after round \(title.afterRound)</caption>
            <thead><tr><th scope="col">Name</th><th scope="col" class="num">Points</th><th scope="col" class="num">Most reachable</th><th scope="col" class="num">Needs to pass the leader</th></tr></thead>
            <tbody>\(each: rows)</tbody>
            </table>
            </div>
            """
        return """
            <section aria-labelledby="title-h" class="title-maths">
            <h2 id="title-h">Title maths</h2>
            \(summary)
            \(table)
            </section>
            """
    }
}
