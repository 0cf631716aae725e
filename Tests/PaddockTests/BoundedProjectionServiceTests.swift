import EventStore
import Foundation
import PaddockTestSupport
import Projections
import SeasonDomain
import Testing

@testable import Paddock

/// Seasons of two championships appended to a real store, with a retraction, a team change recorded
/// in a competitor's stream and a registration; then compared with the full in-memory fold.
struct SeasonsLog {
    let temp: TemporaryStore
    var store: SQLiteEventStore { temp.store }

    init() throws { temp = try TemporaryStore() }

    @discardableResult
    func append(_ event: SeasonEvent, to stream: String, occurredAt: String = "2020-05-01") async throws -> UUID {
        let (type, version, payload) = EventCatalogue.encode(event)
        let new = NewEvent(type: type, schemaVersion: version, occurredAt: occurredAt, payload: payload)
        try await store.append([new], to: stream, expecting: .any)
        return new.eventId
    }

    /// One season: rules, three rounds of a race, a retraction of its first result when asked.
    func season(_ championship: String, _ year: Int, drivers: [String], retractFirst: Bool = false) async throws {
        let stream = StreamName.season(championship, year).text
        try await append(
            .rulesDeclared(
                RulesDeclared(
                    championship: championship, season: year,
                    rules: RuleSet(scoring: [SessionScoring(kinds: [.race], points: [10, 6, 4, 3])]))), to: stream)
        var first: UUID?
        for round in 1...3 {
            let order = round % 2 == 0 ? drivers.reversed() : drivers
            let id = try await append(
                .sessionClassified(
                    SessionClassified(
                        championship: championship, season: year, round: round, session: "race", kind: .race,
                        results: order.enumerated().map { ClassifiedResult(position: $0.offset + 1, competitor: $0.element, team: "t\($0.offset % 2)") })),
                to: stream, occurredAt: "\(year)-0\(round + 3)-10")
            first = first ?? id
        }
        if retractFirst, let first { try await append(.eventRetracted(EventRetracted(retracts: first, reason: "wrong session")), to: stream) }
    }

    func fullFold() async throws -> Timeline {
        var timeline = Timeline()
        for envelope in try EnvelopeDecoder.decode(try await store.read(after: 0, limit: 1_000_000)) { timeline.apply(envelope) }
        return timeline
    }
}

@Suite("The projection service with bounded memory")
struct BoundedProjectionServiceTests {
    func expectSame(_ service: ProjectionService, as timeline: Timeline) async throws {
        #expect(await Set(service.index.seasons.keys) == Set(timeline.seasons.keys))
        for key in timeline.seasons.keys.sorted() {
            #expect(try await service.ledger(key) == timeline.seasons[key])
            let viaService = try await service.standings(key, className: nil, kind: .competitors, cut: Cut(afterRound: 2)).table.rows
            let viaFold = StandingsCalculator(ledger: timeline.seasons[key]!, className: nil, cut: Cut(afterRound: 2)).competitors().table.rows
            #expect(viaService == viaFold)
        }
        for competitor in ["ann", "bob", "cid", "dan"] {
            #expect(try await service.career(competitor) == timeline.career(of: competitor))
        }
    }

    @Test func aServiceKeepingOneLedgerAnswersLikeTheFullFold() async throws {
        let log = try SeasonsLog()
        try await log.append(.competitorRegistered(CompetitorRegistered(competitor: "ann", name: "Ann")), to: "competitor:ann")
        try await log.season("rx", 2020, drivers: ["ann", "bob", "cid"])
        try await log.season("rx", 2021, drivers: ["bob", "cid", "dan"], retractFirst: true)
        try await log.season("gt", 2021, drivers: ["ann", "dan"])
        try await log.append(
            .teamChanged(TeamChanged(championship: "rx", season: 2020, competitor: "bob", toTeam: "t9", fromRound: 3)),
            to: "competitor:bob")
        let service = ProjectionService(store: log.store, snapshots: NoPersistedState(), cachedSeasons: 1)
        try await service.catchUp()
        try await expectSame(service, as: try await log.fullFold())

        // Live updates: one season is cached (the last one asked for), the others are derived again.
        try await log.append(
            .sessionClassified(
                SessionClassified(
                    championship: "rx", season: 2020, round: 4, session: "race", kind: .race,
                    results: [ClassifiedResult(position: 1, competitor: "dan")])), to: StreamName.season("rx", 2020).text)
        try await log.append(
            .pointsAdjusted(
                PointsAdjusted(
                    championship: "gt", season: 2021, competitor: "ann", points: 3, mode: .delta,
                    reason: "appeal")), to: StreamName.season("gt", 2021).text)
        #expect(try await service.catchUp() == 2)
        try await expectSame(service, as: try await log.fullFold())
    }

