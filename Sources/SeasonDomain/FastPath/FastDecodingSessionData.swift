import Foundation
import JSONToolkit

// Hand-written readers for the timing events with many rows (grids, fastest laps, qualifying, pit
// stops), mirroring their synthesized `init(from:)`: required members present and non-null, optional
// members null or absent, unknown keys ignored. Any doubt returns nil and JSONDecoder takes over.

/// The members every timing event shares, read one by one from a payload object.
struct FastSessionMembers {
    var championship: String?, season: Int?, round: Int?, className: String??, session: String?
    private var seen = Seen()

    /// Reads `key` when it is one of these members: true when read, false to give up, nil when the
    /// key is not one of them.
    mutating func read(_ key: String, _ v: JSONValue) -> Bool? {
        switch key {
        case "championship": guard seen.first(0), let x = v.string else { return false }; championship = x
        case "season": guard seen.first(1), let x = v.int else { return false }; season = x
        case "round": guard seen.first(2), let x = v.int else { return false }; round = x
        case "class": guard seen.first(3), let x = fastOptional(v, { $0.string }) else { return false }; className = x
        case "session": guard seen.first(4), let x = v.string else { return false }; session = x
        default: return nil
        }
        return true
    }

    /// Reads a payload's members: the shared ones here, the rows member with `rows`. Nil to give up.
    static func read<Row>(_ data: Data, rowsKey: String, rows read: (JSONValue) -> Row?) -> Read<Row>? {
        guard let root = JSONValue.parse(data), case .object(let members) = root else { return nil }
        var shared = FastSessionMembers()
        var seenRows = false
        var rows: [Row]?
        for (key, value) in members {
            switch shared.read(key, value) {
            case false?: return nil
            case true?: continue
            case nil:
                guard key == rowsKey else { continue }
                guard !seenRows, case .array(let items) = value else { return nil }
                seenRows = true
                var out: [Row] = []
                out.reserveCapacity(items.count)
                for item in items { guard let row = read(item) else { return nil }; out.append(row) }
                rows = out
            }
        }
        guard let championship = shared.championship, let season = shared.season, let round = shared.round,
            let session = shared.session, let rows
        else { return nil }
        return Read(championship: championship, season: season, round: round, className: shared.className ?? nil, session: session, rows: rows)
    }

    /// A timing event's members, all required ones present.
    struct Read<Row> {
        var championship: String, season: Int, round: Int, className: String?, session: String, rows: [Row]
    }
}

extension GridPosition {
    init?(fast value: JSONValue) {
        guard case .object(let members) = value else { return nil }
        var seen = Seen()
        var position: Int??, pitLane: Bool??, competitor: String?, number: String??, team: String??
        for (key, v) in members {
            switch key {
            case "position": guard seen.first(0), let x = fastOptional(v, { $0.int }) else { return nil }; position = x
            case "pitLane": guard seen.first(1), let x = fastOptional(v, { $0.bool }) else { return nil }; pitLane = x
            case "competitor": guard seen.first(2), let x = v.string else { return nil }; competitor = x
            case "number": guard seen.first(3), let x = fastOptional(v, { $0.string }) else { return nil }; number = x
            case "team": guard seen.first(4), let x = fastOptional(v, { $0.string }) else { return nil }; team = x
            default: continue
            }
        }
        guard let competitor else { return nil }
        self.init(position: position ?? nil, pitLane: pitLane ?? nil, competitor: competitor, number: number ?? nil, team: team ?? nil)
    }
}

extension FastestLap {
    init?(fast value: JSONValue) {
        guard case .object(let members) = value else { return nil }
        var seen = Seen()
        var rank: Int?, competitor: String?, number: String??, lap: Int??, time: String?
        for (key, v) in members {
            switch key {
            case "rank": guard seen.first(0), let x = v.int else { return nil }; rank = x
            case "competitor": guard seen.first(1), let x = v.string else { return nil }; competitor = x
            case "number": guard seen.first(2), let x = fastOptional(v, { $0.string }) else { return nil }; number = x
            case "lap": guard seen.first(3), let x = fastOptional(v, { $0.int }) else { return nil }; lap = x
            case "time": guard seen.first(4), let x = v.string else { return nil }; time = x
            default: continue
            }
        }
        guard let rank, let competitor, let time else { return nil }
        self.init(rank: rank, competitor: competitor, number: number ?? nil, lap: lap ?? nil, time: time)
    }
}

