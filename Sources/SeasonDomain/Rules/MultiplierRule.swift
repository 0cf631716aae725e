/// A points factor declared in the rules: for a given round, the last round, or a short race.
///
/// - `round`: applies to this round.
/// - `lastRound`: applies to the season's last round (double points, F1 2014).
/// - `whenCompletedDistanceBelow`: applies to a session that completed less than this fraction of its distance.
/// - `factor`: the multiplier (`2`, `0.5`); greater than 0.
/// - `sessions`: the session kinds it applies to; absent: all.
///
/// `{"whenCompletedDistanceBelow":0.75,"factor":0.5}`, `{"lastRound":true,"factor":2}`.
public struct MultiplierRule: Sendable, Hashable, Codable {
    public var round: Int?
    public var lastRound: Bool?
    public var whenCompletedDistanceBelow: Points?
    public var factor: Points
    public var sessions: [SessionKind]?

    public init(
        round: Int? = nil, lastRound: Bool? = nil, whenCompletedDistanceBelow: Points? = nil, factor: Points,
        sessions: [SessionKind]? = nil
    ) {
        self.round = round
        self.lastRound = lastRound
        self.whenCompletedDistanceBelow = whenCompletedDistanceBelow
        self.factor = factor
        self.sessions = sessions
    }
}
