import Foundation
import SeasonDomain
import Yams

/// A problem with the F1DB tree or the rule files: the file, and where in it.
public struct F1DBError: Error, Sendable, CustomStringConvertible {
    public let file: String
    public let detail: String

    public init(file: String, _ detail: String) {
        self.file = file
        self.detail = detail
    }

    public var description: String { "\(file): \(detail)" }
}

// MARK: - The YAML layout (only the fields Paddock uses; others are ignored)

struct YDriver: Decodable, Sendable {
    var id: String
    var name: String
    var firstName: String?
    var lastName: String?
    var nationalityCountryId: String?
    var dateOfBirth: String?
    var abbreviation: String?
    var permanentNumber: Int?
}

struct YCircuit: Decodable, Sendable {
    var id: String
    var name: String
    var fullName: String?
    var placeName: String?
    var countryId: String?
    var latitude: Double?
    var longitude: Double?
}

struct YCountry: Decodable, Sendable {
    var id: String
    var name: String
    var demonym: String?
}

struct YNamed: Decodable, Sendable {
    var id: String
    var name: String
    var fullName: String?
    var countryId: String?
}

struct YRace: Decodable, Sendable {
    var round: Int
    var date: String
    var time: String?
    var grandPrixId: String
    var officialName: String?
    var circuitId: String
    var laps: Int?
    var scheduledLaps: Int?
    var sprintRaceDate: String?
    var sprintRaceTime: String?
    var sprintRaceLaps: Int?
    var sprintRaceScheduledLaps: Int?
    var freePractice1Date: String?
    var freePractice1Time: String?
    var freePractice2Date: String?
    var freePractice2Time: String?
    var freePractice3Date: String?
    var freePractice3Time: String?
    var qualifyingDate: String?
    var qualifyingTime: String?
    var sprintQualifyingDate: String?
    var sprintQualifyingTime: String?
    var sprintQualifyingFormat: String?
}

struct YResult: Decodable, Sendable {
    var position: String?
    var driverNumber: String?
    var driverId: String
    var constructorId: String
    var engineManufacturerId: String?
    var sharedCar: Bool?
    var laps: Int?
    var time: String?
    var gap: String?
    var reasonRetired: String?
    /// The starting position: a number, or `PL` for the pit lane.
    var gridPosition: String?
}

struct YFastestLap: Decodable, Sendable {
    var position: String?
    var driverNumber: String?
    var driverId: String
    var lap: Int?
    var time: String?
}

struct YQualifying: Decodable, Sendable {
    var position: String?
    var driverNumber: String?
    var driverId: String
    var constructorId: String
    var engineManufacturerId: String?
    var time: String?
    var q1: String?
    var q2: String?
    var q3: String?
}

struct YPitStop: Decodable, Sendable {
    var driverNumber: String?
    var driverId: String
    var stop: Int?
    var lap: Int?
    var time: String?
}

struct YStanding: Decodable, Sendable {
    var position: String?
    var driverId: String?
    var constructorId: String?
    var engineManufacturerId: String?
    var points: String?
}

struct YChassis: Decodable, Sendable { var chassisId: String }

struct YEntryDriver: Decodable, Sendable {
    var driverId: String
    var rounds: String?
    var testDriver: Bool?
}

struct YEntryConstructor: Decodable, Sendable {
    var constructorId: String?
    var engineManufacturerId: String?
    var chassisId: String?
    var chassis: [YChassis]?
    var driverId: String?
    var rounds: String?
    var testDriver: Bool?
    var drivers: [YEntryDriver]?
    var constructors: [YEntryConstructor]?

    var chassisIds: [String] { chassisId.map { [$0] } ?? (chassis ?? []).map(\.chassisId) }
    var driverEntries: [YEntryDriver] {
        drivers ?? driverId.map { [YEntryDriver(driverId: $0, rounds: rounds, testDriver: testDriver)] } ?? []
    }
}

struct YEntrant: Decodable, Sendable {
    var entrantId: String
    var countryId: String?
    var body: YEntryConstructor

    enum CodingKeys: String, CodingKey { case entrantId, countryId }

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        entrantId = try c.decode(String.self, forKey: .entrantId)
        countryId = try c.decodeIfPresent(String.self, forKey: .countryId)
        body = try YEntryConstructor(from: decoder)
    }

    /// One line per (constructor, driver) of this entrant.
    var constructors: [YEntryConstructor] { body.constructors ?? [body] }
}

