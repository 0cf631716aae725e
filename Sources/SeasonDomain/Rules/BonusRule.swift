/// What a bonus is for. JSON: `"fastestLap"`, `"pole"`, `"other"`.
public enum BonusKind: String, CatalogueEnum {
    case fastestLap, pole, other
}

/// What happens when several cars hold a bonus (a shared fastest lap). JSON: `"split"`, `"each"`, `"none"`.
public enum BonusTie: String, CatalogueEnum {
    /// Split equally between the holders (F1 1954: seven drivers, 1/7 point each).
    case split
    /// Each holder gets the full bonus.
    case each
    /// Nobody gets it when several hold it.
    case none
}

/// Extra points with conditions.
///
/// - `kind`: what the bonus is for.
/// - `points`: the bonus.
/// - `sessions`: the session kinds it is awarded in; default `["race"]`.
/// - `onlyIfClassifiedWithin`: only when the holder is classified at this position or better (F1 2019: 10).
/// - `requiresFinish`: only when the holder is classified; default false (the 1950s fastest lap scored for a retirement too).
/// - `tie`: how a shared bonus is awarded; default `split`.
public struct BonusRule: Sendable, Hashable, Codable {
    public var kind: BonusKind
    public var points: Points
    public var sessions: [SessionKind]
    public var onlyIfClassifiedWithin: Int?
    public var requiresFinish: Bool
    public var tie: BonusTie

    public init(
        kind: BonusKind, points: Points, sessions: [SessionKind] = [.race], onlyIfClassifiedWithin: Int? = nil,
        requiresFinish: Bool = false, tie: BonusTie = .split
    ) {
        self.kind = kind
        self.points = points
        self.sessions = sessions
        self.onlyIfClassifiedWithin = onlyIfClassifiedWithin
        self.requiresFinish = requiresFinish
        self.tie = tie
    }

    enum CodingKeys: String, CodingKey { case kind, points, sessions, onlyIfClassifiedWithin, requiresFinish, tie }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        kind = try c.decode(BonusKind.self, forKey: .kind)
        points = try c.decode(Points.self, forKey: .points)
        sessions = try c.decodeIfPresent([SessionKind].self, forKey: .sessions) ?? [.race]
        onlyIfClassifiedWithin = try c.decodeIfPresent(Int.self, forKey: .onlyIfClassifiedWithin)
        requiresFinish = try c.decodeIfPresent(Bool.self, forKey: .requiresFinish) ?? false
        tie = try c.decodeIfPresent(BonusTie.self, forKey: .tie) ?? .split
    }
}
