import EventStore
import Foundation

/// The log, newest first, filtered by stream, type and time; each event with its envelope, its
/// payload as recorded, its hash and whether the chain holds there; links to what it corrects.
public enum LogPage {
    public static func render(_ view: LogView) -> String {
        let main: HTML = """
            <h1>The log</h1>
            \(filterForm(view))
            <div id="live">
            \(chainSummary(view))
            \(view.problem.map { "<p class=\"error\" role=\"alert\">\($0)</p>" as HTML })
            \(entries(view))
            \(paging(view))
            </div>
            """
        return Layout.page(title: "Log", section: .log, main: main, live: .log(paused: !view.filter.followsHead), position: view.headPosition)
    }

    /// One event on its own page, with the way to its neighbours.
    public static func renderEvent(_ entry: LogView.Entry, headPosition: Int64) -> String {
        let p = entry.event.position
        let around = Href.log(LogFilter(before: min(headPosition, p + 10))) + "#e-\(p)"
        let neighbours: HTML = """
            <nav class="pager" aria-label="Neighbouring events">\
            \(HTML.when(p > 1, "<a href=\"\(Href.event(p - 1))\" rel=\"prev\">← #\(p - 1)</a>"))\
            <a href="\(around)">In the log</a>\
            \(HTML.when(p < headPosition, "<a href=\"\(Href.event(p + 1))\" rel=\"next\">#\(p + 1) →</a>"))</nav>
            """
        let main: HTML = """
            <nav class="crumbs" aria-label="Breadcrumb"><a href="/log">Log</a> › <span>#\(p)</span></nav>
            <h1>Event #\(p): \(entry.event.type)</h1>
            \(article(entry, headingLevel: 2))
            \(neighbours)
            """
        return Layout.page(title: "Event #\(p)", section: .log, main: main, position: headPosition)
    }

    /// The result of re-walking the whole chain.
    public static func renderVerification(_ report: VerificationReport, headPosition: Int64) -> String {
        let result: HTML
        if let broken = report.firstBreak {
            result =
                "<p class=\"error\" role=\"alert\"><strong>The chain is broken at position \(broken.position)</strong>: \(broken.reason). <a href=\"\(Href.event(broken.position))\">See the event</a></p>"
        } else {
            result =
                "<p class=\"ok\"><strong>The chain holds</strong>: \(report.eventsChecked) events re-hashed from the first, each linking to the one before; head hash <code>\(report.headHash)</code>.</p>"
        }
        let main: HTML = """
            <nav class="crumbs" aria-label="Breadcrumb"><a href="/log">Log</a> › <span>Verification</span></nav>
            <h1>Verifying the hash chain</h1>
            \(result)
            """
        return Layout.page(title: "Chain verification", section: .log, main: main, position: headPosition)
    }

    static func filterForm(_ view: LogView) -> HTML {
        let f = view.filter
        let typeOptions = view.types.map { type -> HTML in "<option\(HTML.when(f.type == type, " selected"))>\(type)</option>" }
        let streamOptions = view.streams.map { stream -> HTML in "<option value=\"\(stream)\"></option>" }
        return """
            <form class="filters" method="get" action="/log" aria-labelledby="filters-h">
            <h2 id="filters-h" class="visually-hidden">Filter the log</h2>
            <div class="field"><label for="stream">Stream</label><input id="stream" name="stream" value="\(f.stream ?? "")" list="streams" placeholder="season:f1:2021"><datalist id="streams">\(each: streamOptions)</datalist></div>
            <div class="field"><label for="type">Type</label><select id="type" name="type"><option value="">any type</option>\(each: typeOptions)</select></div>
            <div class="field"><label for="from">Happened from</label><input id="from" name="from" value="\(f.occurredFrom ?? "")" placeholder="2021-06 or 2021-06-12T14:00:00+02:00"></div>
            <div class="field"><label for="to">Happened before</label><input id="to" name="to" value="\(f.occurredBefore ?? "")" placeholder="2021-07"></div>
            <div class="actions"><button type="submit">Filter</button> <a href="/log">Everything, newest first</a></div>
            </form>
            """
    }

    static func chainSummary(_ view: LogView) -> HTML {
        guard view.headPosition > 0 else { return "<p>The log is empty.</p>" }
        let hash: HTML = view.headHash.map { ", head hash <code class=\"hash\">\($0)</code>" } ?? ""
        let state: HTML =
            view.filter.followsHead
            ? "Newest first; this page adds new events by itself."
            : "Events at or before position \(view.filter.before ?? 0); this page stays as it is."
        return """
            <p class="chain-head">\(view.headPosition) events\(hash). <a href="/log/verify">Verify the whole chain</a>. \(state)</p>
            """
    }