// MARK: - The tree

/// One race directory: the race, its results, and the standings after it.
public struct F1DBRace: Sendable {
    public var directory: String
    var race: YRace
    var results: [YResult]
    var sprint: [YResult]?
    var fastestLaps: [YFastestLap]?
    var driverStandings: [YStanding]?
    var constructorStandings: [YStanding]?
    /// Qualifying: the classification, and the two sessions' own times in seasons that had two.
    var qualifying: [YQualifying]?
    var qualifying1: [YQualifying]?
    var qualifying2: [YQualifying]?
    var sprintQualifying: [YQualifying]?
    var pitStops: [YPitStop]?
    public var round: Int { race.round }
    public var hasStandings: Bool { driverStandings != nil }
}

public struct F1DBSeason: Sendable {
    public var year: Int
    public var races: [F1DBRace]
    var entrants: [YEntrant]
    var driverStandings: [YStanding]?
    var constructorStandings: [YStanding]?
    public var hasStandings: Bool { driverStandings != nil }
}

/// The F1DB tree, read and decoded: reference data and the selected seasons.
public struct F1DBSource: Sendable {
    public var root: URL
    var drivers: [String: YDriver] = [:]
    var constructors: [String: YNamed] = [:]
    var circuits: [String: YCircuit] = [:]
    var grandsPrix: [String: YNamed] = [:]
    var countries: [String: YCountry] = [:]
    public var seasons: [F1DBSeason] = []

    /// Reads the tree under `root` (the directory holding `data/`, or `data/` itself).
    public static func load(_ root: URL, seasons wanted: [Int]?) throws -> F1DBSource {
        let fm = FileManager.default
        var data = root
        if fm.fileExists(atPath: root.appendingPathComponent("data/seasons").path) { data = root.appendingPathComponent("data") }
        guard fm.fileExists(atPath: data.appendingPathComponent("seasons").path) else {
            throw F1DBError(file: root.path, "not an F1DB tree: no data/seasons directory")
        }
        var source = F1DBSource(root: data)
        source.drivers = try directory(data, "drivers", YDriver.self).reduce(into: [:]) { $0[$1.id] = $1 }
        source.constructors = try directory(data, "constructors", YNamed.self).reduce(into: [:]) { $0[$1.id] = $1 }
        source.circuits = try directory(data, "circuits", YCircuit.self).reduce(into: [:]) { $0[$1.id] = $1 }
        source.grandsPrix = try directory(data, "grands-prix", YNamed.self).reduce(into: [:]) { $0[$1.id] = $1 }
        source.countries = try directory(data, "countries", YCountry.self).reduce(into: [:]) { $0[$1.id] = $1 }

        let seasonsDir = data.appendingPathComponent("seasons")
        let available = try fm.contentsOfDirectory(atPath: seasonsDir.path).compactMap(Int.init).sorted()
        let years = wanted.map { $0.filter { available.contains($0) } } ?? available
        if let wanted, let missing = wanted.first(where: { !available.contains($0) }) {
            throw F1DBError(file: seasonsDir.appendingPathComponent(String(missing)).path, "no such season in the F1DB tree")
        }
        source.seasons = try years.map { try season($0, seasonsDir.appendingPathComponent(String($0))) }
        return source
    }

