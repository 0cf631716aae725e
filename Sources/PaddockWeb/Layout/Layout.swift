import SeasonDomain

/// The frame every page shares: head, site navigation, a skip link, the main region and a footer.
///
/// ```swift
/// let page = Layout.page(title: "Log", section: .log, main: "<h1>Log</h1>")
/// ```
public enum Layout {
    /// Where a page belongs in the site navigation.
    public enum Section: Sendable {
        case home, season, log, career, desk, other
    }

    /// What the script follows to keep a page up to date (the live feed, `/events/stream`).
    public enum Live: Sendable, Equatable {
        /// A season's table or explanation: refreshed on each `standings` notice of that season,
        /// unless `paused` (a past cut: the page says so and does not move).
        case season(championship: String, season: Int, paused: Bool)
        /// The log's newest page: refreshed on each event.
        case log(paused: Bool)
    }

    /// Who is signed in at the desk, shown on its pages.
    public struct SignedIn: Sendable, Equatable {
        public var name: String
        public var role: String
        /// The session's anti-forgery token, for the sign-out form in the header.
        public var csrf: String

        public init(name: String, role: String, csrf: String) {
            self.name = name
            self.role = role
            self.csrf = csrf
        }
    }

    public static func page(
        title: String, section: Section, main: HTML, live: Live? = nil, signedIn: SignedIn? = nil,
        position: Int64? = nil
    ) -> String {
        let liveAttributes: HTML
        switch live {
        case .season(let championship, let season, let paused)?:
            liveAttributes =
                " data-live=\"season\" data-championship=\"\(championship)\" data-season=\"\(season)\"\(HTML.when(paused, " data-paused=\"true\""))"
        case .log(let paused)?:
            liveAttributes = " data-live=\"log\"\(HTML.when(paused, " data-paused=\"true\""))"
        case nil:
            liveAttributes = ""
        }
        // The script follows the feed from the position the page was made at, listening for every event type.
        let follow: HTML = live == nil ? "" : " data-position=\"\(position ?? 0)\" data-types=\"\(EventCatalogue.eventTypes.joined(separator: " "))\""
        func link(_ href: String, _ label: String, _ here: Bool) -> HTML {
            "<a href=\"\(href)\"\(HTML.when(here, " aria-current=\"page\""))>\(label)</a>"
        }
        let who: HTML =
            signedIn.map { who in
                """
                <div class="session"><p class="who">Signed in as <strong>\(who.name)</strong> <span class="role">\(who.role)</span></p>\
                <form class="sign-out" method="post" action="/desk/sign-out"><input type="hidden" name="csrf" value="\(who.csrf)"><button type="submit">Sign out</button></form></div>
                """
            } ?? ""
        // The server writes the position's hash in place of the marker (``LogHeadMarker``): the views
        // know the position they were made at, the server the log.
        let footer: HTML =
            position.map { "<p>Log position \($0)<!--log-head:\($0)--> · times shown in the track's own offset; hover for UTC.</p>" }
            ?? "<p>Times shown in the track's own offset; hover for UTC.</p>"
        let page: HTML = """
            <!doctype html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(title) · Paddock</title>
            <link rel="icon" href="\(Assets.href("icon.svg"))" type="image/svg+xml">
            <link rel="stylesheet" href="\(Assets.href("paddock.css"))">
            <script src="\(Assets.href("paddock.js"))" defer></script>
            </head>
            <body>
            <a class="skip" href="#main">Skip to content</a>
            <header class="site">
            <nav aria-label="Site">
            <a class="brand" href="/">Paddock</a>
            \(link(Href.home, "Championships", section == .home || section == .season || section == .career))
            \(link(Href.log, "Log", section == .log))
            \(link(Href.desk, "Desk", section == .desk))
            </nav>
            \(who)
            </header>
            <main id="main"\(liveAttributes)\(follow)>
            \(main)
            </main>
            <footer class="site">\(footer)<p class="status" role="status" aria-live="polite" id="live-status"></p></footer>
            </body>
            </html>

            """
        return page.text
    }
}
