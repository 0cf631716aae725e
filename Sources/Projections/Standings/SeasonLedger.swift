import Foundation
import SeasonDomain

/// Identifies a championship season: the unit that has rules, a calendar and standings.
public struct SeasonKey: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    public var championship: String
    public var season: Int

    public init(_ championship: String, _ season: Int) {
        self.championship = championship
        self.season = season
    }

    public static func < (a: SeasonKey, b: SeasonKey) -> Bool { (a.championship, a.season) < (b.championship, b.season) }
    public var description: String { "\(championship) \(season)" }
}

/// Everything recorded about one championship season that standings, explanations, calendars and
/// title maths are derived from. A pure fold: `ledger.apply(envelope)` changes nothing else.
///
/// Facts are kept with the envelope that recorded them; corrections and retractions are kept too and
/// resolved when a table is derived, so that an explanation can cite every event involved.
public struct SeasonLedger: Sendable, Equatable, Codable {
    public let key: SeasonKey
    public private(set) var name: String?
    public private(set) var classes: [String] = []
    public private(set) var rules: [Recorded<RuleDeclaration>] = []
    public private(set) var rounds: [Int: RoundRecord] = [:]
    public private(set) var entries: [Recorded<EntryConfirmed>] = []
    public private(set) var teamChanges: [Recorded<TeamChanged>] = []
    public private(set) var carChanges: [Recorded<CarChanged>] = []
    public private(set) var classifications: [Recorded<Classification>] = []
    public private(set) var retirements: [Recorded<RetirementRecorded>] = []
    public private(set) var penalties: [Recorded<PenaltyApplied>] = []
    public private(set) var multiplierDecisions: [Recorded<RoundMultiplierDecided>] = []
    public private(set) var adjustments: [Recorded<PointsAdjusted>] = []
    public private(set) var titles: [Recorded<TitleAwarded>] = []
    /// Tables (or parts of them) as a source printed them: shown beside the computed table, never folded into it.
    public private(set) var published: [Recorded<StandingsPublished>] = []
    /// Circuits, session times, grids, fastest laps, qualifying and pit stops: read by timing views, never by standings.
    public private(set) var timing = SessionTiming()
    /// Event ids voided by a retraction, with the retraction that voided them.
    public private(set) var retracted: [UUID: EventMeta] = [:]
    /// The last position folded in.
    public private(set) var position: Int64 = 0

    public init(key: SeasonKey) { self.key = key }

    /// Folds one event in. Events of other seasons are ignored (retractions are for the caller to route).
    public mutating func apply(_ envelope: DomainEnvelope) {
        let meta = envelope.meta
        position = max(position, meta.position)
        switch envelope.event {
        case .seasonOpened(let e):
            name = e.name ?? name
            if let c = e.classes { classes = c }
        case .rulesDeclared(let e):
            rules.append(Recorded(meta, RuleDeclaration(className: e.className, fromRound: 1, rules: e.rules)))
        case .rulesAmended(let e):
            rules.append(Recorded(meta, RuleDeclaration(className: e.className, fromRound: e.fromRound, rules: e.rules)))
        case .roundScheduled(let e):
            var record = rounds[e.round] ?? RoundRecord(round: e.round)
            record.schedule(e, meta)
            rounds[e.round] = record
        case .roundRescheduled(let e):
            var record = rounds[e.round] ?? RoundRecord(round: e.round)
            record.reschedule(e, meta)
            rounds[e.round] = record
        case .roundCancelled(let e):
            var record = rounds[e.round] ?? RoundRecord(round: e.round)
            record.cancellations.append(Recorded(meta, e))
            rounds[e.round] = record
        case .entryConfirmed(let e): entries.append(Recorded(meta, e))
        case .teamChanged(let e): teamChanges.append(Recorded(meta, e))
        case .carChanged(let e): carChanges.append(Recorded(meta, e))
        case .sessionClassified(let e):
            classifications.append(
                Recorded(
                    meta,
                    Classification(
                        round: e.round, className: e.className, session: e.session, kind: e.kind, number: e.number,
                        completedDistance: e.completedDistance, results: e.results, corrects: [], reason: nil)))
        case .resultCorrected(let e):
            classifications.append(
                Recorded(
                    meta,
                    Classification(
                        round: e.round, className: e.className, session: e.session, kind: e.kind, number: e.number,
                        completedDistance: e.completedDistance, results: e.results, corrects: e.corrects, reason: e.reason)))
        case .retirementRecorded(let e): retirements.append(Recorded(meta, e))
        case .penaltyApplied(let e): penalties.append(Recorded(meta, e))
        case .roundMultiplierDecided(let e): multiplierDecisions.append(Recorded(meta, e))
        case .pointsAdjusted(let e): adjustments.append(Recorded(meta, e))
        case .titleAwarded(let e): titles.append(Recorded(meta, e))
        case .standingsPublished(let e): published.append(Recorded(meta, e))
        case .eventRetracted(let e): retracted[e.retracts] = meta
        default: _ = timing.apply(envelope.event, meta)
        }
    }

    /// Whether an event id is one this season holds (for routing retractions).
    public func holds(_ eventId: UUID) -> Bool {
        rules.contains { $0.meta.eventId == eventId } || classifications.contains { $0.meta.eventId == eventId }
            || penalties.contains { $0.meta.eventId == eventId } || adjustments.contains { $0.meta.eventId == eventId }
            || multiplierDecisions.contains { $0.meta.eventId == eventId } || entries.contains { $0.meta.eventId == eventId }
            || retirements.contains { $0.meta.eventId == eventId } || titles.contains { $0.meta.eventId == eventId }
            || rounds.values.contains { $0.holds(eventId) } || teamChanges.contains { $0.meta.eventId == eventId }
            || published.contains { $0.meta.eventId == eventId } || timing.holds(eventId)
    }

