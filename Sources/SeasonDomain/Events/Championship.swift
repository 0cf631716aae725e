import Foundation

/// A championship exists: a series, or one class of it when standings are kept per class.
/// Stream: `championship:<championship>`.
///
/// - `championship`: its id (`euro-rx-super1600`).
/// - `name`: its name ("European Rallycross Championship, Super1600").
/// - `series`: the series it belongs to ("FIA European Rallycross Championship").
/// - `discipline`: rallycross, rally, circuit, ...
/// - `classes`: class names within it, when standings are kept per class.
/// - `country`: the country of a national championship.
/// - `organiser`: who runs it ("FIA", "AKK Motorsport").
public struct ChampionshipRegistered: DomainEvent {
    public var championship: String
    public var name: String
    public var series: String?
    public var discipline: Discipline
    public var classes: [String]?
    public var country: String?
    public var organiser: String?

    public init(
        championship: String, name: String, series: String? = nil, discipline: Discipline, classes: [String]? = nil,
        country: String? = nil, organiser: String? = nil
    ) {
        self.championship = championship
        self.name = name
        self.series = series
        self.discipline = discipline
        self.classes = classes
        self.country = country
        self.organiser = organiser
    }

    public func validate(_ check: inout Validator) {
        check.id(championship, "championship")
        check.text(name, "name")
        check.text(series, "series")
        check.text(country, "country")
        check.text(organiser, "organiser")
        check.count(classes?.count ?? 0, 0...100, "classes", "classes")
        for (i, name) in (classes ?? []).enumerated() { check.text(name, "classes[\(i)]") }
    }
}

/// A championship's season opens. Stream: `season:<championship>:<season>`.
///
/// - `championship`: the championship id.
/// - `season`: the year.
/// - `name`: the season's name when it has one ("2020 FIA World Rallycross Championship").
/// - `classes`: the classes run this season, when they differ from the championship's.
public struct SeasonOpened: DomainEvent {
    public var championship: String
    public var season: Int
    public var name: String?
    public var classes: [String]?

    public init(championship: String, season: Int, name: String? = nil, classes: [String]? = nil) {
        self.championship = championship
        self.season = season
        self.name = name
        self.classes = classes
    }

    public func validate(_ check: inout Validator) {
        check.seasonOf(championship, season)
        check.text(name, "name")
        check.count(classes?.count ?? 0, 0...100, "classes", "classes")
        for (i, name) in (classes ?? []).enumerated() { check.text(name, "classes[\(i)]") }
    }
}
