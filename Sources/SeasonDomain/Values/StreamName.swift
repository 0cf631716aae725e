/// Where each kind of event lives, built and read in this one place. Streams are the unit of
/// ordering and of optimistic concurrency: a season's events are one stream, so a timing desk
/// appends with that season's expected version.
///
/// Text forms: `season:<championship>:<year>`, `championship:<id>`, `competitor:<id>`, `team:<id>`,
/// `circuit:<id>`. Ids hold no colon (see ``Validator/id(_:_:)``), so the parts split unambiguously.
/// Other streams (a note's, a retraction's) are free text and read as nil.
///
/// ```swift
/// StreamName.season("euro-rx-super1600", 2018).text       // "season:euro-rx-super1600:2018"
/// StreamName(parsing: "competitor:jesse-kallio")           // .competitor("jesse-kallio")
/// StreamName(parsing: "season:f1:+1988")                   // nil: not a stream Paddock builds
/// ```
public enum StreamName: Sendable, Hashable, CustomStringConvertible {
    case season(String, Int)
    case championship(String)
    case competitor(String)
    case team(String)
    case circuit(String)

    // MARK: Building

    /// The stream's text, as the log stores it.
    public var text: String {
        switch self {
        case .season(let championship, let year): "season:\(championship):\(year)"
        case .championship(let id): "championship:\(id)"
        case .competitor(let id): "competitor:\(id)"
        case .team(let id): "team:\(id)"
        case .circuit(let id): "circuit:\(id)"
        }
    }

    public var description: String { text }

    /// The stream an event must be appended to, or nil when it may go to any stream (notes, retractions).
    ///
    /// ```swift
    /// StreamName.of(.roundCancelled(cancelled))?.text   // "season:euro-rx-super1600:2018"
    /// ```
    public static func of(_ event: SeasonEvent) -> StreamName? {
        switch event {
        case .championshipRegistered(let e): return .championship(e.championship)
        case .competitorRegistered(let e): return .competitor(e.competitor)
        case .teamRegistered(let e): return .team(e.team)
        case .circuitRegistered(let e): return .circuit(e.circuit)
        case .competitorDetailsRecorded(let e): return .competitor(e.competitor)
        case .teamDetailsRecorded(let e): return .team(e.team)
        case .aliasRecorded(let e):
            switch e.entity {
            case .competitor: return .competitor(e.id)
            case .team: return .team(e.id)
            case .circuit: return .circuit(e.id)
            }
        case .teamChanged(let e): return of(e as any CompetitorChange)
        case .carChanged(let e): return of(e as any CompetitorChange)
        case .note, .eventRetracted: return nil
        default:
            guard let c = event.championship, let s = event.season else { return nil }
            return .season(c, s)
        }
    }

    /// A change of team or car lives in its season's stream, or in the competitor's when career-wide.
    private static func of(_ change: any CompetitorChange) -> StreamName {
        if let championship = change.championship, let season = change.season { return .season(championship, season) }
        return .competitor(change.competitor)
    }

    // MARK: Parsing

    /// Reads a stream's text back: exactly the texts ``text`` builds (no empty part, no extra colon,
    /// a year in plain decimal); nil for any other stream.
    public init?(parsing text: String) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count >= 2, !parts.contains(where: \.isEmpty) else { return nil }
        let id = String(parts[1])
        switch (parts[0], parts.count) {
        case ("season", 3):
            guard let year = Int(parts[2]), String(year) == parts[2] else { return nil }
            self = .season(id, year)
        case ("championship", 2): self = .championship(id)
        case ("competitor", 2): self = .competitor(id)
        case ("team", 2): self = .team(id)
        case ("circuit", 2): self = .circuit(id)
        default: return nil
        }
    }
}