extension QualifyingResult {
    init?(fast value: JSONValue) {
        guard case .object(let members) = value else { return nil }
        var seen = Seen()
        var position: Int??, competitor: String?, team: String??, number: String??, q1: String??, q2: String??, q3: String??
        for (key, v) in members {
            switch key {
            case "position": guard seen.first(0), let x = fastOptional(v, { $0.int }) else { return nil }; position = x
            case "competitor": guard seen.first(1), let x = v.string else { return nil }; competitor = x
            case "team": guard seen.first(2), let x = fastOptional(v, { $0.string }) else { return nil }; team = x
            case "number": guard seen.first(3), let x = fastOptional(v, { $0.string }) else { return nil }; number = x
            case "q1": guard seen.first(4), let x = fastOptional(v, { $0.string }) else { return nil }; q1 = x
            case "q2": guard seen.first(5), let x = fastOptional(v, { $0.string }) else { return nil }; q2 = x
            case "q3": guard seen.first(6), let x = fastOptional(v, { $0.string }) else { return nil }; q3 = x
            default: continue
            }
        }
        guard let competitor else { return nil }
        self.init(
            position: position ?? nil, competitor: competitor, team: team ?? nil, number: number ?? nil,
            q1: q1 ?? nil, q2: q2 ?? nil, q3: q3 ?? nil)
    }
}

extension PitStop {
    init?(fast value: JSONValue) {
        guard case .object(let members) = value else { return nil }
        var seen = Seen()
        var competitor: String?, number: String??, stop: Int?, lap: Int?, duration: String??, timeOfDay: String??
        for (key, v) in members {
            switch key {
            case "competitor": guard seen.first(0), let x = v.string else { return nil }; competitor = x
            case "number": guard seen.first(1), let x = fastOptional(v, { $0.string }) else { return nil }; number = x
            case "stop": guard seen.first(2), let x = v.int else { return nil }; stop = x
            case "lap": guard seen.first(3), let x = v.int else { return nil }; lap = x
            case "duration": guard seen.first(4), let x = fastOptional(v, { $0.string }) else { return nil }; duration = x
            case "timeOfDay": guard seen.first(5), let x = fastOptional(v, { $0.string }) else { return nil }; timeOfDay = x
            default: continue
            }
        }
        guard let competitor, let stop, let lap else { return nil }
        self.init(competitor: competitor, number: number ?? nil, stop: stop, lap: lap, duration: duration ?? nil, timeOfDay: timeOfDay ?? nil)
    }
}

extension StartingGridRecorded {
    init?(fast data: Data) {
        guard let s = FastSessionMembers.read(data, rowsKey: "positions", rows: GridPosition.init(fast:)) else { return nil }
        self.init(championship: s.championship, season: s.season, round: s.round, className: s.className, session: s.session, positions: s.rows)
    }
}

extension FastestLapsRecorded {
    init?(fast data: Data) {
        guard let s = FastSessionMembers.read(data, rowsKey: "laps", rows: FastestLap.init(fast:)) else { return nil }
        self.init(championship: s.championship, season: s.season, round: s.round, className: s.className, session: s.session, laps: s.rows)
    }
}

extension QualifyingRecorded {
    init?(fast data: Data) {
        guard let s = FastSessionMembers.read(data, rowsKey: "results", rows: QualifyingResult.init(fast:)) else { return nil }
        self.init(championship: s.championship, season: s.season, round: s.round, className: s.className, session: s.session, results: s.rows)
    }
}

extension PitStopsRecorded {
    init?(fast data: Data) {
        guard let s = FastSessionMembers.read(data, rowsKey: "stops", rows: PitStop.init(fast:)) else { return nil }
        self.init(championship: s.championship, season: s.season, round: s.round, className: s.className, session: s.session, stops: s.rows)
    }
}
