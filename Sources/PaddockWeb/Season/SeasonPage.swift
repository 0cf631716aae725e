import Paddock
import Projections

/// The season page: the table at a cut with its replay control, the points progression, the title
/// maths and the calendar. Everything that moves with the log sits in `#live`, which the script
/// replaces with the same section of a fresh rendering.
///
/// ```swift
/// let html = SeasonPage.render(view)   // a whole document
/// ```
public enum SeasonPage {
    public static func render(_ view: SeasonView) -> String {
        let main: HTML = """
            <nav class="crumbs" aria-label="Breadcrumb"><a href="/">Championships</a> › <span>\(view.championshipName)</span></nav>
            <h1>\(view.heading)</h1>
            \(ReplayControl.render(view))
            \(CompareControl.render(view))
            <div id="live">
            \(live(view))
            </div>
            """
        return Layout.page(
            title: view.heading, section: .season, main: main,
            live: .season(championship: view.championship, season: view.season, paused: view.selection.isPast),
            position: view.position)
    }

    /// What the script swaps when the log moves or the cut changes.
    static func live(_ view: SeasonView) -> HTML {
        """
        \(tableChoices(view))
        \(CutBanner.render(view.selection.cut, rounds: view.rounds, position: view.position, live: "This page updates by itself when something is recorded.",
                   liveHref: Href.season(view.championship, view.season, view.selection.with(cut: .everything))))
        \(StandingsSection.render(view))
        \(ProgressionChart.render(view))
        \(ComparisonSection.render(view))
        \(TitleSection.render(view))
        \(CalendarSection.render(view))
        """
    }

    /// Drivers or teams, and the class.
    static func tableChoices(_ view: SeasonView) -> HTML {
        var choices: [(label: String, selection: SeasonSelection)] = []
        var classes: [String?] = view.classes.map { $0 }
        if view.hasUnclassedResults || classes.isEmpty { classes.insert(nil, at: 0) }
        for className in classes {
            let suffix = className.map { " · \($0)" } ?? ""
            choices.append(("Drivers" + suffix, view.selection.with(teams: false, className: className)))
            choices.append(("Teams" + suffix, view.selection.with(teams: true, className: className)))
        }
        let links = choices.map { choice -> HTML in
            let current = choice.selection.teams == view.selection.teams && choice.selection.className == view.selection.className
            return
                "<li><a href=\"\(Href.season(view.championship, view.season, choice.selection))\"\(HTML.when(current, " aria-current=\"true\""))>\(choice.label)</a></li>"
        }
        return "<nav class=\"tabs\" aria-label=\"Table\"><ul>\(each: links)</ul></nav>"
    }
}

/// Says which cut a page shows: live (and that it follows the log) or a past cut (and that it
/// stays still), with a way back to live.
public enum CutBanner {
    static func render(_ cut: Cut, rounds: [SeasonView.RoundLabel], position: Int64, live: String, liveHref: String? = nil) -> HTML {
        guard !cut.isEverything else {
            return
                "<p class=\"cut live\" id=\"cut\"><strong>Live</strong>: everything recorded, up to log position \(position).<span class=\"screen\"> \(live)</span></p>"
        }
        let back: HTML = liveHref.map { " <a href=\"\($0)\">Show everything recorded (live)</a>" } ?? ""
        return
            "<p class=\"cut past\" id=\"cut\"><strong>A past cut</strong>: \(describe(cut, rounds: rounds)). <span class=\"screen\"> This page stays as it is while new results are recorded.\(back)</span></p>"
    }

    /// The cut in words: "after round 3 of 6 (Hell), as the log knew it at position 41".
    public static func describe(_ cut: Cut, rounds: [SeasonView.RoundLabel]) -> String {
        var parts: [String] = []
        if let r = cut.afterRound {
            let name = rounds.first { $0.round == r }?.name.map { " (\($0))" } ?? ""
            let last = rounds.map(\.round).max().map { " of \($0)" } ?? ""
            parts.append("after round \(r)\(last)\(name)")
        }
        if let asOf = cut.asOf { parts.append("as of \(asOf)") }
        if let knownAt = cut.knownAt { parts.append("as the log knew it at \(knownAt)") }
        if let p = cut.atPosition { parts.append("as the log knew it at position \(p)") }
        return parts.joined(separator: ", ")
    }
}
