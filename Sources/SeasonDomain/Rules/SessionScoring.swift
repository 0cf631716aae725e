/// Points per classified position for some session kinds.
///
/// - `kinds`: the session kinds this scale applies to (`["race"]`, `["heat"]`).
/// - `points`: points per position; index 0 is first place. Positions beyond the list score nothing.
/// - `minimumDistance`: fraction of the scheduled distance a session must complete for anyone to score
///   (e.g. `0.75`); absent: no minimum.
public struct SessionScoring: Sendable, Hashable, Codable {
    public var kinds: [SessionKind]
    public var points: [Points]
    public var minimumDistance: Points?

    public init(kinds: [SessionKind], points: [Points], minimumDistance: Points? = nil) {
        self.kinds = kinds
        self.points = points
        self.minimumDistance = minimumDistance
    }

    /// The points for a 1-based position; zero outside the scale.
    public func points(forPosition position: Int) -> Points {
        position >= 1 && position <= points.count ? points[position - 1] : .zero
    }
}
