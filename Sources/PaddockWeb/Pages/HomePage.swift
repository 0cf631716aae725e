/// The championships and their seasons, and a search over competitors and teams.
public struct HomeView: Sendable {
    public struct Championship: Sendable, Equatable {
        public var id: String
        public var name: String
        public var discipline: String?
        public var seasons: [Int]

        public init(id: String, name: String, discipline: String?, seasons: [Int]) {
            self.id = id
            self.name = name
            self.discipline = discipline
            self.seasons = seasons
        }
    }

    /// A competitor or team the search found.
    public struct Found: Sendable, Equatable {
        public var id: String
        public var name: String
        public var nationality: String?

        public init(id: String, name: String, nationality: String?) {
            self.id = id
            self.name = name
            self.nationality = nationality
        }
    }

    public var championships: [Championship]
    public var search: String?
    public var competitors: [Found]
    public var teams: [Found]
    /// How many matches there were in all (the lists may be cut short).
    public var competitorMatches: Int
    public var teamMatches: Int
    public var position: Int64

    public init(
        championships: [Championship], search: String?, competitors: [Found], teams: [Found],
        competitorMatches: Int, teamMatches: Int, position: Int64
    ) {
        self.championships = championships
        self.search = search
        self.competitors = competitors
        self.teams = teams
        self.competitorMatches = competitorMatches
        self.teamMatches = teamMatches
        self.position = position
    }
}

public enum HomePage {
    public static func render(_ view: HomeView) -> String {
        let championships = view.championships.map { c -> HTML in
            let seasons = c.seasons.sorted(by: >).map { year -> HTML in "<li><a href=\"\(Href.season(c.id, year))\">\(year)</a></li>" }
            return """
                <li class="championship"><h3>\(c.name)</h3>\(c.discipline.map { "<p class=\"discipline\">\(Format.words($0))</p>" as HTML })\
                <ul class="seasons" aria-label="\(c.name): seasons">\(each: seasons)</ul></li>
                """
        }
        let main: HTML = """
            <h1>Paddock</h1>
            <p class="lede">Every season as the list of what happened, in the order it was written down: tables you can trace to each result, replay to any round or date, and see as they were known before a decision.</p>
            <form class="search" method="get" action="/" role="search">
            <label for="q">Find a driver or a team</label>
            <input id="q" name="q" type="search" value="\(view.search ?? "")" placeholder="hakkinen">
            <button type="submit">Search</button>
            </form>
            \(results(view))
            <section aria-labelledby="championships-h">
            <h2 id="championships-h">Championships</h2>
            \(view.championships.isEmpty ? "<p class=\"empty\">The log holds no championship yet.</p>" as HTML : "<ul class=\"championships\">\(each: championships)</ul>")
            </section>
            """
        return Layout.page(title: view.search.map { "“\($0)”" } ?? "Championships", section: .home, main: main, position: view.position)
    }

    static func results(_ view: HomeView) -> HTML {
        guard let search = view.search, !search.isEmpty else { return "" }
        func list(_ found: [HomeView.Found], total: Int, link: Bool) -> HTML {
            guard !found.isEmpty else { return "<p class=\"empty\">None.</p>" }
            let items = found.map { f -> HTML in
                let name: HTML = link ? "<a href=\"\(Href.career(f.id))\">\(f.name)</a>" : "\(f.name)"
                return "<li>\(name)\(f.nationality.map { " <span class=\"nat\">\($0)</span>" as HTML })</li>"
            }
            let more: HTML = total > found.count ? "<p>\(total - found.count) more: narrow the search.</p>" : ""
            return "<ul class=\"found\">\(each: items)</ul>\(more)"
        }
        return """
            <section aria-labelledby="results-h" class="results">
            <h2 id="results-h">Found for “\(search)”</h2>
            <div class="columns">
            <div><h3>Drivers (\(view.competitorMatches))</h3>\(list(view.competitors, total: view.competitorMatches, link: true))</div>
            <div><h3>Teams (\(view.teamMatches))</h3>\(list(view.teams, total: view.teamMatches, link: false))</div>
            </div>
            </section>
            """
    }
}

/// A page for what went wrong: not found, a parameter not understood.
public enum ErrorPage {
    public static func render(status: Int, title: String, detail: String, back: String? = nil) -> String {
        let main: HTML = """
            <h1>\(title)</h1>
            <p class="error" role="alert">\(detail)</p>
            <p>\(back.map { "<a href=\"\($0)\">Back</a> · " as HTML })<a href="/">Championships</a></p>
            """
        return Layout.page(title: "\(status) \(title)", section: .other, main: main)
    }
}
