import Projections
import SeasonDomain

/// The calendar at the cut: each round's dates (earlier ones struck through, with the reason for
/// each move), place, status and winners, and the iCalendar file.
enum CalendarSection {
    static func render(_ view: SeasonView) -> HTML {
        let rounds = view.calendar.rounds
        guard !rounds.isEmpty else { return "" }
        let rows = rounds.map { round -> HTML in
            var dates: [HTML] = []
            for (index, change) in round.dateHistory.enumerated() {
                let text = span(change.startDate, change.endDate)
                if index == round.dateHistory.count - 1 {
                    let why: HTML = change.reason.map { " <span class=\"why\">(\($0))</span>" } ?? ""
                    dates.append("<span class=\"current\">\(text)</span>\(why)")
                } else {
                    dates.append("<del title=\"an earlier date\">\(text)</del>")
                }
            }
            let place = [round.venue, round.country].compactMap { $0 }.joined(separator: ", ")
            let winners = round.winners.map { winner -> HTML in
                let label = [winner.className, winner.session].compactMap { $0 }.joined(separator: " ")
                return "<li><a href=\"\(Href.career(winner.competitor))\">\(view.name(winner.competitor))</a> <span class=\"session\">\(label)</span></li>"
            }
            let status: HTML =
                round.status == .cancelled
                ? "cancelled\(HTML.when(round.cancellationReason != nil, ": "))\(round.cancellationReason)"
                : "\(round.status.rawValue)"
            return """
                <tr><td class="num">\(round.round)</td><th scope="row">\(round.name ?? "Round \(round.round)")<span class="place">\(place)</span></th>\
                <td class="dates">\(HTML.join(dates, separator: " "))</td><td class="status \(round.status.rawValue)">\(status)</td>\
                <td><ul class="winners">\(each: winners)</ul></td></tr>
                """
        }
        return """
            <section aria-labelledby="calendar-h" class="calendar">
            <h2 id="calendar-h">Calendar</h2>
            <p><a href="\(Href.calendarICS(view.championship, view.season))" download>Add to a calendar (.ics)</a></p>
            <div class="table-wrap" role="region" aria-labelledby="calendar-caption" tabindex="0">
            <table>
            <caption id="calendar-caption">Rounds, with every date each has had</caption>
            <thead><tr><th scope="col" class="num">Round</th><th scope="col">Event</th><th scope="col">Dates</th><th scope="col">Status</th><th scope="col">Winner</th></tr></thead>
            <tbody>\(each: rows)</tbody>
            </table>
            </div>
            </section>
            """
    }

    static func span(_ start: PartialDate, _ end: PartialDate?) -> String {
        guard let end, end != start else { return Format.date(start) }
        return Format.date(start) + " – " + Format.date(end)
    }
}
