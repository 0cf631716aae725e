import Foundation
import JSONToolkit

/// What an index of the log needs of a season's event, read from its stored payload without
/// decoding the event: the championship and season it is about and the competitors it names.
///
/// A full replay spends most of its time decoding; an index that only routes events to seasons and
/// remembers who appears where needs a few members. ``EventCatalogue/seasonFacts(type:schemaVersion:payload:)``
/// reads them, and must agree with the decoded event (``SeasonEvent/championship``,
/// ``SeasonEvent/season``, ``SeasonEvent/forEachCompetitor(_:)``): tests hold the two to each other.
///
/// ```swift
/// let facts = EventCatalogue.seasonFacts(type: "RetirementRecorded", schemaVersion: 1, payload: json)
/// // facts?.championship == "euro-rx-super1600", facts?.competitors == ["jesse-kallio"]
/// ```
public struct SeasonFacts: Sendable, Equatable {
    public var championship: String?
    public var season: Int?
    /// Every competitor id the event names, in ``SeasonEvent/forEachCompetitor(_:)`` order.
    public var competitors: [String]

    public init(championship: String?, season: Int?, competitors: [String]) {
        self.championship = championship
        self.season = season
        self.competitors = competitors
    }
}

extension SeasonEvent {
    /// Calls `body` with every competitor id the event names (duplicates possible).
    public func forEachCompetitor(_ body: (String) -> Void) {
        switch self {
        case .entryConfirmed(let e):
            body(e.competitor)
            if let coDriver = e.coDriver { body(coDriver) }
        case .teamChanged(let e): body(e.competitor)
        case .carChanged(let e): body(e.competitor)
        case .sessionClassified(let e): Self.forEachCompetitor(in: e.results, body)
        case .resultCorrected(let e): Self.forEachCompetitor(in: e.results, body)
        case .retirementRecorded(let e): body(e.competitor)
        case .penaltyApplied(let e): body(e.competitor)
        case .titleAwarded(let e): if let competitor = e.competitor { body(competitor) }
        case .pointsAdjusted(let e): if let competitor = e.competitor { body(competitor) }
        case .startingGridRecorded(let e): for row in e.positions { body(row.competitor) }
        case .fastestLapsRecorded(let e): for row in e.laps { body(row.competitor) }
        case .qualifyingRecorded(let e): for row in e.results { body(row.competitor) }
        case .pitStopsRecorded(let e): for row in e.stops { body(row.competitor) }
        default: break
        }
    }

    private static func forEachCompetitor(in results: [ClassifiedResult], _ body: (String) -> Void) {
        for result in results {
            body(result.competitor)
            if let coDriver = result.coDriver { body(coDriver) }
            for other in result.sharedWith ?? [] { body(other) }
        }
    }
}

extension EventCatalogue {
    /// Where an event type names its competitors, as ``SeasonEvent/forEachCompetitor(_:)`` reads them.
    private enum CompetitorMembers {
        case none
        /// `competitor`, and `coDriver` when `withCoDriver`.
        case top(withCoDriver: Bool)
        /// `competitor`, `coDriver` and `sharedWith` of each of `results`.
        case results
        /// `competitor` of each row of a timing list (`positions`, `laps`, `stops`).
        case rows(Rows)
    }

    /// The member holding a timing event's rows.
    private enum Rows { case positions, laps, stops }

    private static let competitorMembers: [String: CompetitorMembers] = [
        EntryConfirmed.eventType: .top(withCoDriver: true),
        TeamChanged.eventType: .top(withCoDriver: false),
        CarChanged.eventType: .top(withCoDriver: false),
        RetirementRecorded.eventType: .top(withCoDriver: false),
        PenaltyApplied.eventType: .top(withCoDriver: false),
        TitleAwarded.eventType: .top(withCoDriver: false),
        PointsAdjusted.eventType: .top(withCoDriver: false),
        SessionClassified.eventType: .results,
        ResultCorrected.eventType: .results,
        QualifyingRecorded.eventType: .results,
        StartingGridRecorded.eventType: .rows(.positions),
        FastestLapsRecorded.eventType: .rows(.laps),
        PitStopsRecorded.eventType: .rows(.stops)
    ]

