import Foundation
import SeasonDomain

/// Other databases' ids for F1DB's drivers, teams and circuits (`EventLog/aliases/f1/ergast.json`):
/// `{"source": "...", "competitor": {"max-verstappen": "max_verstappen"}, "team": {...}, "circuit": {...}}`.
struct F1DBAliases: Sendable {
    var scheme: String
    var byEntity: [AliasedEntity: [String: String]]

    static let none = F1DBAliases(scheme: "", byEntity: [:])

    /// Reads an alias file; its name without extension is the scheme (`ergast`).
    static func load(_ url: URL?) throws -> F1DBAliases {
        guard let url else { return .none }
        guard let data = FileManager.default.contents(atPath: url.path) else { throw F1DBError(file: url.path, "missing or unreadable file") }
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw F1DBError(file: url.path, "not a JSON object")
        }
        var byEntity: [AliasedEntity: [String: String]] = [:]
        for entity in AliasedEntity.allCases {
            guard let value = object[entity.rawValue] else { continue }
            guard let map = value as? [String: String] else {
                throw F1DBError(file: url.path, "\(entity.rawValue): expected an object of id → alias strings")
            }
            byEntity[entity] = map
        }
        return F1DBAliases(scheme: url.deletingPathExtension().lastPathComponent, byEntity: byEntity)
    }
}

extension F1DBImporter {
    /// Circuits, drivers' and teams' details and aliases for what the imported seasons name: facts of
    /// the timing generation (see ``Pending/generation``).
    static func references(
        _ source: F1DBSource, drivers: Set<String>, teams: [String: SeasonBuilder.UsedTeam],
        circuits: Set<String>, aliases: F1DBAliases
    ) throws -> [Pending] {
        let generation = timingGeneration
        var out: [Pending] = []
        for id in circuits.sorted() {
            guard let circuit = source.circuits[id] else {
                throw F1DBError(file: source.root.appendingPathComponent("circuits/\(id).yml").path, "circuit '\(id)' is used by a race but has no file")
            }
            out.append(
                try pending(
                    CircuitRegistered(
                        circuit: id, name: circuit.fullName ?? circuit.name, locality: circuit.placeName,
                        country: circuit.countryId.flatMap { source.countries[$0]?.name },
                        latitude: circuit.latitude, longitude: circuit.longitude),
                    key: "circuit:\(id)", occurredAt: "1950", context: "circuits/\(id).yml", generation: generation))
        }
        for id in drivers.sorted() {
            guard let driver = source.drivers[id] else { continue }
            out.append(
                try pending(
                    CompetitorDetailsRecorded(
                        competitor: id, code: driver.abbreviation, permanentNumber: driver.permanentNumber,
                        demonym: driver.nationalityCountryId.flatMap { source.countries[$0]?.demonym }),
                    key: "driver-details:\(id)", occurredAt: "1950", context: "drivers/\(id).yml", generation: generation))
        }
        for (id, team) in teams.sorted(by: { $0.key < $1.key }) {
            let country = source.constructors[team.constructor]?.countryId.flatMap { source.countries[$0] }
            out.append(
                try pending(
                    TeamDetailsRecorded(team: id, demonym: country?.demonym, country: country?.name),
                    key: "team-details:\(id)", occurredAt: "1950", context: "constructors/\(team.constructor).yml", generation: generation))
        }
        let known: [AliasedEntity: Set<String>] = [.competitor: drivers, .team: Set(teams.keys), .circuit: circuits]
        for entity in AliasedEntity.allCases {
            for (id, alias) in (aliases.byEntity[entity] ?? [:]).sorted(by: { $0.key < $1.key }) where known[entity]?.contains(id) == true {
                out.append(
                    try pending(
                        AliasRecorded(entity: entity, id: id, alias: alias, scheme: aliases.scheme),
                        key: "alias:\(aliases.scheme):\(entity.rawValue):\(id):\(alias)", occurredAt: "1950", context: "aliases/\(aliases.scheme).json",
                        generation: generation))
            }
        }
        return out
    }
}
