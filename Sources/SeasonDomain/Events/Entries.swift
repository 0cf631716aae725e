import Foundation

/// A driver or co-driver exists. Stream: `competitor:<competitor>`.
public struct CompetitorRegistered: DomainEvent {
    public var competitor: String
    /// Full name as usually written ("Jesse Kallio").
    public var name: String
    public var givenName: String?
    public var familyName: String?
    /// ISO 3166 alpha-3 or a country name, as the source gives it.
    public var nationality: String?
    public var birthDate: PartialDate?
    public var roles: [CompetitorRole]

    public init(competitor: String, name: String, givenName: String? = nil, familyName: String? = nil,
                nationality: String? = nil, birthDate: PartialDate? = nil, roles: [CompetitorRole] = [.driver]) {
        self.competitor = competitor
        self.name = name
        self.givenName = givenName
        self.familyName = familyName
        self.nationality = nationality
        self.birthDate = birthDate
        self.roles = roles
    }

    enum CodingKeys: String, CodingKey { case competitor, name, givenName, familyName, nationality, birthDate, roles }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        competitor = try c.decode(String.self, forKey: .competitor)
        name = try c.decode(String.self, forKey: .name)
        givenName = try c.decodeIfPresent(String.self, forKey: .givenName)
        familyName = try c.decodeIfPresent(String.self, forKey: .familyName)
        nationality = try c.decodeIfPresent(String.self, forKey: .nationality)
        birthDate = try c.decodeIfPresent(PartialDate.self, forKey: .birthDate)
        roles = try c.decodeIfPresent([CompetitorRole].self, forKey: .roles) ?? [.driver]
    }

    public func validate(_ check: inout Validator) {
        check.id(competitor, "competitor")
        check.text(name, "name")
    }
}

/// A team exists. Stream: `team:<team>`.
public struct TeamRegistered: DomainEvent {
    public var team: String
    public var name: String
    public var nationality: String?

    public init(team: String, name: String, nationality: String? = nil) {
        self.team = team
        self.name = name
        self.nationality = nationality
    }

    public func validate(_ check: inout Validator) {
        check.id(team, "team")
        check.text(name, "name")
    }
}

/// An entry is confirmed for a season (or for some rounds of it).
public struct EntryConfirmed: DomainEvent {
    public var championship: String
    public var season: Int
    public var className: String?
    public var competitor: String
    public var coDriver: String?
    public var team: String?
    public var car: String?
    public var number: String?
    /// The rounds entered; absent for the whole season.
    public var rounds: [Int]?

    public init(championship: String, season: Int, className: String? = nil, competitor: String, coDriver: String? = nil,
                team: String? = nil, car: String? = nil, number: String? = nil, rounds: [Int]? = nil) {
        self.championship = championship
        self.season = season
        self.className = className
        self.competitor = competitor
        self.coDriver = coDriver
        self.team = team
        self.car = car
        self.number = number
        self.rounds = rounds
    }

    enum CodingKeys: String, CodingKey { case championship, season, className = "class", competitor, coDriver, team, car, number, rounds }

    public func validate(_ check: inout Validator) {
        check.id(championship, "championship")
        check.season(season)
        check.id(competitor, "competitor")
        check.id(coDriver, "coDriver")
        check.id(team, "team")
        for (i, round) in (rounds ?? []).enumerated() { check.round(round, "rounds[\(i)]") }
    }
}

/// A competitor drives for another team, from a round or a date on.
public struct TeamChanged: DomainEvent {
    public var championship: String?
    public var season: Int?
    public var competitor: String
    public var fromTeam: String?
    public var toTeam: String
    public var fromRound: Int?
    public var effectiveDate: PartialDate?

    public init(championship: String? = nil, season: Int? = nil, competitor: String, fromTeam: String? = nil, toTeam: String,
                fromRound: Int? = nil, effectiveDate: PartialDate? = nil) {
        self.championship = championship
        self.season = season
        self.competitor = competitor
        self.fromTeam = fromTeam
        self.toTeam = toTeam
        self.fromRound = fromRound
        self.effectiveDate = effectiveDate
    }

    public func validate(_ check: inout Validator) {
        check.id(championship, "championship")
        if let season { check.season(season) }
        check.require((championship == nil) == (season == nil), "season", "championship and season go together")
        check.id(competitor, "competitor")
        check.id(toTeam, "toTeam")
        check.round(fromRound, "fromRound")
    }
}

/// A competitor drives another car, from a round or a date on.
public struct CarChanged: DomainEvent {
    public var championship: String?
    public var season: Int?
    public var competitor: String
    public var fromCar: String?
    public var toCar: String
    public var fromRound: Int?
    public var effectiveDate: PartialDate?

    public init(championship: String? = nil, season: Int? = nil, competitor: String, fromCar: String? = nil, toCar: String,
                fromRound: Int? = nil, effectiveDate: PartialDate? = nil) {
        self.championship = championship
        self.season = season
        self.competitor = competitor
        self.fromCar = fromCar
        self.toCar = toCar
        self.fromRound = fromRound
        self.effectiveDate = effectiveDate
    }

    public func validate(_ check: inout Validator) {
        check.id(championship, "championship")
        if let season { check.season(season) }
        check.require((championship == nil) == (season == nil), "season", "championship and season go together")
        check.id(competitor, "competitor")
        check.text(toCar, "toCar")
        check.round(fromRound, "fromRound")
    }
}
