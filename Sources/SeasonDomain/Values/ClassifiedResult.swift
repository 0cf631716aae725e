/// One driver's row in a session's classification.
///
/// A shared car (several drivers in one car, as in the 1950s) is one row per driver, all with the
/// car's position, each row listing the car's other drivers in `sharedWith`.
///
/// - `position`: finishing position, 1-based; nil when not classified.
/// - `competitor`: the driver's competitor id (`jesse-kallio`).
/// - `sharedWith`: the other drivers of the same car (a shared drive).
/// - `coDriver`: the rally co-driver's competitor id.
/// - `team`, `car`: team id and car as given ("Ford Fiesta").
/// - `number`: race number, as written ("7", "007").
/// - `status`: how the session ended for the car; may be omitted for a row with a position (`classified`).
/// - `reason`: why the car stopped or was excluded ("engine", "puncture").
/// - `laps`: laps completed.
/// - `time`, `gap`: as given ("3:42.118", "+1.2", "+1 lap").
/// - `fastestLap`: this car set the session's fastest lap (several rows when the time was shared).
public struct ClassifiedResult: Sendable, Hashable, Codable {
    public var position: Int?
    public var competitor: String
    public var sharedWith: [String]?
    public var coDriver: String?
    public var team: String?
    public var car: String?
    public var number: String?
    public var status: ResultStatus
    public var reason: String?
    public var laps: Int?
    public var time: String?
    public var gap: String?
    public var fastestLap: Bool?

    public init(
        position: Int?, competitor: String, sharedWith: [String]? = nil, coDriver: String? = nil, team: String? = nil,
        car: String? = nil, number: String? = nil, status: ResultStatus = .classified, reason: String? = nil,
        laps: Int? = nil, time: String? = nil, gap: String? = nil, fastestLap: Bool? = nil
    ) {
        self.position = position
        self.competitor = competitor
        self.sharedWith = sharedWith
        self.coDriver = coDriver
        self.team = team
        self.car = car
        self.number = number
        self.status = status
        self.reason = reason
        self.laps = laps
        self.time = time
        self.gap = gap
        self.fastestLap = fastestLap
    }

    /// The drivers of this car: the row's own first.
    public var drivers: [String] { [competitor] + (sharedWith ?? []) }

    // MARK: Codable

    enum CodingKeys: String, CodingKey {
        case position, competitor, sharedWith, coDriver, team, car, number, status, reason, laps, time, gap, fastestLap
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        position = try c.decodeIfPresent(Int.self, forKey: .position)
        competitor = try c.decode(String.self, forKey: .competitor)
        sharedWith = try c.decodeIfPresent([String].self, forKey: .sharedWith)
        coDriver = try c.decodeIfPresent(String.self, forKey: .coDriver)
        team = try c.decodeIfPresent(String.self, forKey: .team)
        car = try c.decodeIfPresent(String.self, forKey: .car)
        number = try c.decodeIfPresent(String.self, forKey: .number)
        if let status = try c.decodeIfPresent(ResultStatus.self, forKey: .status) {
            self.status = status
        } else if position != nil {
            status = .classified
        } else {
            throw DecodingError.keyNotFound(
                CodingKeys.status, .init(codingPath: c.codingPath, debugDescription: "a row without a position needs a status"))
        }
        reason = try c.decodeIfPresent(String.self, forKey: .reason)
        laps = try c.decodeIfPresent(Int.self, forKey: .laps)
        time = try c.decodeIfPresent(String.self, forKey: .time)
        gap = try c.decodeIfPresent(String.self, forKey: .gap)
        fastestLap = try c.decodeIfPresent(Bool.self, forKey: .fastestLap)
    }
}

// MARK: - Validation

extension ClassifiedResult {
    /// Checks a classification's rows: ids, positions present for classified rows, 1 or more, never
    /// going down; a repeated position only for drivers of one shared car or a dead heat (same time).
    static func validate(_ results: [ClassifiedResult], _ path: String, _ check: inout Validator) {
        check.require(!results.isEmpty, path, "must list at least one result")
        check.count(results.count, Limits.rows, path, "results")
        var previous: ClassifiedResult?
        for (i, row) in results.enumerated() {
            check.id(row.competitor, "\(path)[\(i)].competitor")
            if let shared = row.sharedWith {
                check.count(shared.count, Limits.sharedWith, "\(path)[\(i)].sharedWith", "other drivers")
                for (j, other) in shared.enumerated() { check.id(other, "\(path)[\(i)].sharedWith[\(j)]") }
                check.require(!shared.contains(row.competitor), "\(path)[\(i)].sharedWith", "must not list the row's own driver")
                check.require(Set(shared).count == shared.count, "\(path)[\(i)].sharedWith", "must not list a driver twice")
            }
            check.id(row.coDriver, "\(path)[\(i)].coDriver")
            check.id(row.team, "\(path)[\(i)].team")
            check.text(row.car, "\(path)[\(i)].car")
            check.text(row.number, "\(path)[\(i)].number")
            check.text(row.reason, "\(path)[\(i)].reason")
            check.text(row.time, "\(path)[\(i)].time")
            check.text(row.gap, "\(path)[\(i)].gap")
            check.range(row.laps, Limits.laps, "\(path)[\(i)].laps")
            if row.status == .classified {
                check.require(row.position != nil, "\(path)[\(i)].position", "a classified result needs a position")
            }
            guard let p = row.position else { continue }
            check.range(p, Limits.position, "\(path)[\(i)].position")
            if let before = previous, let q = before.position {
                check.require(p >= q, "\(path)[\(i)].position", "positions must not go down (\(p) after \(q))")
                if p == q {
                    let sameCar = (row.sharedWith ?? []).contains(before.competitor) || (before.sharedWith ?? []).contains(row.competitor)
                    let deadHeat = row.time != nil && row.time == before.time
                    check.require(
                        sameCar || deadHeat, "\(path)[\(i)].position",
                        "position \(p) repeated: only drivers of one shared car (sharedWith) or a dead heat (same time) share a position")
                }
            }
            previous = row
        }
    }
}
