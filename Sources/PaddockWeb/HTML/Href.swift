import Paddock
import Projections

/// The addresses of the web pages: paths with their segments and query values percent-encoded.
/// Every link a page makes comes from here, so that a page's address and the handler that reads
/// it agree (the handlers read the same names: ``SeasonSelection/queryItems``).
///
/// ```swift
/// Href.season("f1", 1988, SeasonSelection(cut: Cut(afterRound: 8)))  // "/seasons/f1/1988?afterRound=8"
/// ```
public enum Href {
    public static let home = "/"
    public static let log = "/log"
    public static let desk = "/desk"

    public static func season(_ championship: String, _ season: Int, _ selection: SeasonSelection = SeasonSelection()) -> String {
        "/seasons/\(segment(championship))/\(season)" + query(selection.queryItems)
    }

    /// A competitor's (or, with `selection.teams`, a team's) explanation at the selection's cut.
    public static func explanation(_ championship: String, _ season: Int, competitor: String, _ selection: SeasonSelection) -> String {
        "/seasons/\(segment(championship))/\(season)/explain/\(segment(competitor))" + query(selection.with(comparand: nil).queryItems)
    }

    public static func career(_ competitor: String) -> String { "/careers/\(segment(competitor))" }

    public static func event(_ position: Int64) -> String { "/log/\(position)" }

    public static func log(_ filter: LogFilter) -> String { "/log" + query(filter.queryItems) }

    /// The API's iCalendar file of a season.
    public static func calendarICS(_ championship: String, _ season: Int) -> String {
        "/championships/\(segment(championship))/seasons/\(season)/calendar.ics"
    }

    /// The API's comparison of the same two tables a season page compares (`GET …/compare`).
    public static func comparisonJSON(_ championship: String, _ season: Int, _ selection: SeasonSelection) -> String? {
        var items: [(name: String, value: String)] = []
        switch selection.comparand {
        case .cut(let other): items += [("from", CutText.text(other)), ("to", CutText.text(selection.cut))]
        case .rulesOf(let c, let s): items += [("from", CutText.text(selection.cut)), ("to", CutText.text(selection.cut)), ("rulesOf", "\(c):\(s)")]
        case nil: return nil
        }
        if selection.teams { items.append(("teams", "true")) }
        if let className = selection.className { items.append(("class", className)) }
        return "/championships/\(segment(championship))/seasons/\(season)/compare" + query(items)
    }

    public static func deskSeason(_ championship: String, _ season: Int) -> String {
        "/desk/\(segment(championship))/\(season)"
    }

    public static func deskForm(_ championship: String, _ season: Int, _ form: String) -> String {
        deskSeason(championship, season) + "/\(segment(form))"
    }

    // MARK: - Encoding

    /// A path segment, percent-encoded (RFC 3986 unreserved characters kept).
    public static func segment(_ text: String) -> String { percentEncode(text, keeping: unreserved) }

    /// `?a=1&b=x%20y`, or nothing when there are no items.
    public static func query(_ items: [(name: String, value: String)]) -> String {
        guard !items.isEmpty else { return "" }
        return "?" + items.map { segment($0.name) + "=" + percentEncode($0.value, keeping: unreserved) }.joined(separator: "&")
    }

    static let unreserved: Set<UInt8> = Set(Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~:".utf8))

    static func percentEncode(_ text: String, keeping allowed: Set<UInt8>) -> String {
        let hex = Array("0123456789ABCDEF".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            if allowed.contains(byte) {
                out.append(byte)
            } else {
                out += [37, hex[Int(byte >> 4)], hex[Int(byte & 15)]]
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}

/// What a season page shows: which table (a class, the teams') at which cut, and what it is
/// compared with, if anything.
public struct SeasonSelection: Sendable, Equatable {
    /// The other table a season page sets beside its own.
    public enum Comparand: Sendable, Equatable {
        /// The same table at another cut (`compare=after-round:8`): what changed since.
        case cut(Cut)
        /// The page's cut under another season's rules (`rulesOf=f1:2010`): a hypothesis.
        case rulesOf(championship: String, season: Int)
    }

    public var className: String?
    public var teams: Bool
    public var cut: Cut
    public var comparand: Comparand?

    public init(className: String? = nil, teams: Bool = false, cut: Cut = .everything, comparand: Comparand? = nil) {
        self.className = className
        self.teams = teams
        self.cut = cut
        self.comparand = comparand
    }

    /// A past cut: the page says so and does not follow the live feed.
    public var isPast: Bool { !cut.isEverything }

    /// The query parameters, in the names the JSON API uses for the same things.
    public var queryItems: [(name: String, value: String)] {
        var items: [(name: String, value: String)] = []
        if let className { items.append(("class", className)) }
        if teams { items.append(("teams", "true")) }
        if let r = cut.afterRound { items.append(("afterRound", String(r))) }
        if let asOf = cut.asOf { items.append(("asOf", asOf)) }
        if let knownAt = cut.knownAt { items.append(("knownAt", knownAt)) }
        if let p = cut.atPosition { items.append(("atPosition", String(p))) }
        switch comparand {
        case .cut(let other): items.append(("compare", CutText.text(other)))
        case .rulesOf(let championship, let season): items.append(("rulesOf", "\(championship):\(season)"))
        case nil: break
        }
        return items
    }

    public func with(cut: Cut) -> SeasonSelection { SeasonSelection(className: className, teams: teams, cut: cut, comparand: comparand) }
    public func with(teams: Bool, className: String?) -> SeasonSelection {
        SeasonSelection(className: className, teams: teams, cut: cut, comparand: comparand)
    }
    public func with(comparand: Comparand?) -> SeasonSelection { SeasonSelection(className: className, teams: teams, cut: cut, comparand: comparand) }
}

/// The log page's filter: stream, type, when it happened, and where the page starts (newest first).
public struct LogFilter: Sendable, Equatable {
    public var stream: String?
    public var type: String?
    /// `occurredAt` at or after this (ISO-8601).
    public var occurredFrom: String?
    /// `occurredAt` before this (ISO-8601).
    public var occurredBefore: String?
    /// Only events at or before this position: where the page starts, going back.
    public var before: Int64?

    public init(stream: String? = nil, type: String? = nil, occurredFrom: String? = nil, occurredBefore: String? = nil, before: Int64? = nil) {
        self.stream = stream
        self.type = type
        self.occurredFrom = occurredFrom
        self.occurredBefore = occurredBefore
        self.before = before
    }

    public var queryItems: [(name: String, value: String)] {
        var items: [(name: String, value: String)] = []
        if let stream { items.append(("stream", stream)) }
        if let type { items.append(("type", type)) }
        if let occurredFrom { items.append(("from", occurredFrom)) }
        if let occurredBefore { items.append(("to", occurredBefore)) }
        if let before { items.append(("before", String(before))) }
        return items
    }

    /// The newest page: live when nothing bounds it from above.
    public var followsHead: Bool { before == nil }
}
