/// Which rounds' results count towards a total (dropped scores).
///
/// JSON, flat with a `mode`:
/// - `{"mode":"all"}`: every round counts.
/// - `{"mode":"best","count":11}`: the best `count` rounds.
/// - `{"mode":"split","firstRounds":6,"bestOfFirst":5,"bestOfRest":4}`: the best `bestOfFirst` of
///   rounds 1...`firstRounds` plus the best `bestOfRest` of the others (F1 1967–1990 style).
public enum CountingRule: Sendable, Hashable, Codable {
    case all
    case best(Int)
    case split(firstRounds: Int, bestOfFirst: Int, bestOfRest: Int)

    /// The JSON `mode` names, in order.
    public static let modes = ["all", "best", "split"]

    enum CodingKeys: String, CodingKey { case mode, count, firstRounds, bestOfFirst, bestOfRest }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let mode = try c.decode(String.self, forKey: .mode)
        switch mode {
        case "all": self = .all
        case "best": self = .best(try c.decode(Int.self, forKey: .count))
        case "split":
            self = .split(
                firstRounds: try c.decode(Int.self, forKey: .firstRounds),
                bestOfFirst: try c.decode(Int.self, forKey: .bestOfFirst),
                bestOfRest: try c.decode(Int.self, forKey: .bestOfRest))
        default:
            throw DecodingError.dataCorruptedError(
                forKey: .mode, in: c, debugDescription: "\"\(mode)\" is not one of \(Self.modes.joined(separator: ", "))")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .all:
            try c.encode("all", forKey: .mode)
        case .best(let count):
            try c.encode("best", forKey: .mode)
            try c.encode(count, forKey: .count)
        case .split(let firstRounds, let bestOfFirst, let bestOfRest):
            try c.encode("split", forKey: .mode)
            try c.encode(firstRounds, forKey: .firstRounds)
            try c.encode(bestOfFirst, forKey: .bestOfFirst)
            try c.encode(bestOfRest, forKey: .bestOfRest)
        }
    }

    /// Counts must be 1 or more, and `bestOfFirst` at most `firstRounds`.
    func validate(_ path: String, _ check: inout Validator) {
        switch self {
        case .all: break
        case .best(let n): check.range(n, Limits.countingRounds, "\(path).count")
        case .split(let first, let a, let b):
            check.range(first, Limits.countingRounds, "\(path).firstRounds")
            check.range(a, Limits.countingRounds, "\(path).bestOfFirst")
            check.require(a <= first, "\(path).bestOfFirst", "must not exceed firstRounds (\(first)), found \(a)")
            check.range(b, Limits.countingRounds, "\(path).bestOfRest")
        }
    }
}
