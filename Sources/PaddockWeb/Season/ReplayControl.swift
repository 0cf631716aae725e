import Projections

/// The replay control: a form (GET, so the address carries the cut) that moves the cut after a
/// round (a slider), as of a date, as known at a recording time, or as known before one of the
/// stewards' recordings. It works as a plain form; the script applies it as the slider moves.
enum ReplayControl {
    static func render(_ view: SeasonView) -> HTML {
        let cut = view.selection.cut
        let last = view.rounds.map(\.round).max() ?? 0
        var hidden: HTML = ""
        if let className = view.selection.className { hidden += "<input type=\"hidden\" name=\"class\" value=\"\(className)\">" }
        if view.selection.teams { hidden += "<input type=\"hidden\" name=\"teams\" value=\"true\">" }
        let slider: HTML
        if last >= 1 {
            let value = min(cut.afterRound ?? last, last)
            let ticks = view.rounds.map { round -> HTML in "<option value=\"\(round.round)\" label=\"\(round.round)\"></option>" }
            let names = view.rounds.map { round -> HTML in "<li data-round=\"\(round.round)\">\(round.name ?? "Round \(round.round)")</li>" }
            slider = """
                <div class="field slider">
                <label for="afterRound">After round</label>
                <input type="range" id="afterRound" name="afterRound" min="1" max="\(last)" step="1" value="\(value)" list="round-ticks" aria-describedby="afterRound-out">
                <output id="afterRound-out" for="afterRound">\(value) of \(last) · \(view.rounds.first { $0.round == value }?.name ?? "Round \(value)")</output>
                <datalist id="round-ticks">\(each: ticks)</datalist>
                <ol class="round-names" hidden>\(each: names)</ol>
                </div>
                """
        } else {
            slider = ""
        }
        let options = view.recordings.map { recording -> HTML in
            let value = recording.position - 1
            return "<option value=\"\(value)\"\(HTML.when(cut.atPosition == value, " selected"))>before \(recording.label) (#\(recording.position))</option>"
        }
        let before: HTML =
            view.recordings.isEmpty
            ? ""
            : """
            <div class="field">
            <label for="atPosition">As known before</label>
            <select id="atPosition" name="atPosition"><option value="">any recording</option>\(each: options)</select>
            </div>
            """
        let other = cut.asOf != nil || cut.knownAt != nil || cut.atPosition != nil
        return """
            <form class="replay" method="get" action="\(Href.season(view.championship, view.season))" aria-labelledby="replay-h">
            <h2 id="replay-h">Replay the season</h2>
            \(hidden)
            \(slider)
            <details class="more-cuts"\(HTML.when(other, " open"))><summary>As of a date, or as the log knew it</summary>
            <div class="cut-fields">
            <div class="field">
            <label for="asOf">As of date</label>
            <input type="date" id="asOf" name="asOf" value="\(cut.asOf ?? "")" aria-describedby="asOf-help">
            <small id="asOf-help">What had happened by then, by the track's date.</small>
            </div>
            <div class="field">
            <label for="knownAt">As known at</label>
            <input type="text" id="knownAt" name="knownAt" value="\(cut.knownAt ?? "")" placeholder="2021-12-12T18:00:00Z" aria-describedby="knownAt-help">
            <small id="knownAt-help">What the log had recorded by then (ISO 8601, with an offset).</small>
            </div>
            \(before)
            </div>
            </details>
            <div class="actions">
            <button type="submit">Show this cut</button>
            <a href="\(Href.season(view.championship, view.season, view.selection.with(cut: .everything)))">Everything recorded (live)</a>
            </div>
            </form>
            """
    }
}
