import Chronology
import EventStore
import Foundation
import Paddock
import Projections
import SeasonDomain

/// Turns an F1DB tree into Paddock events and appends them through the ordinary append path.
///
/// Everything is read, converted and validated first; then the reference data is appended in one
/// transaction and each season in one transaction of its own. Event ids are name-based (UUID v5
/// of a stable key such as `f1db:1988:race:3`), so a second import of the same tree appends nothing.
///
/// ```swift
/// let plan = try F1DBImporter.plan(f1db: URL(fileURLWithPath: "/work/shared/f1db"), rules: rulesDir, seasons: [1988])
/// let summary = try await F1DBImporter.append(plan, to: store)
/// ```
public enum F1DBImporter {
    public static let championship = "f1"

    /// One event on its way into the log, with the stream it belongs to.
    public struct Pending: Sendable {
        public var stream: String
        public var event: NewEvent
        public var domainEvent: SeasonEvent
        /// Which version of the importer first wrote this kind of fact: 1 for the standings' facts,
        /// ``timingGeneration`` for circuits, details, aliases and timing data. Batches never mix
        /// generations: a log imported by an earlier version holds every event of a generation it
        /// knew and none of a later one, and the store records a batch whole or refuses it when only
        /// part of it is recorded, so re-importing into that log appends exactly the later facts.
        public var generation: Int
    }

    /// The generation of the facts Ergast's API needs beyond standings.
    public static let timingGeneration = 2

    /// A season's events, ready to append, and what the importer needs to know about it afterwards.
    public struct SeasonPlan: Sendable {
        public var year: Int
        public var events: [Pending]
        /// Every round has a race classification: the season is over and a champion can be named.
        public var complete: Bool
        /// The champion's title came from F1DB's final standings file.
        public var titlesFromF1DB: Bool
        public var lastDate: String
    }

    public struct Plan: Sendable {
        public var source: F1DBSource
        public var reference: [Pending]
        public var seasons: [SeasonPlan]
    }

    public struct Summary: Sendable, Equatable {
        public var seasons = 0
        public var appended = 0
        public var alreadyRecorded = 0
        public var titlesDerived: [String] = []
    }

    // MARK: - Plan (read, convert, validate: nothing is appended)

    /// - Parameter aliases: a file of other databases' ids (`EventLog/aliases/f1/ergast.json`); nil for none.
    public static func plan(f1db: URL, rules: URL, seasons: [Int]?, aliases: URL? = nil) throws -> Plan {
        let source = try F1DBSource.load(f1db, seasons: seasons)
        var loaded: [Int: F1DBRuleFile] = [:]
        for season in source.seasons { loaded[season.year] = try F1DBRuleFile.load(rules, season.year) }
        let ruleFiles = loaded
        // Seasons convert independently: spread them over the cores.
        let built = ConcurrentMap.run(source.seasons) { season in
            Result { try SeasonBuilder(source: source, season: season, rules: ruleFiles[season.year]!).build() }
        }
        var plans: [SeasonPlan] = []
        var drivers = Set<String>(), teams: [String: SeasonBuilder.UsedTeam] = [:]
        for result in built {
            let (plan, usedDrivers, usedTeams) = try result.get()
            plans.append(plan)
            drivers.formUnion(usedDrivers)
            teams.merge(usedTeams) { a, _ in a }
        }
        var reference: [Pending] = [
            try pending(
                ChampionshipRegistered(
                    championship: championship, name: "FIA Formula One World Championship",
                    series: "Formula One", discipline: .circuit, organiser: "FIA"),
                key: "championship:f1", occurredAt: "1950", context: "championship")
        ]
        for id in drivers.sorted() {
            guard let d = source.drivers[id] else {
                throw F1DBError(
                    file: source.root.appendingPathComponent("drivers/\(id).yml").path, "driver '\(id)' is used in results or entries but has no file")
            }
            let birth = d.dateOfBirth.flatMap { try? PartialDate($0) }
            reference.append(
                try pending(
                    CompetitorRegistered(
                        competitor: id, name: d.name, givenName: d.firstName, familyName: d.lastName,
                        nationality: d.nationalityCountryId, birthDate: birth),
                    key: "driver:\(id)", occurredAt: d.dateOfBirth.flatMap { OccurredAt.isValid($0) ? $0 : nil } ?? "1950",
                    context: "drivers/\(id).yml"))
        }
        for (id, team) in teams.sorted(by: { $0.key < $1.key }) {
            reference.append(
                try pending(
                    TeamRegistered(team: id, name: team.name, nationality: nil), key: "team:\(id)",
                    occurredAt: "1950", context: "constructors"))
        }
        reference += try references(
            source, drivers: drivers, teams: teams, circuits: Set(source.seasons.flatMap { $0.races.map(\.race.circuitId) }),
            aliases: try F1DBAliases.load(aliases))
        return Plan(source: source, reference: reference, seasons: plans)
    }

    // MARK: - Append

    /// Appends the reference data (one transaction), then each season (one transaction each).
    /// Records the plan through the ``Recorder`` (as the file's owner: every check but the role),
    /// the reference data in one transaction, then each season in one. `context` is what the season
    /// checks read (default: the store's projections, caught up).
    public static func append(
        _ plan: Plan, to store: any EventStore, context: (any RecordingContext)? = nil,
        actor: String = "f1db-import"
    ) async throws -> Summary {
        var summary = Summary()
        let correlation = "f1db-import"
        let recorder = try await recorder(store, context)
        try await appendTransaction(plan.reference, recorder, actor: actor, correlation: correlation, &summary)
        for season in plan.seasons {
            try await appendTransaction(season.events, recorder, actor: actor, correlation: correlation, &summary)
            summary.seasons += 1
        }
        return summary
    }

