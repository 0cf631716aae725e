import Paddock
import Projections

/// The comparison form (GET, so the address carries it): the page's table beside the same table
/// after another round or as known before a recording, or under another season's rules. The
/// page's own cut travels in hidden fields.
enum CompareControl {
    static func render(_ view: SeasonView) -> HTML {
        guard !view.isUnranked, !view.rounds.isEmpty else { return "" }
        let hidden: [HTML] = view.selection.with(comparand: nil).queryItems.map { item -> HTML in
            "<input type=\"hidden\" name=\"\(item.name)\" value=\"\(item.value)\">"
        }
        var chosenCut: String?
        var chosenRules: String?
        switch view.selection.comparand {
        case .cut(let cut): chosenCut = CutText.text(cut)
        case .rulesOf(let c, let s): chosenRules = "\(c):\(s)"
        case nil: break
        }
        func option(_ value: String, _ label: String, selected: String?) -> HTML {
            "<option value=\"\(value)\"\(HTML.when(selected == value, " selected"))>\(label)</option>"
        }
        var cuts: [HTML] = view.rounds.map { round in
            option(CutText.text(Cut(afterRound: round.round)), "after round \(round.round)" + (round.name.map { " (\($0))" } ?? ""), selected: chosenCut)
        }
        cuts += view.recordings.map { recording in
            option(CutText.text(Cut(atPosition: recording.position - 1)), "as known before \(recording.label)", selected: chosenCut)
        }
        cuts.append(option("everything", "everything recorded", selected: chosenCut))
        let rules = view.ruleSeasons.map { season in option("\(view.championship):\(season)", "\(season)", selected: chosenRules) }
        let rulesField: HTML =
            rules.isEmpty
            ? ""
            : """
            <div class="field">
            <label for="rulesOf">Or under the rules of</label>
            <select id="rulesOf" name="rulesOf"><option value="">this season's own</option>\(each: rules)</select>
            </div>
            """
        return """
            <form class="compare" method="get" action="\(Href.season(view.championship, view.season))" aria-labelledby="compare-form-h">
            <details\(HTML.when(view.selection.comparand != nil, " open"))><summary id="compare-form-h">Compare with another table</summary>
            \(each: hidden)
            <div class="cut-fields">
            <div class="field">
            <label for="compare">This table against the one</label>
            <select id="compare" name="compare"><option value="">(choose a cut)</option>\(each: cuts)</select>
            </div>
            \(rulesField)
            </div>
            <div class="actions"><button type="submit">Compare</button></div>
            </details>
            </form>
            """
    }
}
