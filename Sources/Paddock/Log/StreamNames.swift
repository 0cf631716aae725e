import SeasonDomain

/// Where each kind of event lives. Streams are the unit of ordering and of optimistic concurrency:
/// a season's events are one stream, so a timing desk appends with that season's expected version.
///
/// ```swift
/// StreamNames.season("euro-rx-super1600", 2018)  // "season:euro-rx-super1600:2018"
/// ```
public enum StreamNames {
    public static func season(_ championship: String, _ season: Int) -> String { "season:\(championship):\(season)" }
    public static func championship(_ id: String) -> String { "championship:\(id)" }
    public static func competitor(_ id: String) -> String { "competitor:\(id)" }
    public static func team(_ id: String) -> String { "team:\(id)" }
    public static func circuit(_ id: String) -> String { "circuit:\(id)" }

    /// The stream an event must be appended to, or nil when it may go to any stream (notes, retractions).
    public static func stream(for event: SeasonEvent) -> String? {
        switch event {
        case .championshipRegistered(let e): return championship(e.championship)
        case .competitorRegistered(let e): return competitor(e.competitor)
        case .teamRegistered(let e): return team(e.team)
        case .circuitRegistered(let e): return circuit(e.circuit)
        case .competitorDetailsRecorded(let e): return competitor(e.competitor)
        case .teamDetailsRecorded(let e): return team(e.team)
        case .aliasRecorded(let e):
            switch e.entity {
            case .competitor: return competitor(e.id)
            case .team: return team(e.id)
            case .circuit: return circuit(e.id)
            }
        case .teamChanged(let e):
            if let c = e.championship, let s = e.season { return season(c, s) }
            return competitor(e.competitor)
        case .carChanged(let e):
            if let c = e.championship, let s = e.season { return season(c, s) }
            return competitor(e.competitor)
        case .note, .eventRetracted: return nil
        default:
            guard let c = event.championship, let s = event.season else { return nil }
            return season(c, s)
        }
    }
}