    public func isRetracted(_ meta: EventMeta) -> Bool { retracted[meta.eventId] != nil }

    /// The ledger with its rules replaced by one set for every class from the first round: the
    /// season's facts (results, shared drives, penalties, decisions) kept, only the rules changed.
    /// Nothing is written: the result answers "what if".
    ///
    /// ```swift
    /// let everyResultCounts = ledger.replacingRules(with: rules1988.with(counting: .all))
    /// ```
    public func replacingRules(with rules: RuleSet) -> SeasonLedger {
        var copy = self
        let meta = EventMeta(
            position: 0, eventId: UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)), stream: "hypothetical",
            occurredAt: "\(key.season)", recordedAt: "")
        copy.rules = [Recorded(meta, RuleDeclaration(className: nil, fromRound: 1, rules: rules))]
        return copy
    }

    /// The rules in force at the season's last round with results or on the calendar, for all
    /// classes (or `className`): what another season borrows with `--rules-of`.
    public func rulesInForce(className: String? = nil) -> RuleSet? {
        let live = rules.filter { !isRetracted($0.meta) }
        let pool =
            live.filter { $0.fact.className == className }.isEmpty ? live.filter { $0.fact.className == nil } : live.filter { $0.fact.className == className }
        return pool.max { ($0.fact.fromRound, $0.meta.position) < ($1.fact.fromRound, $1.meta.position) }?.fact.rules
    }

    /// The ledger as a fold of only the events inside `cut` would have built it. Round cuts
    /// (`afterRound`) are applied when tables are derived, not here.
    public func restricted(to cut: Cut) -> SeasonLedger {
        guard cut.asOf != nil || cut.knownAt != nil || cut.atPosition != nil else { return self }
        func keep<F>(_ facts: [Recorded<F>]) -> [Recorded<F>] { facts.filter { cut.includes($0.meta) } }
        var copy = self
        copy.rules = keep(rules)
        copy.rounds = rounds.compactMapValues { $0.restricted(to: cut) }
        copy.entries = keep(entries)
        copy.teamChanges = keep(teamChanges)
        copy.carChanges = keep(carChanges)
        copy.classifications = keep(classifications)
        copy.retirements = keep(retirements)
        copy.penalties = keep(penalties)
        copy.multiplierDecisions = keep(multiplierDecisions)
        copy.adjustments = keep(adjustments)
        copy.titles = keep(titles)
        copy.published = keep(published)
        copy.timing = timing.restricted(to: cut)
        copy.retracted = retracted.filter { cut.includes($0.value) }
        copy.position =
            ([0] + copy.classifications.map(\.meta.position) + copy.rules.map(\.meta.position)
            + copy.penalties.map(\.meta.position) + copy.entries.map(\.meta.position)).max() ?? 0
        return copy
    }
}

/// A fact with the envelope of the event that recorded it.
public struct Recorded<Fact: Sendable & Equatable & Codable>: Sendable, Equatable, Codable {
    public var meta: EventMeta
    public var fact: Fact

    public init(_ meta: EventMeta, _ fact: Fact) {
        self.meta = meta
        self.fact = fact
    }
}

/// A rule set in force from a round on, for one class or (nil) for all.
public struct RuleDeclaration: Sendable, Equatable, Codable {
    public var className: String?
    public var fromRound: Int
    public var rules: RuleSet
}

/// A session's classification as recorded, or as a correction recorded it.
public struct Classification: Sendable, Equatable, Codable {
    public var round: Int
    public var className: String?
    public var session: String
    public var kind: SessionKind
    public var number: Int?
    public var completedDistance: Points?
    public var results: [ClassifiedResult]
    /// For a correction: the classifications it supersedes.
    public var corrects: [UUID]
    public var reason: String?
}

/// A round's calendar facts, with the history of its dates.
public struct RoundRecord: Sendable, Equatable, Codable {
    public var round: Int
    public var schedules: [Recorded<RoundScheduled>] = []
    public var reschedules: [Recorded<RoundRescheduled>] = []
    public var cancellations: [Recorded<RoundCancelled>] = []

    public init(round: Int) { self.round = round }

    public var scheduled: Recorded<RoundScheduled>? { schedules.last }
    public var cancellation: Recorded<RoundCancelled>? { cancellations.last }

    mutating func schedule(_ e: RoundScheduled, _ meta: EventMeta) { schedules.append(Recorded(meta, e)) }
    mutating func reschedule(_ e: RoundRescheduled, _ meta: EventMeta) { reschedules.append(Recorded(meta, e)) }

    func holds(_ id: UUID) -> Bool {
        schedules.contains { $0.meta.eventId == id } || cancellations.contains { $0.meta.eventId == id }
            || reschedules.contains { $0.meta.eventId == id }
    }

    func restricted(to cut: Cut) -> RoundRecord? {
        var copy = self
        copy.schedules = schedules.filter { cut.includes($0.meta) }
        copy.reschedules = reschedules.filter { cut.includes($0.meta) }
        copy.cancellations = cancellations.filter { cut.includes($0.meta) }
        return copy.schedules.isEmpty && copy.reschedules.isEmpty && copy.cancellations.isEmpty ? nil : copy
    }
}