    /// The facts of a stored season event of the current schema version, read from its payload; nil
    /// when the type is not a season's (registrations, retractions, notes), or when anything is
    /// unusual (escapes, duplicate members, a member of another type): then decode the event.
    public static func seasonFacts(type: String, schemaVersion: Int, payload: String) -> SeasonFacts? {
        guard let entry = registry[type], schemaVersion == entry.type.schemaVersion,
            SeasonEvent.seasonTypes.contains(type)
        else { return nil }
        var text = payload
        return text.withUTF8 { bytes in
            guard let root = JSONValue.parse(bytes, keeping: factMembers, refusingEscapes: true), case .object(let members) = root else { return nil }
            var seen = Seen()
            var championship: String??, season: Int??, competitor: String??, coDriver: String??
            var results: [JSONValue]?, positions: [JSONValue]?, laps: [JSONValue]?, stops: [JSONValue]?
            let mode = competitorMembers[type] ?? .none
            var rowsMember: Rows?
            if case .rows(let member) = mode { rowsMember = member }
            for (key, value) in members {
                switch key {
                case "championship": guard seen.first(0), let x = fastOptional(value, { $0.string }) else { return nil }; championship = x
                case "season": guard seen.first(1), let x = fastOptional(value, { $0.int }) else { return nil }; season = x
                case "competitor": guard seen.first(2), let x = fastOptional(value, { $0.string }) else { return nil }; competitor = x
                case "coDriver": guard seen.first(3), let x = fastOptional(value, { $0.string }) else { return nil }; coDriver = x
                case "results": guard seen.first(4), case .array(let rows) = value else { return nil }; results = rows
                // Only a timing event's rows: `positions` is a number of places in a penalty.
                case "positions" where rowsMember == .positions:
                    guard seen.first(5), case .array(let rows) = value else { return nil }; positions = rows
                case "laps" where rowsMember == .laps: guard seen.first(6), case .array(let rows) = value else { return nil }; laps = rows
                case "stops" where rowsMember == .stops: guard seen.first(7), case .array(let rows) = value else { return nil }; stops = rows
                default: continue
                }
            }
            var names: [String] = []
            switch mode {
            case .none: break
            case .top(let withCoDriver):
                if let name = competitor ?? nil { names.append(name) }
                if withCoDriver, let name = coDriver ?? nil { names.append(name) }
            case .results:
                names.reserveCapacity(results?.count ?? 0)
                for row in results ?? [] {
                    guard appendNames(of: row, to: &names) else { return nil }
                }
            case .rows(let member):
                let rows: [JSONValue]?
                switch member {
                case .positions: rows = positions
                case .laps: rows = laps
                case .stops: rows = stops
                }
                names.reserveCapacity(rows?.count ?? 0)
                for row in rows ?? [] {
                    guard appendCompetitor(of: row, to: &names) else { return nil }
                }
            }
            return SeasonFacts(championship: championship ?? nil, season: season ?? nil, competitors: names)
        }
    }

    /// The members read, at the top and in result rows; the others are skipped.
    private static let factMembers = JSONValue.Names([
        "championship", "season", "competitor", "coDriver", "results", "sharedWith", "positions", "laps", "stops"
    ])

    /// Appends `competitor` of one row of a timing list; false to give up.
    private static func appendCompetitor(of row: JSONValue, to names: inout [String]) -> Bool {
        guard case .object(let members) = row else { return false }
        var seen = Seen()
        var competitor: String?
        for (key, value) in members where key == "competitor" {
            guard seen.first(0), let x = value.string else { return false }
            competitor = x
        }
        guard let competitor else { return false }
        names.append(competitor)
        return true
    }

    /// Appends `competitor`, `coDriver`, then `sharedWith` of one result row; false to give up.
    private static func appendNames(of row: JSONValue, to names: inout [String]) -> Bool {
        guard case .object(let members) = row else { return false }
        var seen = Seen()
        var competitor: String?, coDriver: String??, sharedWith: [String]??
        for (key, value) in members {
            switch key {
            case "competitor": guard seen.first(0), let x = value.string else { return false }; competitor = x
            case "coDriver": guard seen.first(1), let x = fastOptional(value, { $0.string }) else { return false }; coDriver = x
            case "sharedWith": guard seen.first(2), let x = fastOptional(value, fastStrings) else { return false }; sharedWith = x
            default: continue
            }
        }
        guard let competitor else { return false }
        names.append(competitor)
        if let coDriver = coDriver ?? nil { names.append(coDriver) }
        if let others = sharedWith ?? nil { names += others }
        return true
    }
}

extension SeasonEvent {
    /// The types whose ledger routing is their own `championship` and `season` members (not
    /// registrations, retractions or notes).
    static let seasonTypes: Set<String> = Set(EventCatalogue.eventTypes).subtracting([
        ChampionshipRegistered.eventType, CompetitorRegistered.eventType, TeamRegistered.eventType,
        EventRetracted.eventType, Note.eventType, CircuitRegistered.eventType, CompetitorDetailsRecorded.eventType,
        TeamDetailsRecorded.eventType, AliasRecorded.eventType
    ])
}