    /// Sixteen readers asking at once for a season whose ledger is not cached: one derivation (one
    /// read of each of its streams), not one per reader, and every reader gets the same ledger.
    @Test func readersOfAnUncachedSeasonShareOneDerivation() async throws {
        let log = try SeasonsLog()
        try await log.season("rx", 2020, drivers: ["ann", "bob", "cid"])
        let store = InstrumentedStore(inner: log.store)
        let service = ProjectionService(store: store, snapshots: NoPersistedState())
        try await service.catchUp()
        let before = store.reads.value
        let key = SeasonKey("rx", 2020)
        let ledgers = try await withThrowingTaskGroup(of: SeasonLedger.self) { group in
            for _ in 0..<16 { group.addTask { try await service.ledger(key) } }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(ledgers.count == 16)
        #expect(Set(ledgers.map(\.position)).count == 1)
        #expect(ledgers.allSatisfy { $0 == ledgers[0] })
        let streams = try #require(await service.index.seasons[key]).streams.count
        #expect(store.reads.value - before == streams)
    }

    @Test func thePersistedIndexCaughtUpEqualsARebuildAndStaysSmall() async throws {
        let log = try SeasonsLog()
        try await log.season("rx", 2020, drivers: ["ann", "bob", "cid"])
        let first = ProjectionService(store: log.store)
        #expect(try await first.catchUp() == 4)
        try await first.persist()
        let saved = try #require(try await log.store.loadSnapshot(named: ProjectionService.snapshotName))
        // The persisted state is the index, not the seasons' facts.
        let persisted = try JSONDecoder().decode(TimelineIndex.self, from: saved.state)
        #expect(persisted == (await first.index))
        #expect(persisted.seasons[SeasonKey("rx", 2020)]?.events == 4)

        try await log.season("rx", 2021, drivers: ["bob", "dan"], retractFirst: true)
        let second = ProjectionService(store: log.store)
        #expect(try await second.catchUp() == 5)  // only what came after the persisted position
        let rebuilt = ProjectionService(store: log.store)
        #expect(try await rebuilt.rebuild() == 9)  // a rebuild ignores the persisted state
        #expect(await second.index == rebuilt.index)
        try await expectSame(second, as: try await log.fullFold())
    }

    @Test func anIndexOfAnotherCodeVersionIsRebuilt() async throws {
        let log = try SeasonsLog()
        try await log.season("rx", 2020, drivers: ["ann", "bob"])
        var stale = TimelineIndex()
        for envelope in try EnvelopeDecoder.decode(try await log.store.read(after: 0, limit: 2)) { stale.apply(envelope) }
        // A well-formed index, at the head of the log, but written by other projection code.
        try await log.store.saveSnapshot(
            ProjectionSnapshot(
                name: ProjectionService.snapshotName, codeVersion: ProjectionService.codeVersion - 1,
                position: 4, state: try JSONEncoder().encode(stale)))
        let service = ProjectionService(store: log.store)
        #expect(try await service.catchUp() == 4)
        #expect(await service.index.seasons[SeasonKey("rx", 2020)]?.events == 4)
    }

    @Test func pagesComeInOrderWhateverTheirSize() async throws {
        let log = try SeasonsLog()
        try await log.season("rx", 2020, drivers: ["ann", "bob"])
        try await log.season("rx", 2021, drivers: ["ann", "bob"])
        for size in [1, 3, 8, 100] {
            var pages = PagePipeline(store: log.store, after: 2, pageSize: size)
            var positions: [Int64] = []
            while let page = try await pages.next() { positions += page.map(\.meta.position) }
            #expect(positions == Array(3...8))
        }
    }
}

/// A snapshot store that has nothing and keeps nothing.
struct NoPersistedState: ProjectionSnapshotStore {
    func saveSnapshot(_ snapshot: ProjectionSnapshot) async throws {}
    func loadSnapshot(named name: String) async throws -> ProjectionSnapshot? { nil }
}
