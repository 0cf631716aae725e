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
}
