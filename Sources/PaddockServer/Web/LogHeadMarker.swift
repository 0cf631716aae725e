import Foundation

/// A page's log head: the layout leaves `<!--log-head:P-->` after the position a page was made at,
/// and the server writes that position's head there (the hash, short, with the whole
/// `POSITION:HASH` that `paddock verify --expect` takes), kept with the page in the read cache and
/// sent as `Paddock-Log-Head`.
enum LogHeadMarker {
    static let open = "<!--log-head:"
    static let attribute = "data-log-head=\""

    /// The page with its marker replaced by the head at the marked position (unchanged without
    /// one), and that head.
    static func filled(_ html: String, _ heads: LogHeads) async throws -> ReadCache.Body {
        var body = ReadCache.Body(text: html, contentType: "text/html; charset=utf-8")
        guard let start = html.range(of: open), let end = html.range(of: "-->", range: start.upperBound..<html.endIndex),
            let position = Int64(html[start.upperBound..<end.lowerBound])
        else { return body }
        let head = try await heads.head(at: position)
        let shown = " · head <code class=\"log-head\" \(attribute)\(head.text)\" title=\"paddock verify --expect \(head.text)\">\(head.hash.prefix(12))…</code>"
        body.text = html.replacingCharacters(in: start.lowerBound..<end.upperBound, with: shown)
        body.logHead = head.text
        return body
    }
}
