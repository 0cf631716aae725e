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

/// The teams' championship rules.
///
/// - `scoring`: which of a team's cars score; default `{"mode":"allCars"}`.
/// - `counting`: which rounds count; default `{"mode":"all"}`.
/// - `bonusesCount`: whether bonus points (fastest lap) count for the team; default true.
/// - `sharedDrives`: the shared-car policy for teams when it differs from the drivers'; absent: the same.
/// - `excludedRounds`: rounds that do not count for teams (F1's Indianapolis 500, 1958–1960).
public struct TeamRules: Sendable, Hashable, Codable {
    public var scoring: TeamScoring
    public var counting: CountingRule
    public var bonusesCount: Bool
    public var sharedDrives: SharedDrivePolicy?
    public var excludedRounds: [Int]?

    public init(scoring: TeamScoring = .allCars, counting: CountingRule = .all, bonusesCount: Bool = true,
                sharedDrives: SharedDrivePolicy? = nil, excludedRounds: [Int]? = nil) {
        self.excludedRounds = excludedRounds
        self.scoring = scoring
        self.counting = counting
        self.bonusesCount = bonusesCount
        self.sharedDrives = sharedDrives
    }

    enum CodingKeys: String, CodingKey { case scoring, counting, bonusesCount, sharedDrives, excludedRounds }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        scoring = try c.decodeIfPresent(TeamScoring.self, forKey: .scoring) ?? .allCars
        counting = try c.decodeIfPresent(CountingRule.self, forKey: .counting) ?? .all
        bonusesCount = try c.decodeIfPresent(Bool.self, forKey: .bonusesCount) ?? true
        sharedDrives = try c.decodeIfPresent(SharedDrivePolicy.self, forKey: .sharedDrives)
        excludedRounds = try c.decodeIfPresent([Int].self, forKey: .excludedRounds)
    }
}
