import Foundation

/// A driver or co-driver exists. Stream: `competitor:<competitor>`.
///
/// - `competitor`: the id (`jesse-kallio`).
/// - `name`: full name as usually written ("Jesse Kallio").
/// - `givenName`, `familyName`: the parts, when known.
/// - `nationality`: ISO 3166 alpha-3 or a country name, as the source gives it.
/// - `birthDate`: as precise as known.
/// - `roles`: driver and/or co-driver; default `["driver"]`.
public struct CompetitorRegistered: DomainEvent {
    public var competitor: String
    public var name: String
    public var givenName: String?
    public var familyName: String?
    public var nationality: String?
    public var birthDate: PartialDate?
    public var roles: [CompetitorRole]

    public init(
        competitor: String, name: String, givenName: String? = nil, familyName: String? = nil,
        nationality: String? = nil, birthDate: PartialDate? = nil, roles: [CompetitorRole] = [.driver]
    ) {
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
        check.text(givenName, "givenName")
        check.text(familyName, "familyName")
        check.text(nationality, "nationality")
        check.require(!roles.isEmpty, "roles", "must list at least one role")
    }
}

/// A team exists. Stream: `team:<team>`.
///
/// - `team`: the id (`g-fors-rx`).
/// - `name`: the name as usually written.
/// - `nationality`: the team's country, as the source gives it.
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
        check.text(nationality, "nationality")
    }
}

/// An entry is confirmed for a season (or for some rounds of it).
///
/// - `championship`, `season`, `class`: where the entry runs.
/// - `competitor`: the driver.
/// - `coDriver`: the rally co-driver.
/// - `team`, `car`, `number`: as entered.
/// - `rounds`: the rounds entered; absent for the whole season.
public struct EntryConfirmed: DomainEvent {
    public var championship: String
    public var season: Int
    public var className: String?
    public var competitor: String
    public var coDriver: String?
    public var team: String?
    public var car: String?
    public var number: String?
    public var rounds: [Int]?

    public init(
        championship: String, season: Int, className: String? = nil, competitor: String, coDriver: String? = nil,
        team: String? = nil, car: String? = nil, number: String? = nil, rounds: [Int]? = nil
    ) {
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
        check.seasonOf(championship, season)
        check.text(className, "class")
        check.id(competitor, "competitor")
        check.id(coDriver, "coDriver")
        check.id(team, "team")
        check.text(car, "car")
        check.text(number, "number")
        if let rounds {
            check.count(rounds.count, 0...Limits.round.upperBound, "rounds", "rounds")
            check.require(!rounds.isEmpty, "rounds", "must list at least one round (leave it out for the whole season)")
            for (i, round) in rounds.enumerated() { check.round(round, "rounds[\(i)]") }
        }
    }
}
