import Paddock
import Projections

/// The table at the cut, as the JSON API gives it: positions (ties share one), points (each
/// linking to its explanation), wins, podiums, gap, each round's points with dropped ones in
/// brackets; then the excluded competitors, the table a source published, and the notes.
enum StandingsSection {
    static func render(_ view: SeasonView) -> HTML {
        let standings = view.standings
        let who = view.selection.teams ? "Team" : (view.discipline == "rally" ? "Crew" : "Driver")
        let caption =
            (view.selection.teams ? "Teams' standings" : "Drivers' standings")
            + (view.selection.className.map { " · \($0)" } ?? "")
            + (standings.rounds.last.map { " · after round \($0)" } ?? " · no results yet")
        let roundHeads = standings.rounds.map { round -> HTML in
            let name = view.rounds.first { $0.round == round }?.name ?? "Round \(round)"
            return "<th scope=\"col\" class=\"round\"><abbr title=\"Round \(round): \(name)\">\(round)</abbr></th>"
        }
        let head: HTML = """
            <thead><tr><th scope="col" class="pos">Pos</th><th scope="col" class="who">\(who)</th><th scope="col" class="num">Points</th>\
            <th scope="col" class="num">Wins</th><th scope="col" class="num">Podiums</th><th scope="col" class="num">Gap</th>\(each: roundHeads)</tr></thead>
            """
        let rows = standings.rows.map { row(view, $0) }
        let table: HTML =
            standings.rows.isEmpty
            ? "<p class=\"empty\">No results in this table at this cut.</p>"
            : """
            <div class="table-wrap" role="region" aria-labelledby="standings-caption" tabindex="0">
            <table class="standings" id="standings">
            <caption id="standings-caption">\(caption)</caption>
            \(head)
            <tbody>\(each: rows)</tbody>
            </table>
            </div>
            """
        return """
            <section aria-labelledby="standings-h" class="standings-section">
            <h2 id="standings-h">Standings</h2>
            \(table)
            \(excluded(view))
            \(published(view))
            \(notes(standings.notes))
            </section>
            """
    }

    static func row(_ view: SeasonView, _ row: Documents.Standings.Row, excluded: Bool = false) -> HTML {
        let rounds = Dictionary(row.rounds.map { ($0.round, $0) }, uniquingKeysWith: { a, _ in a })
        let unknown = view.isUnranked
        let cells = view.standings.rounds.map { round -> HTML in
            guard let score = rounds[round] else { return "<td class=\"round none\"></td>" }
            if unknown { return "<td class=\"round\" title=\"took part; points not known\">•</td>" }
            let text = Format.points(score.points)
            return score.counted
                ? "<td class=\"round\">\(text)</td>"
                : "<td class=\"round dropped\" title=\"dropped: not counted\">(\(text))</td>"
        }
        let explain = Href.explanation(view.championship, view.season, competitor: row.competitor, view.selection)
        let name: HTML = view.selection.teams ? "\(row.name)" : "<a href=\"\(Href.career(row.competitor))\">\(row.name)</a>"
        let position = row.position.map(String.init) ?? (excluded ? "EX" : "–")
        let tie: HTML = row.tieBreak.map { "<span class=\"tie\" title=\"\($0)\">*</span>" } ?? ""
        return """
            <tr data-competitor="\(row.competitor)"><td class="pos">\(position)\(tie)</td><th scope="row" class="who">\(name)</th>\
            <td class="num points" data-points="\(unknown ? "" : Format.points(row.points))"><a href="\(explain)">\(unknown ? "?" : Format.points(row.points))\
            <span class="visually-hidden">\(unknown ? " points not known: the results" : " points: how they add up")</span></a></td>\
            <td class="num">\(row.wins)</td><td class="num">\(row.podiums)</td><td class="num gap">\(row.gap == 0 ? "" : "−" + Format.points(row.gap))</td>\(each: cells)</tr>
            """
    }

    static func excluded(_ view: SeasonView) -> HTML {
        guard !view.standings.excluded.isEmpty else { return "" }
        let rows = view.standings.excluded.map { row(view, $0, excluded: true) }
        let roundHeads = view.standings.rounds.map { round -> HTML in "<th scope=\"col\" class=\"round\">\(round)</th>" }
        return """
            <div class="table-wrap" role="region" aria-labelledby="excluded-caption" tabindex="0">
            <table class="standings excluded">
            <caption id="excluded-caption">Excluded from the championship: results kept in history, points not counted</caption>
            <thead><tr><th scope="col" class="pos">Pos</th><th scope="col" class="who">Name</th><th scope="col" class="num">Points</th>\
            <th scope="col" class="num">Wins</th><th scope="col" class="num">Podiums</th><th scope="col" class="num">Gap</th>\(each: roundHeads)</tr></thead>
            <tbody>\(each: rows)</tbody>
            </table>
            </div>
            """
    }

    /// The latest table a source printed within the cut, beside the computed one.
    static func published(_ view: SeasonView) -> HTML {
        guard let published = view.standings.published else { return "" }
        let rows = published.rows.map { row -> HTML in
            let points = row.points.map(Format.points) ?? "–"
            return "<tr><td class=\"pos\">\(row.position.map(String.init) ?? "–")</td><th scope=\"row\">\(row.name)</th><td class=\"num\">\(points)</td></tr>"
        }
        let after = published.afterRound.map { "after round \($0)" } ?? "for the season"
        return """
            <div class="table-wrap published" role="region" aria-labelledby="published-caption" tabindex="0">
            <table>
            <caption id="published-caption">As a source published it, \(after)\(published.complete ? "" : " (part of the table: the rest is not known)")</caption>
            <thead><tr><th scope="col" class="pos">Pos</th><th scope="col">Name</th><th scope="col" class="num">Points</th></tr></thead>
            <tbody>\(each: rows)</tbody>
            </table>
            <p class="source">\(published.reason) · <a href="\(Href.event(published.logPosition))">event #\(published.logPosition)</a></p>
            </div>
            """
    }

    static func notes(_ notes: [String]) -> HTML {
        guard !notes.isEmpty else { return "" }
        return "<ul class=\"notes\">\(each: notes.map { note -> HTML in "<li>\(note)</li>" })</ul>"
    }
}
