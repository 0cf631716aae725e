import Foundation

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
    }

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
    ]

    /// The facts of a stored season event of the current schema version, read from its payload; nil
    /// when the type is not a season's (registrations, retractions, notes), or when anything is
    /// unusual (escapes, duplicate members, a member of another type): then decode the event.
    public static func seasonFacts(type: String, schemaVersion: Int, payload: String) -> SeasonFacts? {
        guard let entry = registry[type], schemaVersion == entry.type.schemaVersion,
              SeasonEvent.seasonTypes.contains(type) else { return nil }
        var text = payload
        return text.withUTF8 { bytes in
            guard let root = FastJSON.parse(bytes, keeping: factMembers), case .object(let members) = root else { return nil }
            var seen = Seen()
            var championship: String??, season: Int??, competitor: String??, coDriver: String??
            var results: [FastJSON.Value]?
            for (key, value) in members {
                switch key {
                case "championship": guard seen.first(0), let x = fastOptional(value, { $0.string }) else { return nil }; championship = x
                case "season": guard seen.first(1), let x = fastOptional(value, { $0.int }) else { return nil }; season = x
                case "competitor": guard seen.first(2), let x = fastOptional(value, { $0.string }) else { return nil }; competitor = x
                case "coDriver": guard seen.first(3), let x = fastOptional(value, { $0.string }) else { return nil }; coDriver = x
                case "results": guard seen.first(4), case .array(let rows) = value else { return nil }; results = rows
                default: continue
                }
            }
            var names: [String] = []
            switch competitorMembers[type] ?? .none {
            case .none: break
            case .top(let withCoDriver):
                if let name = competitor ?? nil { names.append(name) }
                if withCoDriver, let name = coDriver ?? nil { names.append(name) }
            case .results:
                names.reserveCapacity(results?.count ?? 0)
                for row in results ?? [] {
                    guard appendNames(of: row, to: &names) else { return nil }
                }
            }
            return SeasonFacts(championship: championship ?? nil, season: season ?? nil, competitors: names)
        }
    }

    /// The members read, at the top and in result rows; the others are skipped.
    private static let factMembers = FastJSON.Keys(["championship", "season", "competitor", "coDriver", "results", "sharedWith"])

    /// Appends `competitor`, `coDriver`, then `sharedWith` of one result row; false to give up.
    private static func appendNames(of row: FastJSON.Value, to names: inout [String]) -> Bool {
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
        EventRetracted.eventType, Note.eventType,
    ])
}
