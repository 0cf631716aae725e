import Foundation
import JSONToolkit

// Hand-written readers for the events with many rows, mirroring their `init(from:)` exactly:
// required fields must be present and non-null, optional fields may be null or absent, unknown
// keys are ignored (as JSONDecoder does). Any doubt (wrong type, duplicate key) returns nil, and
// the caller falls back to JSONDecoder.

/// Reads an optional member: `.some(nil)` for null, `.some(value)`, or nil when the type is wrong.
@inline(__always)
func fastOptional<T>(_ value: JSONValue, _ read: (JSONValue) -> T?) -> T?? {
    if value.isNull { return .some(nil) }
    guard let typed = read(value) else { return nil }
    return .some(typed)
}

/// Marks members as seen, to give up on duplicate keys.
struct Seen {
    var bits: UInt32 = 0
    @inline(__always) mutating func first(_ bit: Int) -> Bool {
        let mask: UInt32 = 1 << UInt32(bit)
        defer { bits |= mask }
        return bits & mask == 0
    }
}

func fastStrings(_ value: JSONValue) -> [String]? {
    guard case .array(let items) = value else { return nil }
    var out: [String] = []
    out.reserveCapacity(items.count)
    for item in items { guard let s = item.string else { return nil }; out.append(s) }
    return out
}

extension ClassifiedResult {
    init?(fast value: JSONValue) {
        guard case .object(let members) = value else { return nil }
        var seen = Seen()
        var position: Int??, competitor: String?, sharedWith: [String]??, coDriver: String??, team: String??, car: String??
        var number: String??, status: ResultStatus??, reason: String??, laps: Int??, time: String??, gap: String??, fastestLap: Bool??
        for (key, v) in members {
            switch key {
            case "position": guard seen.first(0), let x = fastOptional(v, { $0.int }) else { return nil }; position = x
            case "competitor": guard seen.first(1), let x = v.string else { return nil }; competitor = x
            case "sharedWith": guard seen.first(2), let x = fastOptional(v, fastStrings) else { return nil }; sharedWith = x
            case "coDriver": guard seen.first(3), let x = fastOptional(v, { $0.string }) else { return nil }; coDriver = x
            case "team": guard seen.first(4), let x = fastOptional(v, { $0.string }) else { return nil }; team = x
            case "car": guard seen.first(5), let x = fastOptional(v, { $0.string }) else { return nil }; car = x
            case "number": guard seen.first(6), let x = fastOptional(v, { $0.string }) else { return nil }; number = x
            case "status":
                guard seen.first(7), let x = fastOptional(v, { $0.string.flatMap(ResultStatus.init(rawValue:)) }) else { return nil }
                status = x
            case "reason": guard seen.first(8), let x = fastOptional(v, { $0.string }) else { return nil }; reason = x
            case "laps": guard seen.first(9), let x = fastOptional(v, { $0.int }) else { return nil }; laps = x
            case "time": guard seen.first(10), let x = fastOptional(v, { $0.string }) else { return nil }; time = x
            case "gap": guard seen.first(11), let x = fastOptional(v, { $0.string }) else { return nil }; gap = x
            case "fastestLap": guard seen.first(12), let x = fastOptional(v, { $0.bool }) else { return nil }; fastestLap = x
            default: continue
            }
        }
        guard let competitor else { return nil }
        let pos = position ?? nil
        let resolved: ResultStatus
        if let given = status ?? nil { resolved = given } else if pos != nil { resolved = .classified } else { return nil }
        self.init(
            position: pos, competitor: competitor, sharedWith: sharedWith ?? nil, coDriver: coDriver ?? nil,
            team: team ?? nil, car: car ?? nil, number: number ?? nil, status: resolved, reason: reason ?? nil,
            laps: laps ?? nil, time: time ?? nil, gap: gap ?? nil, fastestLap: fastestLap ?? nil)
    }

    static func fastRows(_ value: JSONValue) -> [ClassifiedResult]? {
        guard case .array(let items) = value else { return nil }
        var rows: [ClassifiedResult] = []
        rows.reserveCapacity(items.count)
        for item in items { guard let row = ClassifiedResult(fast: item) else { return nil }; rows.append(row) }
        return rows
    }
}

/// The members a classification and its correction share, read one by one from a payload object.
struct FastClassificationMembers {
    var championship: String?, season: Int?, round: Int?, className: String??, session: String?, kind: SessionKind?
    var number: Int??, completedDistance: Points??, results: [ClassifiedResult]?
    private var seen = Seen()

    /// Reads `key` when it is one of these members: true when read, false to give up (wrong type,
    /// duplicate), nil when the key is not a classification's.
    mutating func read(_ key: String, _ v: JSONValue) -> Bool? {
        switch key {
        case "championship": guard seen.first(0), let x = v.string else { return false }; championship = x
        case "season": guard seen.first(1), let x = v.int else { return false }; season = x
        case "round": guard seen.first(2), let x = v.int else { return false }; round = x
        case "class": guard seen.first(3), let x = fastOptional(v, { $0.string }) else { return false }; className = x
        case "session": guard seen.first(4), let x = v.string else { return false }; session = x
        case "kind": guard seen.first(5), let x = v.string.flatMap(SessionKind.init(rawValue:)) else { return false }; kind = x
        case "number": guard seen.first(6), let x = fastOptional(v, { $0.int }) else { return false }; number = x
        case "completedDistance": guard seen.first(7), let x = fastOptional(v, { $0.points }) else { return false }; completedDistance = x
        case "results": guard seen.first(8), let x = ClassifiedResult.fastRows(v) else { return false }; results = x
        default: return nil
        }
        return true
    }
}

extension SessionClassified {
    init?(fast data: Data) {
        guard let root = JSONValue.parse(data), case .object(let members) = root else { return nil }
        var c = FastClassificationMembers()
        for (key, v) in members where c.read(key, v) == false { return nil }
        guard let championship = c.championship, let season = c.season, let round = c.round, let session = c.session,
            let kind = c.kind, let results = c.results
        else { return nil }
        self.init(
            championship: championship, season: season, round: round, className: c.className ?? nil, session: session,
            kind: kind, number: c.number ?? nil, completedDistance: c.completedDistance ?? nil, results: results)
    }
}

extension ResultCorrected {
    init?(fast data: Data) {
        guard let root = JSONValue.parse(data), case .object(let members) = root else { return nil }
        var c = FastClassificationMembers()
        var seen = Seen()
        var corrects: [UUID]?, reason: String?
        for (key, v) in members {
            switch c.read(key, v) {
            case false?: return nil
            case true?: continue
            case nil:
                switch key {
                case "corrects":
                    guard seen.first(0), case .array(let items) = v else { return nil }
                    var ids: [UUID] = []
                    for item in items { guard let id = item.uuid else { return nil }; ids.append(id) }
                    corrects = ids
                case "reason": guard seen.first(1), let x = v.string else { return nil }; reason = x
                default: continue
                }
            }
        }
        guard let championship = c.championship, let season = c.season, let round = c.round, let session = c.session,
            let kind = c.kind, let results = c.results, let corrects, let reason
        else { return nil }
        self.init(
            championship: championship, season: season, round: round, className: c.className ?? nil, session: session,
            corrects: corrects, kind: kind, number: c.number ?? nil, completedDistance: c.completedDistance ?? nil,
            results: results, reason: reason)
    }
}
