import EventStore
import SeasonDomain

/// What the desk's season pages need of the season: its rounds, classes, the registered competitors
/// and teams to choose from, its classifications (to correct), its stream's version and last events.
public struct DeskSeason: Sendable {
    public struct Choice: Sendable, Equatable {
        public var value: String
        public var label: String

        public init(value: String, label: String) {
            self.value = value
            self.label = label
        }
    }

    public var championship: String
    public var championshipName: String
    public var season: Int
    public var rounds: [SeasonView.RoundLabel]
    public var classes: [String]
    public var competitors: [Choice]
    public var teams: [Choice]
    public var classifications: [Choice]
    /// The season stream's version when the page was made: a form records only if it is still that.
    public var streamVersion: Int
    /// The season stream's latest events, newest first.
    public var recent: [RecordedEvent]

    public init(
        championship: String, championshipName: String, season: Int, rounds: [SeasonView.RoundLabel], classes: [String],
        competitors: [Choice], teams: [Choice], classifications: [Choice], streamVersion: Int, recent: [RecordedEvent]
    ) {
        self.championship = championship
        self.championshipName = championshipName
        self.season = season
        self.rounds = rounds
        self.classes = classes
        self.competitors = competitors
        self.teams = teams
        self.classifications = classifications
        self.streamVersion = streamVersion
        self.recent = recent
    }

    var title: String { "\(championshipName) \(season)" }
}

/// A form as it is shown: its values, its errors, what was just recorded.
public struct DeskFormState: Sendable {
    public enum Outcome: Sendable, Equatable {
        /// Recorded at these positions.
        case recorded([Int64])
        /// The same submission was recorded before: nothing recorded twice.
        case alreadyRecorded([Int64])
    }

    public var values: [String: String]
    /// Error messages by form field name.
    public var fieldErrors: [String: String]
    /// Errors that name no field of the form.
    public var errors: [String]
    /// Someone recorded in the season after the form was made: the stream's version now.
    public var conflict: Int?
    public var outcome: Outcome?
    public var rows: Int

    public init(
        values: [String: String] = [:], fieldErrors: [String: String] = [:], errors: [String] = [], conflict: Int? = nil,
        outcome: Outcome? = nil, rows: Int = 10
    ) {
        self.values = values
        self.fieldErrors = fieldErrors
        self.errors = errors
        self.conflict = conflict
        self.outcome = outcome
        self.rows = rows
    }
}

/// The desk: sign-in, the seasons, a season's forms, and each form.
public enum DeskPages {
    public static func signIn(error: String?) -> String {
        let errorHTML: HTML = error.map { "<p class=\"field-error\" id=\"token-error\">\($0)</p>" as HTML } ?? ""
        let main: HTML = """
            <h1>Desk: sign in</h1>
            <p>Recording needs a token (<code>paddock token create --name desk --role recorder</code>). Sign in with it once: this browser stays signed in until it is closed or you sign out. The token is never put in an address.</p>
            <form class="desk sign-in" method="post" action="/desk/sign-in">
            <div class="field">
            <label for="token">Token</label>
            <input id="token" name="token" type="password" autocomplete="off" required\(HTML.when(error != nil, " aria-invalid=\"true\" aria-describedby=\"token-error\""))>
            \(errorHTML)
            </div>
            <div class="actions"><button type="submit">Sign in</button></div>
            </form>
            """
        return Layout.page(title: "Desk: sign in", section: .desk, main: main)
    }

    public static func seasons(_ championships: [HomeView.Championship], signedIn: Layout.SignedIn) -> String {
        let items = championships.map { c -> HTML in
            let seasons = c.seasons.sorted(by: >).map { year -> HTML in "<li><a href=\"\(Href.deskSeason(c.id, year))\">\(year)</a></li>" }
            return "<li class=\"championship\"><h3>\(c.name)</h3><ul class=\"seasons\" aria-label=\"\(c.name): seasons\">\(each: seasons)</ul></li>"
        }
        let main: HTML = """
            <h1>Desk</h1>
            <h2>Choose a season to record in</h2>
            <ul class="championships">\(each: items)</ul>
            """
        return Layout.page(title: "Desk", section: .desk, main: main, signedIn: signedIn)
    }

