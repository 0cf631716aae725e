import SeasonDomain

/// The registers beside championships, competitors and teams: circuits, the details a
/// registration does not carry (codes, permanent numbers, nationalities as adjectives) and aliases.
/// A pure fold, kept by both ``Timeline`` and ``TimelineIndex``.
///
/// ```swift
/// var references = References()
/// references.apply(.aliasRecorded(AliasRecorded(entity: .competitor, id: "max-verstappen", alias: "max_verstappen")))
/// references.resolve("max_verstappen", as: .competitor)   // "max-verstappen"
/// ```
public struct References: Sendable, Equatable, Codable {
    public private(set) var circuits: [String: CircuitRegistered] = [:]
    public private(set) var competitorDetails: [String: CompetitorDetailsRecorded] = [:]
    public private(set) var teamDetails: [String: TeamDetailsRecorded] = [:]
    /// Alias → entity id, per kind of entity (its raw name). The first entity to claim an alias keeps it.
    public private(set) var aliases: [String: [String: String]] = [:]

    public init() {}

    /// Whether the event is one of these registers' (the index keeps it whole).
    public static func holds(_ event: SeasonEvent) -> Bool {
        switch event {
        case .circuitRegistered, .competitorDetailsRecorded, .teamDetailsRecorded, .aliasRecorded: true
        default: false
        }
    }

    public mutating func apply(_ event: SeasonEvent) {
        switch event {
        case .circuitRegistered(let e): circuits[e.circuit] = e
        case .competitorDetailsRecorded(let e): competitorDetails[e.competitor] = e
        case .teamDetailsRecorded(let e): teamDetails[e.team] = e
        case .aliasRecorded(let e):
            if aliases[e.entity.rawValue]?[e.alias] == nil { aliases[e.entity.rawValue, default: [:]][e.alias] = e.id }
        default: break
        }
    }

    /// The entity an id names: itself when `known` says it is an entity's own id, else the entity
    /// an alias names, else the id unchanged (an unknown id reads as nothing).
    public func resolve(_ id: String, as entity: AliasedEntity, known: (String) -> Bool = { _ in false }) -> String {
        if known(id) { return id }
        return aliases[entity.rawValue]?[id] ?? id
    }

    /// The aliases of one entity, sorted.
    public func aliases(of id: String, as entity: AliasedEntity) -> [String] {
        (aliases[entity.rawValue] ?? [:]).filter { $0.value == id }.map(\.key).sorted()
    }
}