    static func season(_ year: Int, _ dir: URL) throws -> F1DBSeason {
        let fm = FileManager.default
        let entrants = try file(dir.appendingPathComponent("entrants.yml"), [YEntrant].self)
        let racesDir = dir.appendingPathComponent("races")
        let names = ((try? fm.contentsOfDirectory(atPath: racesDir.path)) ?? []).filter { !$0.hasPrefix(".") }.sorted()
        var races: [F1DBRace] = []
        for name in names {
            let raceDir = racesDir.appendingPathComponent(name)
            let race = try file(raceDir.appendingPathComponent("race.yml"), YRace.self)
            races.append(
                F1DBRace(
                    directory: "\(year)/races/\(name)", race: race,
                    results: try optionalFile(raceDir.appendingPathComponent("race-results.yml"), [YResult].self) ?? [],
                    sprint: try optionalFile(raceDir.appendingPathComponent("sprint-race-results.yml"), [YResult].self),
                    fastestLaps: try optionalFile(raceDir.appendingPathComponent("fastest-laps.yml"), [YFastestLap].self),
                    driverStandings: try optionalFile(raceDir.appendingPathComponent("driver-standings.yml"), [YStanding].self),
                    constructorStandings: try optionalFile(raceDir.appendingPathComponent("constructor-standings.yml"), [YStanding].self),
                    qualifying: try optionalList(raceDir.appendingPathComponent("qualifying-results.yml"), [YQualifying].self),
                    qualifying1: try optionalList(raceDir.appendingPathComponent("qualifying-1-results.yml"), [YQualifying].self),
                    qualifying2: try optionalList(raceDir.appendingPathComponent("qualifying-2-results.yml"), [YQualifying].self),
                    sprintQualifying: try optionalList(raceDir.appendingPathComponent("sprint-qualifying-results.yml"), [YQualifying].self),
                    pitStops: try optionalList(raceDir.appendingPathComponent("pit-stops.yml"), [YPitStop].self)))
        }
        races.sort { $0.round < $1.round }
        for (a, b) in zip(races, races.dropFirst()) where a.round == b.round {
            throw F1DBError(file: racesDir.path, "round \(a.round) appears twice (\(a.directory), \(b.directory))")
        }
        return F1DBSeason(
            year: year, races: races, entrants: entrants,
            driverStandings: try optionalFile(dir.appendingPathComponent("driver-standings.yml"), [YStanding].self),
            constructorStandings: try optionalFile(dir.appendingPathComponent("constructor-standings.yml"), [YStanding].self))
    }

    static func directory<T: Decodable>(_ data: URL, _ name: String, _ type: T.Type) throws -> [T] {
        let dir = data.appendingPathComponent(name)
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: dir.path) else {
            throw F1DBError(file: dir.path, "missing directory")
        }
        return try names.filter { $0.hasSuffix(".yml") }.sorted().map { try file(dir.appendingPathComponent($0), T.self) }
    }

    /// A timing list that may be absent or empty (F1DB has a few empty pit-stop and qualifying files).
    static func optionalList<T: Decodable>(_ url: URL, _ type: [T].Type) throws -> [T]? {
        guard let data = FileManager.default.contents(atPath: url.path), data.contains(where: { $0 > 0x20 }) else { return nil }
        return try file(url, type)
    }

    static func optionalFile<T: Decodable>(_ url: URL, _ type: T.Type) throws -> T? {
        guard FileManager.default.fileExists(atPath: url.path) else { return nil }
        return try file(url, type)
    }

    static func file<T: Decodable>(_ url: URL, _ type: T.Type) throws -> T {
        guard let data = FileManager.default.contents(atPath: url.path) else { throw F1DBError(file: url.path, "missing or unreadable file") }
        guard let text = String(data: data, encoding: .utf8) else { throw F1DBError(file: url.path, "not UTF-8 text") }
        do {
            return try YAMLDecoder().decode(T.self, from: text)
        } catch let error as DecodingError {
            throw F1DBError(file: url.path, describe(error))
        } catch {
            throw F1DBError(file: url.path, "\(error)")
        }
    }

    static func describe(_ error: DecodingError) -> String {
        func path(_ context: DecodingError.Context) -> String {
            let p = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
            return p.isEmpty ? "(top level)" : String(p.drop { $0 == "." })
        }
        switch error {
        case .keyNotFound(let key, let context): return "\(path(context)): missing field '\(key.stringValue)'"
        case .typeMismatch(let type, let context): return "\(path(context)): expected \(type): \(context.debugDescription)"
        case .valueNotFound(let type, let context): return "\(path(context)): missing value (\(type))"
        case .dataCorrupted(let context): return "\(path(context)): \(context.debugDescription)"
        @unknown default: return "\(error)"
        }
    }
}

// MARK: - Season selection

extension F1DBSource {
    /// Parses `1950-2026`, `1988` or `1950-1959,2021`.
    public static func parseSeasons(_ text: String) throws -> [Int] {
        var years: [Int] = []
        for part in text.split(separator: ",") {
            let bounds = part.split(separator: "-").map { $0.trimmingCharacters(in: .whitespaces) }
            guard (1...2).contains(bounds.count), let from = Int(bounds[0]), let to = Int(bounds.last!), from <= to,
                Limits.season.contains(from), Limits.season.contains(to)
            else {
                throw F1DBError(file: "--seasons", "'\(part)' is not a year or a range of years (1950-2026, 1988, 1950-1959,2021)")
            }
            years += Array(from...to)
        }
        return Array(Set(years)).sorted()
    }
}