    public static func season(_ season: DeskSeason, forms: [(form: DeskForm, allowed: Bool)], signedIn: Layout.SignedIn) -> String {
        let items = forms.map { entry -> HTML in
            entry.allowed
                ? "<li><a href=\"\(Href.deskForm(season.championship, season.season, entry.form.slug))\">\(entry.form.title)</a>: \(entry.form.purpose)</li>"
                : "<li><span class=\"disabled\">\(entry.form.title)</span>: \(entry.form.purpose) <em>(a steward's; you are signed in as \(signedIn.role))</em></li>"
        }
        let main: HTML = """
            <nav class="crumbs" aria-label="Breadcrumb"><a href="/desk">Desk</a> › <span>\(season.title)</span></nav>
            <h1>Desk: \(season.title)</h1>
            <p><a href="\(Href.season(season.championship, season.season))">The season's page</a> · \
            <a href="\(Href.log(LogFilter(stream: StreamName.season(season.championship, season.season).text)))">its log</a></p>
            <ul class="forms">\(each: items)</ul>
            \(recent(season))
            """
        return Layout.page(title: "Desk: \(season.title)", section: .desk, main: main, signedIn: signedIn)
    }

    public static func form(_ form: DeskForm, season: DeskSeason, state: DeskFormState, signedIn: Layout.SignedIn) -> String {
        let action = Href.deskForm(season.championship, season.season, form.slug)
        // A season without classes has no class to choose.
        let fields = form.fields.filter { $0.kind != .className || !season.classes.isEmpty || state.values[$0.name] != nil }
            .map { field(field: $0, name: $0.name, label: $0.label, season: season, state: state) }
        let main: HTML = """
            <nav class="crumbs" aria-label="Breadcrumb"><a href="/desk">Desk</a> › <a href="\(Href.deskSeason(season.championship, season.season))">\(season.title)</a> › <span>\(form.title)</span></nav>
            <h1>\(form.title)</h1>
            <p class="purpose">\(form.purpose) Recorded in <strong>\(season.title)</strong> as <strong>\(signedIn.name)</strong> (\(signedIn.role)).</p>
            \(outcome(state, season: season))
            \(conflict(state, action: action))
            \(errors(state, form: form))
            <form class="desk" method="post" action="\(action)" novalidate>
            <input type="hidden" name="csrf" value="\(signedIn.csrf)">
            <input type="hidden" name="eventId" value="\(state.values["eventId"] ?? "")">
            <input type="hidden" name="expectedVersion" value="\(state.values["expectedVersion"] ?? "")">
            <fieldset><legend>\(form.eventType)</legend>
            \(each: fields)
            \(field(field: DeskForm.Field("occurredAt", "Occurred at", .text, required: true, help: "the track's time, ISO 8601 with its offset: 2021-06-12T15:03:00+02:00"), name: "occurredAt", label: "Occurred at", season: season, state: state))
            </fieldset>
            \(form.rows.map { rows(form, $0, season: season, state: state) })
            <div class="actions"><button type="submit">Record</button> <a href="\(Href.deskSeason(season.championship, season.season))">Cancel</a></div>
            </form>
            \(datalists(form, season))
            """
        return Layout.page(title: form.title, section: .desk, main: main, signedIn: signedIn)
    }

    // MARK: - Parts

    static func outcome(_ state: DeskFormState, season: DeskSeason) -> HTML {
        switch state.outcome {
        case .recorded(let positions)?:
            let links = positions.map { p -> HTML in "<a href=\"\(Href.event(p))\">event #\(p)</a>" }
            return
                "<p class=\"ok\" role=\"status\" id=\"outcome\">Recorded: \(HTML.join(links, separator: ", ")). <a href=\"\(Href.season(season.championship, season.season))\">See the season</a>. The form below is ready for the next one.</p>"
        case .alreadyRecorded(let positions)?:
            let links = positions.map { p -> HTML in "<a href=\"\(Href.event(p))\">event #\(p)</a>" }
            return
                "<p class=\"ok\" role=\"status\" id=\"outcome\">This was recorded already (\(HTML.join(links, separator: ", "))): the retry recorded nothing twice.</p>"
        case nil:
            return ""
        }
    }

    static func conflict(_ state: DeskFormState, action: String) -> HTML {
        guard let current = state.conflict else { return "" }
        return """
            <div class="conflict" role="alert" id="conflict"><p><strong>Someone else recorded in this season first</strong> \
            (it is now at version \(current), your form was made at version \(state.values["expectedVersion"] ?? "?")). Nothing was recorded.</p>
            <p>Check what they recorded, then submit again: your entries are kept below and will be recorded after theirs. \
            Or <a href="\(action)">reload the form</a> to start again from the season as it is now.</p></div>
            """
    }

