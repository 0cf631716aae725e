import EventStore
import Foundation
import PaddockTestSupport
import Projections
import Testing

@testable import Paddock

@Suite("Projections kept beside the log")
struct ProjectionServiceTests {
    let key = SeasonKey("euro-rx-super1600", 2018)

    @Test func catchesUpIncrementallyAndPersistsItsState() async throws {
        let temp = try TemporaryStore()
        try await NDJSONAppender(store: temp.store).append(contentsOf: Sample.season)
        let first = ProjectionService(store: temp.store)
        #expect(try await first.catchUp() == 8)
        try await first.persist()
        let saved = try await temp.store.loadSnapshot(named: "timeline")
        #expect(saved?.position == 8)
        #expect(saved?.codeVersion == ProjectionService.codeVersion)

        // A later final: a new service loads the persisted state and folds only the new event.
        try await NDJSONAppender(store: temp.store).append(
            contentsOf: Sample.line(
                type: "SessionClassified", occurredAt: "2018-04-29T16:00:00+02:00",
                payload:
                    #"{"championship":"euro-rx-super1600","season":2018,"round":2,"session":"final","kind":"final","results":[{"position":1,"competitor":"jesse-kallio"},{"position":2,"competitor":"rokas-baciuska"}]}"#
            ))
        let second = ProjectionService(store: temp.store)
        #expect(try await second.catchUp() == 1)
        let table = try await second.standings(key, className: nil, kind: .competitors, cut: .everything).table
        // Kallio 5 + 8, Baciuska 8 + 5: tied on 13 with one win each and one second each; x retired.
        #expect(table.rows.map(\.points) == [13, 13, 0])
        #expect(table.rows.map(\.position) == [1, 1, 3])
        let rebuilt = ProjectionService(store: temp.store)
        try await rebuilt.rebuild()
        #expect(await rebuilt.index == second.index)
    }

