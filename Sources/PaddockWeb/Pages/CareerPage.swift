import Projections

/// A competitor's seasons, classes, teams and cars over time, results and titles.
public enum CareerPage {
    public static func render(_ career: Career, position: Int64) -> String {
        let facts = [career.nationality.map { "Nationality \($0)" }, career.birthDate.map { "born \(Format.date($0))" }].compactMap { $0 }
        let totals: HTML = """
            <ul class="totals">
            <li><strong>\(career.seasons.count)</strong> season\(career.seasons.count == 1 ? "" : "s")</li>
            <li><strong>\(career.starts)</strong> starts</li><li><strong>\(career.wins)</strong> wins</li>
            <li><strong>\(career.podiums)</strong> podiums</li><li><strong>\(career.dnfs)</strong> retirements</li>
            <li><strong>\(career.titles.count)</strong> title\(career.titles.count == 1 ? "" : "s")</li>
            </ul>
            """
        let titles = career.titles.map { title -> HTML in
            let what = title.title ?? "champion"
            return
                "<li><a href=\"\(Href.season(title.championship, title.season, SeasonSelection(className: title.className)))\">\(title.championship) \(title.season)</a>\(title.className.map { " · \($0)" }): \(what)</li>"
        }
        let rows = career.seasons.map(row)
        let seasons: HTML =
            career.seasons.isEmpty
            ? "<p class=\"empty\">No seasons in the log.</p>"
            : """
            <div class="table-wrap" role="region" aria-labelledby="career-caption" tabindex="0">
            <table class="career">
            <caption id="career-caption">Season by season</caption>
            <thead><tr><th scope="col">Season</th><th scope="col">Class</th><th scope="col">Teams</th><th scope="col">Cars</th>\
            <th scope="col" class="num">Starts</th><th scope="col" class="num">Wins</th><th scope="col" class="num">Podiums</th>\
            <th scope="col">Retirements</th><th scope="col" class="num">Final place</th><th scope="col" class="num">Points</th></tr></thead>
            <tbody>\(each: rows)</tbody>
            </table>
            </div>
            """
        let main: HTML = """
            <nav class="crumbs" aria-label="Breadcrumb"><a href="/">Championships</a> › <span>\(career.name)</span></nav>
            <h1>\(career.name)</h1>
            \(HTML.when(!facts.isEmpty, "<p class=\"facts\">\(facts.joined(separator: " · "))</p>"))
            \(totals)
            \(HTML.when(!titles.isEmpty, "<h2>Titles</h2><ul class=\"titles\">\(each: titles)</ul>"))
            <h2>Seasons</h2>
            \(seasons)
            """
        return Layout.page(title: career.name, section: .career, main: main, position: position)
    }

    static func row(_ season: CareerSeason) -> HTML {
        func spells(_ spells: [CareerSeason.Spell]) -> HTML {
            HTML.join(
                spells.map { spell -> HTML in
                    let rounds: String
                    switch (spell.fromRound, spell.toRound) {
                    case let (from?, to?) where from == to: rounds = " (round \(from))"
                    case let (from?, to?): rounds = " (rounds \(from)–\(to))"
                    case let (from?, nil): rounds = " (from round \(from))"
                    default: rounds = spell.since.map { " (from \(Format.date($0)))" } ?? ""
                    }
                    return "\(spell.name)<span class=\"rounds\">\(rounds)</span>"
                }, separator: "<br>")
        }
        let retirements = season.retirements.map { r -> HTML in
            "<li>round \(r.round)\(r.session.map { " \($0)" })\(r.reason.map { ": \($0)" })</li>"
        }
        let place: String
        if let position = season.position {
            place = Format.ordinal(position)
        } else if let published = season.publishedPosition {
            place = Format.ordinal(published) + " (published)"
        } else {
            place = "–"
        }
        let titles: HTML = season.titles.isEmpty ? "" : "<span class=\"title-won\">\(season.titles.joined(separator: "; "))</span>"
        let className = season.classes.first
        return """
            <tr><th scope="row"><a href="\(Href.season(season.championship, season.season, SeasonSelection(className: className)))">\(season.championshipName ?? season.championship) \(season.season)</a>\(titles)</th>\
            <td>\(season.classes.joined(separator: ", "))</td><td>\(spells(season.teams))</td><td>\(spells(season.cars))</td>\
            <td class="num">\(season.starts)</td><td class="num">\(season.wins)</td><td class="num">\(season.podiums)</td>\
            <td>\(HTML.when(!retirements.isEmpty, "<ul class=\"retirements\">\(each: retirements)</ul>"))</td>\
            <td class="num">\(place)</td><td class="num">\(season.points.map(Format.points) ?? "–")</td></tr>
            """
    }
}