    static func errors(_ state: DeskFormState, form: DeskForm) -> HTML {
        let count = state.fieldErrors.count + state.errors.count
        guard count > 0 else { return "" }
        let general = state.errors.map { message -> HTML in "<li>\(message)</li>" }
        let fields = state.fieldErrors.keys.sorted().map { name -> HTML in
            "<li><a href=\"#\(fieldID(name))\">\(label(of: name, in: form))</a>: \(state.fieldErrors[name] ?? "")</li>"
        }
        return """
            <div class="errors" role="alert" id="errors"><p><strong>Nothing was recorded.</strong> \(count == 1 ? "One thing needs" : "\(count) things need") fixing:</p>
            <ul>\(each: general)\(each: fields)</ul></div>
            """
    }

    /// One labelled field, with its error beside it.
    static func field(field: DeskForm.Field, name: String, label: String, season: DeskSeason, state: DeskFormState, compact: Bool = false) -> HTML {
        let id = fieldID(name)
        let value = state.values[name] ?? ""
        let error = state.fieldErrors[name]
        var described: [String] = []
        if error != nil { described.append("\(id)-error") }
        if field.help != nil, !compact { described.append("\(id)-help") }
        let aria: HTML =
            "\(HTML.when(error != nil, " aria-invalid=\"true\""))\(HTML.when(!described.isEmpty, " aria-describedby=\"\(described.joined(separator: " "))\""))\(HTML.when(field.required && !compact, " aria-required=\"true\""))"
        let input: HTML
        switch field.kind {
        case .choice(let words):
            input = select(id, name, value, [DeskSeason.Choice(value: "", label: "–")] + words.map { DeskSeason.Choice(value: $0, label: $0) }, aria)
        case .round where !season.rounds.isEmpty:
            input = select(
                id, name, value,
                [DeskSeason.Choice(value: "", label: "–")]
                    + season.rounds.map {
                        DeskSeason.Choice(value: String($0.round), label: "\($0.round)" + ($0.name.map { " · \($0)" } ?? ""))
                    }, aria)
        case .className where !season.classes.isEmpty:
            input = select(id, name, value, [DeskSeason.Choice(value: "", label: "–")] + season.classes.map { DeskSeason.Choice(value: $0, label: $0) }, aria)
        case .classification:
            input = select(id, name, value, [DeskSeason.Choice(value: "", label: "–")] + season.classifications, aria)
        case .flag:
            input = "<input type=\"checkbox\" id=\"\(id)\" name=\"\(name)\" value=\"true\"\(HTML.when(!value.isEmpty, " checked"))\(aria)>"
        case .competitor:
            input = "<input type=\"text\" id=\"\(id)\" name=\"\(name)\" value=\"\(value)\" list=\"competitors\" autocomplete=\"off\"\(aria)>"
        case .team:
            input = "<input type=\"text\" id=\"\(id)\" name=\"\(name)\" value=\"\(value)\" list=\"teams\" autocomplete=\"off\"\(aria)>"
        case .integer, .round, .integers:
            input = "<input type=\"text\" inputmode=\"numeric\" id=\"\(id)\" name=\"\(name)\" value=\"\(value)\"\(aria)>"
        case .decimal, .points:
            input = "<input type=\"text\" inputmode=\"decimal\" id=\"\(id)\" name=\"\(name)\" value=\"\(value)\"\(aria)>"
        case .text, .date, .className:
            input = "<input type=\"text\" id=\"\(id)\" name=\"\(name)\" value=\"\(value)\"\(aria)>"
        }
        let errorHTML: HTML = error.map { "<p class=\"field-error\" id=\"\(id)-error\">\($0)</p>" as HTML } ?? ""
        if compact {
            return "<label class=\"visually-hidden\" for=\"\(id)\">\(label)</label>\(input)\(errorHTML)"
        }
        let help: HTML = field.help.map { "<small id=\"\(id)-help\">\($0)</small>" as HTML } ?? ""
        return """
            <div class="field\(HTML.when(error != nil, " invalid"))"><label for="\(id)">\(label)\(HTML.when(field.required, " <span class=\"req\">(required)</span>"))</label>\(input)\(help)\(errorHTML)</div>
            """
    }

    static func select(_ id: String, _ name: String, _ value: String, _ choices: [DeskSeason.Choice], _ aria: HTML) -> HTML {
        let options = choices.map { choice -> HTML in
            "<option value=\"\(choice.value)\"\(HTML.when(choice.value == value, " selected"))>\(choice.label)</option>"
        }
        return "<select id=\"\(id)\" name=\"\(name)\"\(aria)>\(each: options)</select>"
    }

    /// The classification's rows: a table of inputs, each labelled by its row and column.
    static func rows(_ form: DeskForm, _ rows: DeskForm.Rows, season: DeskSeason, state: DeskFormState) -> HTML {
        let heads = rows.columns.map { column -> HTML in "<th scope=\"col\">\(column.label)</th>" }
        let body = (0..<state.rows).map { row -> HTML in
            let cells = rows.columns.map { column -> HTML in
                let name = "\(rows.name)[\(row)].\(column.name)"
                return "<td>\(field(field: column, name: name, label: "Row \(row + 1): \(column.label)", season: season, state: state, compact: true))</td>"
            }
            return "<tr><th scope=\"row\">\(row + 1)</th>\(each: cells)</tr>"
        }
        let error: HTML = state.fieldErrors[rows.name].map { "<p class=\"field-error\" id=\"\(fieldID(rows.name))\">\($0)</p>" as HTML } ?? ""
        let more = min(state.rows + 10, DeskSubmission.maxRows)
        return """
            <fieldset class="rows"><legend>\(rows.label)</legend>
            \(error)
            <div class="table-wrap" role="region" aria-label="\(rows.label) rows" tabindex="0">
            <table class="entry-rows" data-rows="\(state.rows)" data-max-rows="\(DeskSubmission.maxRows)">
            <thead><tr><th scope="col">Row</th>\(each: heads)</tr></thead>
            <tbody>\(each: body)</tbody>
            </table>
            </div>
            \(HTML.when(state.rows < DeskSubmission.maxRows, "<p><a class=\"more-rows\" href=\"?rows=\(more)\">More rows</a> (empty rows are left out)</p>"))
            </fieldset>
            """
    }

    static func datalists(_ form: DeskForm, _ season: DeskSeason) -> HTML {
        let kinds = form.fields.map(\.kind) + (form.rows?.columns.map(\.kind) ?? [])
        var lists: HTML = ""
        if kinds.contains(.competitor) {
            lists +=
                "<datalist id=\"competitors\">\(each: season.competitors.map { c -> HTML in "<option value=\"\(c.value)\">\(c.label)</option>" })</datalist>"
        }
        if kinds.contains(.team) {
            lists += "<datalist id=\"teams\">\(each: season.teams.map { c -> HTML in "<option value=\"\(c.value)\">\(c.label)</option>" })</datalist>"
        }
        return lists
    }

    static func recent(_ season: DeskSeason) -> HTML {
        guard !season.recent.isEmpty else { return "" }
        let items = season.recent.map { e -> HTML in
            "<li><a href=\"\(Href.event(e.position))\">#\(e.position)</a> \(e.type): \(EventSummary.text(type: e.type, payload: e.payload)) · \(Format.recorded(e.recordedAt)) by \(e.actor ?? "?")</li>"
        }
        return
            "<section aria-labelledby=\"recent-h\"><h2 id=\"recent-h\">Last recorded in this season (version \(season.streamVersion))</h2><ul class=\"recent\">\(each: items)</ul></section>"
    }

    /// What a field is called on the form: "Round", "Row 3, Driver".
    static func label(of name: String, in form: DeskForm) -> String {
        if name == "occurredAt" { return "Occurred at" }
        if let rows = form.rows, name.hasPrefix(rows.name) {
            guard let open = name.firstIndex(of: "["), let close = name.firstIndex(of: "]"),
                let row = Int(name[name.index(after: open)..<close])
            else { return rows.label }
            let column = name[name.index(after: close)...].drop { $0 == "." }
            return "Row \(row + 1), " + (rows.columns.first { $0.name == column }?.label ?? String(column))
        }
        return form.fields.first { $0.name == name }?.label ?? name
    }

    /// An element id for a form field name: `results[3].position` → `f-results-3-position`.
    public static func fieldID(_ name: String) -> String {
        "f-" + String(name.map { $0.isLetter || $0.isNumber ? $0 : "-" }).split(separator: "-").joined(separator: "-")
    }
}