    static func recorder(_ store: any EventStore, _ context: (any RecordingContext)?) async throws -> Recorder {
        if let context { return Recorder(store: store, context: context) }
        let projections = ProjectionService(store: store)
        try await projections.catchUp()
        return Recorder(store: store, context: projections)
    }

    /// Names champions for complete seasons whose standings F1DB withholds, from Paddock's own table,
    /// and appends them (one transaction). Call after `append`, with projections caught up.
    public static func deriveTitles(
        _ plan: Plan, projections: ProjectionService, store: any EventStore,
        actor: String = "f1db-import", into summary: inout Summary
    ) async throws {
        var events: [Pending] = []
        // A season without a teams' championship in its rules (before 1958) has an empty teams' table.
        let tables: [(kind: StandingsKind, name: String, title: String)] = [
            (.competitors, "drivers", "World Drivers' Champion"), (.teams, "constructors", "World Constructors' Champion")
        ]
        for season in plan.seasons where season.complete && !season.titlesFromF1DB {
            let key = SeasonKey(championship, season.year)
            for table in tables {
                let rows = try await projections.standings(key, className: nil, kind: table.kind, cut: .everything).table.rows
                for row in rows where row.position == 1 {
                    let reason = "derived by Paddock from its own final table (\(row.points.formatted) points): F1DB withholds this season's standings"
                    let award =
                        table.kind == .teams
                        ? TitleAwarded(championship: championship, season: season.year, team: row.competitor, title: table.title, reason: reason)
                        : TitleAwarded(championship: championship, season: season.year, competitor: row.competitor, title: table.title, reason: reason)
                    events.append(
                        try pending(
                            award, key: "\(season.year):title:\(table.name):\(row.competitor)", occurredAt: season.lastDate,
                            context: "\(season.year) titles"))
                    summary.titlesDerived.append("\(season.year) \(table.name): \(row.competitor)")
                }
            }
        }
        guard !events.isEmpty else { return }
        try await appendTransaction(events, Recorder(store: store, context: projections), actor: actor, correlation: "f1db-import", &summary)
    }

    static func appendTransaction(
        _ events: [Pending], _ recorder: Recorder, actor: String, correlation: String,
        _ summary: inout Summary
    ) async throws {
        var lines: [InputLine] = []
        for (i, p) in events.enumerated() {
            var e = p.event
            e.actor = actor
            e.correlationId = correlation
            // A line stating its own expected version starts a batch: generations never share one.
            let startsGeneration = i > 0 && events[i - 1].stream == p.stream && events[i - 1].generation != p.generation
            lines.append(InputLine(line: i + 1, stream: p.stream, expected: startsGeneration ? .any : nil, event: e, domainEvent: p.domainEvent))
        }
        guard !lines.isEmpty else { return }
        let results: [AppendResult]
        do {
            results = try await recorder.append(try await recorder.check(lines, by: .fileOwner(actor)))
        } catch let error as LineError {
            let p = events[lines.firstIndex { $0.line == error.line } ?? 0]
            throw F1DBError(file: p.stream, "\(p.event.type) \(p.event.eventId.uuidString.lowercased()): \(error.reason)")
        }
        for result in results {
            if result.alreadyRecorded { summary.alreadyRecorded += result.events.count } else { summary.appended += result.events.count }
        }
        try await recorder.context?.include(appended: results.flatMap(\.events))
    }

    // MARK: - Events

    static func pending<E: DomainEvent>(_ event: E, key: String, occurredAt: String, context: String, generation: Int = 1) throws -> Pending {
        try pending(SeasonEvent(event), key: key, occurredAt: occurredAt, context: context, generation: generation)
    }

    static func pending(_ event: SeasonEvent, key: String, occurredAt: String, context: String, generation: Int = 1) throws -> Pending {
        do {
            try event.validate()
        } catch {
            throw F1DBError(file: context, "\(event.eventType) \(key): payload.\(error)")
        }
        guard OccurredAt.isValid(occurredAt) else { throw F1DBError(file: context, "\(key): bad date '\(occurredAt)'") }
        let canonical = EventCatalogue.encode(event)
        let stream = (StreamName.of(event) ?? StreamName.season(championship, event.season ?? 0)).text
        return Pending(
            stream: stream,
            event: NewEvent(
                eventId: NameBasedUUID.make("f1db:\(key)"), type: canonical.type, schemaVersion: canonical.schemaVersion,
                occurredAt: occurredAt, payload: canonical.payload), domainEvent: event, generation: generation)
    }
}

/// Runs a function over the elements on every core, keeping their order.
enum ConcurrentMap {
    static func run<T: Sendable, R: Sendable>(_ items: [T], _ body: @Sendable (T) -> R) -> [R] {
        let box = ResultBox<R>(count: items.count)
        DispatchQueue.concurrentPerform(iterations: items.count) { i in box.set(i, body(items[i])) }
        return box.values()
    }

    final class ResultBox<R>: @unchecked Sendable {
        private var slots: [R?]
        private let lock = NSLock()
        init(count: Int) { slots = Array(repeating: nil, count: count) }
        func set(_ i: Int, _ value: R) { lock.lock(); slots[i] = value; lock.unlock() }
        func values() -> [R] { slots.map { $0! } }
    }
}
