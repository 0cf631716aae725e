import Paddock
import Projections

/// Every line behind one total of a table: the event and its log position, the session, the rule,
/// share and multiplier, penalties and corrections, counted or dropped; the counted lines add up to
/// the total the table shows.
public struct ExplanationView: Sendable {
    public var championship: String
    public var championshipName: String
    public var season: Int
    public var selection: SeasonSelection
    public var rounds: [SeasonView.RoundLabel]
    public var document: Documents.ExplanationDocument
    public var position: Int64

    public init(
        championship: String, championshipName: String, season: Int, selection: SeasonSelection,
        rounds: [SeasonView.RoundLabel], document: Documents.ExplanationDocument, position: Int64
    ) {
        self.championship = championship
        self.championshipName = championshipName
        self.season = season
        self.selection = selection
        self.rounds = rounds
        self.document = document
        self.position = position
    }
}

public enum ExplanationPage {
    public static func render(_ view: ExplanationView) -> String {
        let doc = view.document
        let title = "\(doc.name) · \(view.championshipName) \(view.season)"
        let seasonHref = Href.season(view.championship, view.season, view.selection)
        let main: HTML = """
            <nav class="crumbs" aria-label="Breadcrumb"><a href="/">Championships</a> › <a href="\(seasonHref)">\(view.championshipName) \(view.season)</a> › <span>\(doc.name)</span></nav>
            <h1>\(doc.name): how the points add up</h1>
            <div id="live">
            \(CutBanner.render(view.selection.cut, rounds: view.rounds, position: view.position, live: "This page updates by itself when something is recorded.",
                               liveHref: view.selection.isPast ? Href.explanation(view.championship, view.season, competitor: doc.competitor, view.selection.with(cut: .everything)) : nil))
            \(summary(view))
            \(lines(view))
            \(published(view))
            </div>
            """
        return Layout.page(
            title: title, section: .season, main: main,
            live: .season(championship: view.championship, season: view.season, paused: view.selection.isPast),
            position: view.position)
    }

    static func summary(_ view: ExplanationView) -> HTML {
        let doc = view.document
        let place: HTML = doc.position.map { "<strong>\(Format.ordinal($0))</strong> with " } ?? ""
        let table = view.selection.teams ? "teams' table" : "drivers' table"
        let exact: HTML = doc.totalExact.map { " <span class=\"exact\">(exactly \($0))</span>" } ?? ""
        return """
            <p class="total-line">\(place)<strong id="total" data-points="\(Format.points(doc.total))">\(Format.points(doc.total))</strong> points\(exact) in the \(table)\
            \(view.selection.className.map { " of class \($0)" }): the counted lines below add up to it. \
            <a href="\(Href.season(view.championship, view.season, view.selection))">Back to the table</a></p>
            """
    }

    static func lines(_ view: ExplanationView) -> HTML {
        let doc = view.document
        guard !doc.lines.isEmpty else { return "<p class=\"empty\">No results, bonuses or penalties at this cut.</p>" }
        let rows = doc.lines.map { line -> HTML in
            let result: String
            if let position = line.classifiedPosition {
                result = line.status == nil || line.status == "classified" ? Format.ordinal(position) : "\(Format.ordinal(position)) (\(line.status ?? ""))"
            } else {
                result = line.status ?? ""
            }
            // "race" of kind race is just "race"; "heat-1" of kind heat says both.
            let kind = line.sessionKind.flatMap { $0 == line.session ? nil : "(\($0))" }
            let session = [line.session, kind].compactMap { $0 }.joined(separator: " ")
            let notes: HTML = line.notes.isEmpty ? "" : "<ul class=\"line-notes\">\(each: line.notes.map { note -> HTML in "<li>\(note)</li>" })</ul>"
            let points = Format.points(line.points)
            let exact: HTML = line.pointsExact.map { "<span class=\"exact\" title=\"exactly\">\($0)</span>" } ?? ""
            return """
                <tr class="\(line.counted ? "counted" : "dropped")" data-points="\(points)" data-counted="\(line.counted ? "true" : "false")">\
                <td class="num">\(line.round.map(String.init) ?? "–")</td><td>\(line.kind)</td><td>\(session)</td><td>\(result)</td>\
                <td class="rule">\(line.rule)\(notes)</td><td class="num">\(Format.points(line.basePoints))</td><td class="num">\(line.share)</td>\
                <td class="num">\(line.multiplier)</td><td class="num points">\(line.counted ? points : "(\(points))")\(exact)</td>\
                <td>\(line.counted ? "counted" : "dropped")</td>\
                <td><a href="\(Href.event(line.logPosition))" title="event \(line.eventId)">#\(line.logPosition)</a></td></tr>
                """
        }
        return """
            <div class="table-wrap" role="region" aria-labelledby="lines-caption" tabindex="0">
            <table class="explanation" id="lines">
            <caption id="lines-caption">Every result, bonus, adjustment and penalty behind the total</caption>
            <thead><tr><th scope="col" class="num">Round</th><th scope="col">Kind</th><th scope="col">Session</th><th scope="col">Result</th>\
            <th scope="col">Rule and notes</th><th scope="col" class="num">Base</th><th scope="col" class="num">Share</th>\
            <th scope="col" class="num">Multiplier</th><th scope="col" class="num">Points</th><th scope="col">Counted</th><th scope="col">Event</th></tr></thead>
            <tbody>\(each: rows)</tbody>
            <tfoot><tr><th scope="row" colspan="8">Total of the counted lines</th><td class="num points" id="lines-total">\(Format.points(doc.total))</td><td colspan="2"></td></tr></tfoot>
            </table>
            </div>
            """
    }

    static func published(_ view: ExplanationView) -> HTML {
        guard let published = view.document.published, let row = published.rows.first else { return "" }
        let after = published.afterRound.map { "after round \($0)" } ?? "for the season"
        let position = row.position.map { Format.ordinal($0) } ?? "unplaced"
        let points = row.points.map { ", \(Format.points($0)) points" } ?? ""
        return """
            <p class="published">As a source published it, \(after): \(position)\(points). \(published.reason) · \
            <a href="\(Href.event(published.logPosition))">event #\(published.logPosition)</a></p>
            """
    }
}
