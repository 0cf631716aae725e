import SeasonDomain

/// The log's registers of championships, competitors and teams: what names and careers are looked up in.
/// Both the full ``Timeline`` and the compact ``TimelineIndex`` keep them.
///
/// ```swift
/// let name = index.name(ofCompetitor: "jesse-kallio")   // "Jesse Kallio", or the id when unregistered
/// ```
public protocol Registries {
    var championships: [String: ChampionshipRegistered] { get }
    var competitors: [String: CompetitorRegistered] { get }
    var teams: [String: TeamRegistered] { get }
    /// Circuits, details and aliases.
    var references: References { get }
}

extension Registries {
    /// A competitor's display name, or the id when unregistered.
    public func name(ofCompetitor id: String) -> String { competitors[id]?.name ?? id }
    /// A team's display name, or the id when unregistered.
    public func name(ofTeam id: String) -> String { teams[id]?.name ?? id }

    /// How a standings table's rows are named: by team, or by competitor (the id when unregistered);
    /// the one lookup both the command line and the service name rows with.
    ///
    /// ```swift
    /// let document = Documents.standings(table, names: index.names(ofTeams: showTeams), hypotheticalRules: nil)
    /// ```
    public func names(ofTeams teams: Bool) -> (String) -> String {
        teams ? { self.name(ofTeam: $0) } : { self.name(ofCompetitor: $0) }
    }
}
