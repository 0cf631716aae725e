import Paddock

/// The rows that differ between the page's table and the one it is compared with: each side's
/// place and points, the change, and the recorded events that make it (each a link to the log).
enum ComparisonSection {
    /// Causes listed per row before "and N more".
    static let causesShown = 3

    static func render(_ view: SeasonView) -> HTML {
        guard let comparison = view.comparison else { return "" }
        let document = comparison.document
        // Column heads stay short: "The rules of f1 1998", "After round 11 of 22 (…)".
        let (fromTitle, toTitle) = comparison.isRules ? ("Own rules", capitalised(document.to.rules)) : (capitalised(comparison.label), "This table")
        let changed = document.rows.filter(\.changed)
        let stop = Href.season(view.championship, view.season, view.selection.with(comparand: nil))
        let json: HTML = Href.comparisonJSON(view.championship, view.season, view.selection).map { " · <a href=\"\($0)\">as JSON</a>" } ?? ""
        let summary =
            changed.isEmpty
            ? "Nothing differs: every row has the same place and points."
            : "\(changed.count) of \(document.rows.count) rows differ."
        let who = view.selection.teams ? "Team" : (view.discipline == "rally" ? "Crew" : "Driver")
        let table: HTML =
            changed.isEmpty
            ? ""
            : """
            <div class="table-wrap" role="region" aria-labelledby="compare-caption" tabindex="0">
            <table class="comparison" id="comparison">
            <caption id="compare-caption">What differs, \(comparison.isRules ? "this table \(comparison.label)" : "this table against the one \(comparison.label)")</caption>
            <thead><tr><th scope="col" class="who">\(who)</th><th scope="col" class="num">\(fromTitle)</th><th scope="col" class="num">\(toTitle)</th>\
            <th scope="col" class="num">Change</th><th scope="col">Why</th></tr></thead>
            <tbody>\(each: changed.map { row($0) })</tbody>
            </table>
            </div>
            """
        let heading = comparison.isRules ? "This table \(comparison.label)" : "Compared with the table \(comparison.label)"
        let note: HTML =
            comparison.isRules
            ? "<p class=\"hypothesis\">A hypothesis: these rules were not the season's. Nothing is recorded.</p>"
            : ""
        return """
            <section aria-labelledby="compare-h" class="comparison-section">
            <h2 id="compare-h">\(heading)</h2>
            \(note)
            <p>\(summary) <a href="\(stop)">Stop comparing</a>\(json)</p>
            \(table)
            </section>
            """
    }

    static func row(_ row: Documents.ComparisonDocument.Row) -> HTML {
        func side(_ standing: Documents.ComparisonDocument.Standing?) -> String {
            guard let standing else { return "–" }
            let place = standing.excluded ? "EX" : standing.position.map { "P\($0)" } ?? "–"
            return "\(place) · \(Format.points(standing.points))"
        }
        var change: [String] = []
        if row.points != 0 { change.append((row.points > 0 ? "+" : "") + Format.points(row.points) + " pts") }
        if let places = row.positions, places != 0 { change.append((places > 0 ? "+" : "") + "\(places) " + (abs(places) == 1 ? "place" : "places")) }
        let causes = row.causes.prefix(causesShown).map { cause -> HTML in
            var what = cause.kind
            if let round = cause.round { what += ", round \(round)" + (cause.session.map { " \($0)" } ?? "") }
            let points = cause.points == 0 ? "" : " " + (cause.points > 0 ? "+" : "") + Format.points(cause.points)
            return "<li><a href=\"\(Href.event(cause.logPosition))\">\(what)</a>\(points) <small>\(cause.rule)\(cause.new ? " · new" : "")</small></li>"
        }
        let more: HTML = row.causes.count > causesShown ? "<li>and \(row.causes.count - causesShown) more</li>" : ""
        return """
            <tr data-competitor="\(row.competitor)"><th scope="row" class="who">\(row.name)</th><td class="num">\(side(row.from))</td>\
            <td class="num">\(side(row.to))</td><td class="num">\(change.isEmpty ? "–" : change.joined(separator: ", "))</td>\
            <td><ul class="causes">\(each: Array(causes))\(more)</ul></td></tr>
            """
    }

    static func capitalised(_ text: String) -> String { text.prefix(1).uppercased() + text.dropFirst() }
}
