import EventStore
import Foundation
import Projections
import SeasonDomain

/// Where the season checks look up what the log already holds: the registers and a season's ledger.
/// ``ProjectionService`` is one.
public protocol RecordingContext: Sendable {
    /// The registers of championships, competitors and teams.
    func registers() async -> TimelineIndex
    /// A season's ledger, or nil when the log holds nothing of that season.
    func existingLedger(_ key: SeasonKey) async throws -> SeasonLedger?
    /// Takes in events just appended, so that the next input is checked against them too.
    func include(appended events: [RecordedEvent]) async throws
}

extension ProjectionService: RecordingContext {
    public func registers() async -> TimelineIndex { index }

    public func existingLedger(_ key: SeasonKey) async throws -> SeasonLedger? {
        guard index.seasons[key] != nil else { return nil }
        return try await ledger(key)
    }

    public func include(appended events: [RecordedEvent]) async throws { try await catchUp(appended: events) }
}

/// Checks events against their season as the log holds it, and against the lines before them in
/// the same input: a round must be scheduled before it is classified or rescheduled, a competitor
/// registered before it enters or is classified, a retirement or penalty must concern an entered
/// competitor (when the season records entries), and a correction must name a classification.
///
/// It keeps only what the checks need (ids, rounds, entries), not whole ledgers, so a long input
/// costs a few bytes per season and registration.
///
/// ```swift
/// var checker = SeasonChecker(context: projections)
/// try await checker.check(line.domainEvent, eventId: line.event.eventId, line: 4)   // throws LineError
/// ```
public struct SeasonChecker {
    let context: (any RecordingContext)?
    private var registers: TimelineIndex?
    private var addedCompetitors: Set<String> = []
    private var addedTeams: Set<String> = []
    private var seasons: [SeasonKey: SeasonFacts] = [:]

    /// With no context, only the lines of the input itself are known (a check of a file on its own).
    public init(context: (any RecordingContext)?) { self.context = context }

    /// What a season's checks need of it.
    struct SeasonFacts {
        var scheduled: Set<Int> = []
        /// Each entered competitor's rounds; nil: the whole season.
        var entries: [String: Set<Int>?] = [:]
        var classifications: Set<UUID> = []

        init() {}

        init(_ ledger: SeasonLedger) {
            scheduled = Set(ledger.rounds.values.filter { $0.scheduled != nil }.map(\.round))
            for entry in ledger.entries where !ledger.isRetracted(entry.meta) { enter(entry.fact) }
            classifications = Set(ledger.classifications.map(\.meta.eventId))
        }

        mutating func enter(_ entry: EntryConfirmed) {
            let rounds = entry.rounds.map(Set.init)
            switch (entries[entry.competitor], rounds) {
            case (nil, _): entries[entry.competitor] = .some(rounds)
            case (.some(.none), _), (_, nil): entries[entry.competitor] = .some(nil)
            case (.some(.some(let known)), .some(let more)): entries[entry.competitor] = .some(known.union(more))
            }
        }
    }

    /// Checks one event, then remembers what it adds for the lines after it. `line` numbers the error.
    public mutating func check(_ event: SeasonEvent, eventId: UUID, line: Int) async throws {
        do {
            try await checkOne(event, eventId: eventId)
        } catch let reason as LineError.Reason {
            throw LineError(line: line, reason: reason.text)
        }
        try await admit(event, eventId: eventId)
    }

    // MARK: - Checks

    private mutating func checkOne(_ event: SeasonEvent, eventId: UUID) async throws {
        switch event {
        case .roundScheduled(let e):
            if try await facts(e.championship, e.season).scheduled.contains(e.round) {
                throw LineError.Reason("payload.round: round \(e.round) is already scheduled; reschedule it with RoundRescheduled")
            }
        case .roundRescheduled(let e):
            try await scheduled(e.round, "payload.round", e.championship, e.season)
        case .entryConfirmed(let e):
            try await registered(e.competitor, "payload.competitor")
            if let coDriver = e.coDriver { try await registered(coDriver, "payload.coDriver") }
            if let team = e.team { try await registeredTeam(team, "payload.team") }
            for (i, round) in (e.rounds ?? []).enumerated() { try await scheduled(round, "payload.rounds[\(i)]", e.championship, e.season) }
        case .teamChanged(let e):
            try await registered(e.competitor, "payload.competitor")
            try await registeredTeam(e.toTeam, "payload.toTeam")
            if let from = e.fromTeam { try await registeredTeam(from, "payload.fromTeam") }
            if let round = e.fromRound, let c = e.championship, let s = e.season { try await scheduled(round, "payload.fromRound", c, s) }
        case .sessionClassified(let e):
            try await scheduled(e.round, "payload.round", e.championship, e.season)
            try await results(e.results)
        case .resultCorrected(let e):
            try await scheduled(e.round, "payload.round", e.championship, e.season)
            try await results(e.results)
            let known = try await facts(e.championship, e.season).classifications
            for (i, id) in e.corrects.enumerated() where !known.contains(id) {
                throw LineError.Reason("payload.corrects[\(i)]: \(id.uuidString.lowercased()) is not a classification of \(e.championship) \(e.season)")
            }
        case .retirementRecorded(let e):
            try await scheduled(e.round, "payload.round", e.championship, e.season)
            try await entered(e.competitor, round: e.round, "payload.competitor", e.championship, e.season)
        case .penaltyApplied(let e):
            try await scheduled(e.round, "payload.round", e.championship, e.season)
            if e.table == .teams && (e.kind == .exclusion || e.kind == .points) {
                // The teams' table's own row: a team (a session penalty names the car's driver).
                try await registeredTeam(e.competitor, "payload.competitor")
            } else {
                try await entered(e.competitor, round: e.round, "payload.competitor", e.championship, e.season)
            }
        default:
            break
        }
    }

