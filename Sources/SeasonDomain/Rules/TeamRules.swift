/// Which of a team's cars score in a session.
///
/// JSON: `{"mode":"allCars"}`, `{"mode":"bestCarOnly"}`, `{"mode":"bestCars","count":2}`.
public enum TeamScoring: Sendable, Hashable, Codable {
    case allCars
    case bestCarOnly
    case bestCars(Int)

    /// The JSON `mode` names, in order.
    public static let modes = ["allCars", "bestCarOnly", "bestCars"]

    enum CodingKeys: String, CodingKey { case mode, count }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let mode = try c.decode(String.self, forKey: .mode)
        switch mode {
        case "allCars": self = .allCars
        case "bestCarOnly": self = .bestCarOnly
        case "bestCars": self = .bestCars(try c.decode(Int.self, forKey: .count))
        default:
            throw DecodingError.dataCorruptedError(
                forKey: .mode, in: c, debugDescription: "\"\(mode)\" is not one of \(Self.modes.joined(separator: ", "))")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .allCars: try c.encode("allCars", forKey: .mode)
        case .bestCarOnly: try c.encode("bestCarOnly", forKey: .mode)
        case .bestCars(let n):
            try c.encode("bestCars", forKey: .mode)
            try c.encode(n, forKey: .count)
        }
    }
}

/// Whose finishes a team's countback counts. JSON: `"bestCar"`, `"everyCar"`.
public enum TeamCountback: String, CatalogueEnum {
    /// Only the team's best-placed car of each session.
    case bestCar
    /// Every car of the team (F1DB's constructors' tables, 1958 on: two cars 3rd and 5th count a
    /// 3rd and a 5th).
    case everyCar
}

/// The teams' championship rules.
///
/// - `scoring`: which of a team's cars score; default `{"mode":"allCars"}`.
/// - `counting`: which rounds count; default `{"mode":"all"}`.
/// - `bonusesCount`: whether bonus points (fastest lap) count for the team; default true.
/// - `sharedDrives`: the shared-car policy for teams when it differs from the drivers'; absent: the same.
/// - `excludedRounds`: rounds that do not count for teams (F1's Indianapolis 500, 1958–1960).
/// - `pointsScales`: the teams' own points per position, when they differ from the drivers' (F1 1961:
///   8-6-4-3-2-1 for constructors while a driver's win gave 9); absent: the drivers' `scoring`.
///   A session kind not listed here scores as the drivers' scale says.
/// - `countback`: whose finishes a tie-break countback counts for a team; default `bestCar`.
public struct TeamRules: Sendable, Hashable, Codable {
    public var scoring: TeamScoring
    public var counting: CountingRule
    public var bonusesCount: Bool
    public var sharedDrives: SharedDrivePolicy?
    public var excludedRounds: [Int]?
    public var pointsScales: [SessionScoring]?
    public var countback: TeamCountback

    public init(
        scoring: TeamScoring = .allCars, counting: CountingRule = .all, bonusesCount: Bool = true,
        sharedDrives: SharedDrivePolicy? = nil, excludedRounds: [Int]? = nil, pointsScales: [SessionScoring]? = nil,
        countback: TeamCountback = .bestCar
    ) {
        self.countback = countback
        self.excludedRounds = excludedRounds
        self.pointsScales = pointsScales
        self.scoring = scoring
        self.counting = counting
        self.bonusesCount = bonusesCount
        self.sharedDrives = sharedDrives
    }

    enum CodingKeys: String, CodingKey { case scoring, counting, bonusesCount, sharedDrives, excludedRounds, pointsScales, countback }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        scoring = try c.decodeIfPresent(TeamScoring.self, forKey: .scoring) ?? .allCars
        counting = try c.decodeIfPresent(CountingRule.self, forKey: .counting) ?? .all
        bonusesCount = try c.decodeIfPresent(Bool.self, forKey: .bonusesCount) ?? true
        sharedDrives = try c.decodeIfPresent(SharedDrivePolicy.self, forKey: .sharedDrives)
        excludedRounds = try c.decodeIfPresent([Int].self, forKey: .excludedRounds)
        pointsScales = try c.decodeIfPresent([SessionScoring].self, forKey: .pointsScales)
        countback = try c.decodeIfPresent(TeamCountback.self, forKey: .countback) ?? .bestCar
    }

    /// The drivers' scales with the teams' own scales put first, so that a session kind the teams
    /// rescale is scored by the teams' scale and every other kind as the drivers' rules say.
    public func scoring(replacing drivers: [SessionScoring]) -> [SessionScoring] {
        guard let own = pointsScales, !own.isEmpty else { return drivers }
        return own + drivers
    }
}