    static func entries(_ view: LogView) -> HTML {
        guard !view.entries.isEmpty else { return "<p class=\"empty\">No events match.</p>" }
        return "<ol class=\"events\">\(each: view.entries.map { "<li>\(article($0, headingLevel: 2))</li>" as HTML })</ol>"
    }

    static func paging(_ view: LogView) -> HTML {
        var links: [HTML] = []
        if !view.filter.followsHead {
            var newest = view.filter
            newest.before = nil
            links.append("<a href=\"\(Href.log(newest))\">Newest</a>")
        }
        if let older = view.older {
            var next = view.filter
            next.before = older
            links.append("<a href=\"\(Href.log(next))\" rel=\"next\">Older events</a>")
        }
        if let scanned = view.scannedDownTo, view.older == nil, scanned > 0 {
            var next = view.filter
            next.before = scanned
            links.append("<a href=\"\(Href.log(next))\">Look further back (from position \(scanned))</a>")
        }
        guard !links.isEmpty else { return "" }
        return "<nav class=\"pager\" aria-label=\"Pages of the log\">\(HTML.join(links, separator: " "))</nav>"
    }

    static func article(_ entry: LogView.Entry, headingLevel: Int) -> HTML {
        let e = entry.event
        let chain: HTML
        switch entry.chain {
        case .linked: chain = "<span class=\"ok\">✓ links to #\(e.position - 1) (recomputed)</span>"
        case .broken(let reason): chain = "<span class=\"error\">✗ \(reason)</span>"
        case .unchecked: chain = "<span>not checked</span>"
        }
        let references = entry.references.map { ref -> HTML in
            let target: HTML = ref.position.map { "<a href=\"\(Href.event($0))\">#\($0)</a>" } ?? "<code>\(ref.eventId)</code>"
            return "<li>\(ref.relation) \(target)</li>"
        }
        let refs: HTML = references.isEmpty ? "" : "<ul class=\"refs\">\(each: references)</ul>"
        let heading: HTML =
            headingLevel == 2
            ? "<h2><a href=\"\(Href.event(e.position))\">#\(e.position)</a> \(e.type)</h2>"
            : "<h3><a href=\"\(Href.event(e.position))\">#\(e.position)</a> \(e.type)</h3>"
        return """
            <article class="event" id="e-\(e.position)">
            \(heading)
            <p class="summary">\(EventSummary.text(type: e.type, payload: e.payload))</p>
            \(refs)
            <dl class="envelope">
            <div><dt>Stream</dt><dd><a href="\(Href.log(LogFilter(stream: e.stream)))">\(e.stream)</a> · version \(e.streamVersion)</dd></div>
            <div><dt>Occurred</dt><dd>\(Format.occurred(e.occurredAt))</dd></div>
            <div><dt>Recorded</dt><dd>\(Format.recorded(e.recordedAt))</dd></div>
            <div><dt>Actor</dt><dd>\(e.actor ?? "–")</dd></div>
            <div><dt>Correlation</dt><dd>\(e.correlationId ?? "–")</dd></div>
            <div><dt>Causation</dt><dd>\(e.causationId ?? "–")</dd></div>
            <div><dt>Event id</dt><dd><code>\(e.eventId.uuidString.lowercased())</code> · schema \(e.schemaVersion)</dd></div>
            <div><dt>Hash</dt><dd><code class="hash">\(e.hash)</code> \(chain)</dd></div>
            </dl>
            <details><summary>Payload as recorded</summary><pre class="payload">\(e.payload)</pre></details>
            </article>
            """
    }
}

/// A line saying what an event records, from the members most payloads have.
enum EventSummary {
    static func text(type: String, payload: String) -> String {
        guard let object = (try? JSONSerialization.jsonObject(with: Data(payload.utf8))) as? [String: Any] else { return type }
        var parts: [String] = []
        if let championship = object["championship"] as? String {
            parts.append(championship + ((object["season"] as? Int).map { " \($0)" } ?? ""))
        }
        if let round = object["round"] as? Int { parts.append("round \(round)") }
        if let session = object["session"] as? String { parts.append(session) }
        for key in ["competitor", "team", "toTeam", "name", "kind"] {
            if let value = object[key] as? String { parts.append(value) }
        }
        if let results = object["results"] as? [Any] { parts.append("\(results.count) rows") }
        for key in ["reason", "text", "title"] {
            if let value = object[key] as? String { parts.append(value.count > 240 ? String(value.prefix(240)) + "…" : value) }
        }
        return parts.isEmpty ? type : parts.joined(separator: " · ")
    }
}