    private mutating func scheduled(_ round: Int, _ field: String, _ championship: String, _ season: Int) async throws {
        guard try await facts(championship, season).scheduled.contains(round) else {
            throw LineError.Reason("\(field): round \(round) is not scheduled in \(championship) \(season)")
        }
    }

    private mutating func registered(_ competitor: String, _ field: String) async throws {
        guard addedCompetitors.contains(competitor) else {
            guard await loadedRegisters().competitors[competitor] != nil else {
                throw LineError.Reason("\(field): no competitor '\(competitor)' is registered")
            }
            return
        }
    }

    private mutating func registeredTeam(_ team: String, _ field: String) async throws {
        guard addedTeams.contains(team) else {
            guard await loadedRegisters().teams[team] != nil else { throw LineError.Reason("\(field): no team '\(team)' is registered") }
            return
        }
    }

    private mutating func results(_ results: [ClassifiedResult]) async throws {
        for (i, result) in results.enumerated() {
            try await registered(result.competitor, "payload.results[\(i)].competitor")
            for (j, other) in (result.sharedWith ?? []).enumerated() {
                try await registered(other, "payload.results[\(i)].sharedWith[\(j)]")
            }
        }
    }

    /// A registered competitor with an entry covering the round, when the season records entries at all.
    private mutating func entered(_ competitor: String, round: Int, _ field: String, _ championship: String, _ season: Int) async throws {
        try await registered(competitor, field)
        let entries = try await facts(championship, season).entries
        guard !entries.isEmpty else { return }
        guard let rounds = entries[competitor], rounds?.contains(round) ?? true else {
            throw LineError.Reason("\(field): '\(competitor)' has no entry for round \(round) of \(championship) \(season)")
        }
    }

    // MARK: - What the input adds

    private mutating func admit(_ event: SeasonEvent, eventId: UUID) async throws {
        switch event {
        case .competitorRegistered(let e): addedCompetitors.insert(e.competitor)
        case .teamRegistered(let e): addedTeams.insert(e.team)
        case .roundScheduled(let e): try await update(e.championship, e.season) { $0.scheduled.insert(e.round) }
        case .entryConfirmed(let e): try await update(e.championship, e.season) { $0.enter(e) }
        case .sessionClassified(let e): try await update(e.championship, e.season) { $0.classifications.insert(eventId) }
        case .resultCorrected(let e): try await update(e.championship, e.season) { $0.classifications.insert(eventId) }
        default: break
        }
    }

    /// Changes a season's facts in place: a copy taken while the dictionary holds them would copy
    /// every set at each change (a long input's classifications, quadratically).
    private mutating func update(_ championship: String, _ season: Int, _ change: (inout SeasonFacts) -> Void) async throws {
        _ = try await facts(championship, season)
        change(&seasons[SeasonKey(championship, season), default: SeasonFacts()])
    }

    /// Whether checking `event` reads or changes what the checker knows: an event it neither checks
    /// nor remembers (a note, a title) is admitted as it is.
    public static func concerns(_ event: SeasonEvent) -> Bool {
        switch event {
        case .roundScheduled, .roundRescheduled, .entryConfirmed, .teamChanged, .sessionClassified, .resultCorrected,
            .retirementRecorded, .penaltyApplied, .competitorRegistered, .teamRegistered:
            return true
        default:
            return false
        }
    }

    private mutating func facts(_ championship: String, _ season: Int) async throws -> SeasonFacts {
        let key = SeasonKey(championship, season)
        if let known = seasons[key] { return known }
        let loaded = try await context?.existingLedger(key).map(SeasonFacts.init) ?? SeasonFacts()
        seasons[key] = loaded
        return loaded
    }

    private mutating func loadedRegisters() async -> TimelineIndex {
        if let registers { return registers }
        let loaded = await context?.registers() ?? TimelineIndex()
        registers = loaded
        return loaded
    }
}