    static let roundTwoFinal = Sample.line(
        type: "SessionClassified", occurredAt: "2018-04-29T16:00:00+02:00",
        payload:
            #"{"championship":"euro-rx-super1600","season":2018,"round":2,"session":"final","kind":"final","results":[{"position":1,"competitor":"jesse-kallio"},{"position":2,"competitor":"rokas-baciuska"}]}"#
    )
    static let roundTwoRetirement = Sample.line(
        type: "RetirementRecorded", occurredAt: "2018-04-29T16:30:00+02:00",
        payload: #"{"championship":"euro-rx-super1600","season":2018,"round":2,"session":"final","competitor":"rokas-baciuska","reason":"puncture"}"#)

    @Test func aWritesOwnEventsAreFoldedAsTheAppendReturnedThem() async throws {
        let temp = try TemporaryStore()
        try await NDJSONAppender(store: temp.store).append(contentsOf: Sample.season)
        let live = ProjectionService(store: temp.store)
        try await live.catchUp()
        try await NDJSONAppender(store: temp.store).append(contentsOf: Self.roundTwoFinal + "\n" + Self.roundTwoRetirement)
        let appended = try await temp.store.read(after: 8, limit: 10)
        #expect(try await live.catchUp(appended: appended) == 10)
        // Given again (an idempotent retry answers the stored events): nothing changes.
        #expect(try await live.catchUp(appended: appended) == 10)
        let rebuilt = ProjectionService(store: temp.store)
        try await rebuilt.rebuild()
        #expect(await live.index == rebuilt.index)
        let liveTable = try await live.standings(key, className: nil, kind: .competitors, cut: .everything).table
        let rebuiltTable = try await rebuilt.standings(key, className: nil, kind: .competitors, cut: .everything).table
        #expect(liveTable == rebuiltTable)
        #expect(liveTable.rows.first { $0.competitor == "jesse-kallio" }?.roundScores.map(\.round) == [1, 2])
    }

    @Test func eventsAppendedBeforeAWritesOwnAreReadFromTheLog() async throws {
        let temp = try TemporaryStore()
        try await NDJSONAppender(store: temp.store).append(contentsOf: Sample.season)
        let live = ProjectionService(store: temp.store)
        try await live.catchUp()
        // Another writer's final (position 9) came between: the write's own event is position 10.
        try await NDJSONAppender(store: temp.store).append(contentsOf: Self.roundTwoFinal)
        try await NDJSONAppender(store: temp.store).append(contentsOf: Self.roundTwoRetirement)
        let own = try await temp.store.read(after: 9, limit: 10)
        #expect(own.map(\.position) == [10])
        #expect(try await live.catchUp(appended: own) == 10)
        let rebuilt = ProjectionService(store: temp.store)
        try await rebuilt.rebuild()
        #expect(await live.index == rebuilt.index)
        let liveTable = try await live.standings(key, className: nil, kind: .competitors, cut: .everything).table
        #expect(liveTable == (try await rebuilt.standings(key, className: nil, kind: .competitors, cut: .everything).table))
        #expect(liveTable.rows.first { $0.competitor == "jesse-kallio" }?.roundScores.map(\.round) == [1, 2])
    }

    @Test func stateOfAnotherCodeVersionIsRebuiltFromTheLog() async throws {
        let temp = try TemporaryStore()
        try await NDJSONAppender(store: temp.store).append(contentsOf: Sample.season)
        // A snapshot written by other projection code: wrong version, garbage state.
        try await temp.store.saveSnapshot(
            ProjectionSnapshot(
                name: "timeline", codeVersion: ProjectionService.codeVersion + 1,
                position: 8, state: Data("not a timeline".utf8)))
        let service = ProjectionService(store: temp.store)
        #expect(try await service.catchUp() == 8)
        #expect(try await service.standings(key, className: nil, kind: .competitors, cut: .everything).table.rows.count == 3)
    }

    @Test func explanationsCiteTheEventsAndAddUp() async throws {
        let temp = try TemporaryStore()
        try await NDJSONAppender(store: temp.store).append(contentsOf: Sample.season)
        let service = ProjectionService(store: temp.store)
        try await service.catchUp()
        let explanation = try await service.explanation(key, className: nil, competitor: "jesse-kallio", cut: .everything)
        let stored = try await temp.store.read(after: 0, limit: 10)
        let classified = stored.first { $0.type == "SessionClassified" }!
        #expect(explanation.lines.first?.eventId == classified.eventId)
        #expect(explanation.lines.first?.logPosition == classified.position)
        #expect(explanation.total == 5)
        await #expect(throws: PaddockError.self) {
            try await service.explanation(key, className: nil, competitor: "nobody", cut: .everything)
        }
    }
}

@Suite("The index read from stored payloads")
struct IndexRebuildTests {
    /// The demo log: every event scanned where it can be, and the rebuilt index equal to the fold of
    /// the decoded events.
    @Test func aRebuildOfTheDemoEqualsTheFoldOfItsDecodedEvents() async throws {
        let temp = try TemporaryStore()
        let demo = TestEnvironment.demoDirectory
        try await DemoLoader.load(from: demo, into: temp.store)
        let events = try await temp.store.read(after: 0, limit: 100_000)
        var reference = TimelineIndex()
        for envelope in try EnvelopeDecoder.decode(events) { reference.apply(envelope) }
        let service = ProjectionService(store: temp.store)
        #expect(try await service.rebuild(pageSize: 50) == events.count)
        #expect(await service.index == reference)
        #expect(reference.seasons.count > 5)
        // Registrations need their decoded event; every other demo event is read from its payload.
        let registrations: Set<String> = ["ChampionshipRegistered", "CompetitorRegistered", "TeamRegistered"]
        let unscanned = events.filter { IndexEntry(scanning: EnvelopeDecoder.undecoded($0)) == nil }.map(\.type)
        #expect(Set(unscanned).isSubset(of: registrations), "\(unscanned)")
    }
}
