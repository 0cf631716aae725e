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

    /// Kinds named, places within ``Limits/rows`` and each within the points range, the minimum
    /// distance a fraction greater than 0.
    static func validate(_ scale: SessionScoring, _ path: String, _ check: inout Validator) {
        check.require(!scale.kinds.isEmpty, "\(path).kinds", "must name at least one session kind")
        check.count(scale.points.count, 0...Limits.rows.upperBound, "\(path).points", "places")
        for (j, points) in scale.points.enumerated() { check.points(points, "\(path).points[\(j)]") }
        check.fraction(scale.minimumDistance, "\(path).minimumDistance", lowerExclusive: true)
    }

    /// The points for a 1-based position; zero outside the scale.
    public func points(forPosition position: Int) -> Points {
        position >= 1 && position <= points.count ? points[position - 1] : .zero
    }
}
