/// One Ergast request path, parsed: `[{season}/[{round}/]]` then filters in any order, then the
/// resource with an optional final value, then `.json` or a trailing slash (Jolpica-F1's grammar).
///
/// ```swift
/// let path = try ErgastPath(["2021", "drivers", "hamilton", "results.json"])
/// path.season   // .year(2021)
/// path.filters  // [.drivers: "hamilton"]
/// path.resource // .results
/// ```
struct ErgastPath: Sendable, Equatable {
    enum SeasonRef: Sendable, Equatable {
        case year(Int)
        /// The championship's latest season in the log.
        case current
    }

    enum RoundRef: Sendable, Equatable {
        case number(Int)
        /// The last round with race results (the final round once every round has them).
        case last
        /// The first round without race results (round 1 of the next season once every round has them).
        case next
    }

    /// A filter before the resource: `circuits/monaco`, `grid/1`, `status/11`...
    enum Filter: String, Sendable, CaseIterable, Comparable {
        case circuits, constructors, drivers, grid, results, fastest, status, laps

        /// Its value is a number (the others are ids).
        var isNumeric: Bool { ![.circuits, .constructors, .drivers].contains(self) }

        static func < (a: Filter, b: Filter) -> Bool { (allCases.firstIndex(of: a) ?? 0) < (allCases.firstIndex(of: b) ?? 0) }
    }

    enum Resource: String, Sendable, CaseIterable {
        case seasons, races, results, sprint, qualifying, pitstops, laps
        case driverStandings, constructorStandings
        case drivers, constructors, circuits, status

        /// The filter a final value stands for (`drivers/hamilton` at the end is the drivers filter).
        var valueFilter: Filter? {
            switch self {
            case .drivers: .drivers
            case .constructors: .constructors
            case .circuits: .circuits
            case .status: .status
            default: nil
            }
        }

        /// Whether a final value is a position or number of the resource itself (`results/1`, `pitstops/2`).
        var takesNumber: Bool { [.results, .sprint, .qualifying, .pitstops, .laps, .driverStandings, .constructorStandings].contains(self) }
    }

    enum Failure: Error, Equatable {
        /// Not an Ergast path (404).
        case notFound(String)
        /// An Ergast path with a value or combination the grammar refuses (400).
        case badRequest(String)
    }

    var season: SeasonRef?
    var round: RoundRef?
    /// Filters, with their values as written (an alias stays an alias here).
    var filters: [Filter: String] = [:]
    var resource: Resource = .races
    /// The final value, when the resource takes a number (`results/1`): a position or a stop or lap number.
    var number: Int?

    /// Parses the segments after `/ergast/{championship}/` (percent-decoding done).
    init(_ raw: [String]) throws(Failure) {
        var segments = raw
        while segments.last == "" { segments.removeLast() }
        if let last = segments.last {
            if last.hasSuffix(".json") {
                segments[segments.count - 1] = String(last.dropLast(5))
            } else if last.hasSuffix(".xml") {
                throw .badRequest("only JSON is served: ask for .json (or no extension)")
            }
        }
        guard !segments.contains("") else { throw .notFound("an empty path segment (//)") }
        var i = 0
        if i < segments.count, let season = Self.season(segments[i]) {
            self.season = season
            i += 1
            if i < segments.count, let round = Self.round(segments[i]) {
                self.round = round
                i += 1
            }
        } else if i < segments.count, Self.round(segments[i]) != nil, Self.isDigits(segments[i]) {
            throw .notFound("'\(segments[i].prefix(40))' is not a season (four digits or current); a round comes after its season")
        }
        var resource: Resource?
        while i < segments.count {
            let word = segments[i]
            let isLast = i == segments.count - 1
            let valueIsLast = i + 1 == segments.count - 1
            if let found = Self.resource(word), isLast || valueIsLast {
                resource = found
                if valueIsLast { try setFinalValue(segments[i + 1], of: found) }
                break
            }
            guard let filter = Filter(rawValue: word.lowercased()) else {
                if Self.resource(word) != nil { throw .badRequest("'\(word)' is not a filter: only the last word (or the last but one) names the resource") }
                throw .notFound("'\(word.prefix(40))' is not an Ergast filter or resource")
            }
            guard !isLast else { throw .notFound("'\(word)' needs a value") }
            try add(filter, segments[i + 1])
            i += 2
        }
        self.resource = resource ?? .races
    }

    private mutating func add(_ filter: Filter, _ value: String) throws(Failure) {
        guard filters[filter] == nil else { throw .badRequest("\(filter.rawValue) is given twice") }
        if filter.isNumeric {
            guard Self.isDigits(value), value.count <= 4 else { throw .badRequest("\(filter.rawValue)/\(value.prefix(40)): expected a number 0...9999") }
        } else {
            guard value.utf8.count <= 100, !value.contains(":") else { throw .badRequest("\(filter.rawValue)/\(value.prefix(40)): not an id") }
        }
        filters[filter] = value
    }

    private mutating func setFinalValue(_ value: String, of resource: Resource) throws(Failure) {
        if let filter = resource.valueFilter {
            try add(filter, value)
        } else if resource.takesNumber {
            guard Self.isDigits(value), value.count <= 4, let n = Int(value) else {
                throw .badRequest("\(resource.rawValue)/\(value.prefix(40)): expected a number 0...9999")
            }
            number = n
        } else {
            throw .badRequest("\(resource.rawValue) does not take a final value ('\(value.prefix(40))')")
        }
    }

    // MARK: Words

    static func resource(_ word: String) -> Resource? {
        switch word {
        case "driverStandings", "driverstandings": return .driverStandings
        case "constructorStandings", "constructorstandings": return .constructorStandings
        default: return Resource(rawValue: word)
        }
    }

    static func season(_ word: String) -> SeasonRef? {
        if word == "current" { return .current }
        guard word.count == 4, isDigits(word), let year = Int(word) else { return nil }
        return .year(year)
    }

    static func round(_ word: String) -> RoundRef? {
        switch word {
        case "last": return .last
        case "next": return .next
        default:
            guard (1...3).contains(word.count), isDigits(word), let n = Int(word) else { return nil }
            return .number(n)
        }
    }

    static func isDigits(_ word: String) -> Bool { !word.isEmpty && word.utf8.allSatisfy { (0x30...0x39).contains($0) } }
}

extension ErgastPath {
    /// Refuses what Jolpica refuses: a filter the resource cannot take, and pit stops or laps
    /// without a season and round. Standings take only their own entity's filter.
    func checkSupported() throws(Failure) {
        let given = Set(filters.keys)
        let allowed: Set<Filter>
        switch resource {
        case .driverStandings: allowed = [.drivers]
        case .constructorStandings: allowed = [.constructors]
        case .pitstops, .laps: allowed = Set(Filter.allCases)
        default: allowed = Set(Filter.allCases).subtracting([.laps])
        }
        if let refused = given.subtracting(allowed).sorted().first {
            throw .badRequest("\(resource.rawValue) cannot be filtered by \(refused.rawValue) (unsupported filter for this resource)")
        }
        if [.pitstops, .laps].contains(resource), season == nil || round == nil {
            throw .badRequest("\(resource.rawValue) needs a season and a round: /{season}/{round}/\(resource.rawValue)")
        }
    }
}
