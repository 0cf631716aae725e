import Foundation
import Testing

@testable import EventStore
@testable import PostgresEventStore

@Suite("Subscriptions")
struct SubscriptionTests {
    /// Collects `count` events of a subscription (then stops it), failing after `seconds` instead of hanging.
    static func collect(
        _ store: any EventStore, after position: Int64, count: Int, seconds: Double = 60
    ) async throws -> [RecordedEvent] {
        try await withTimeout(seconds) {
            var events: [RecordedEvent] = []
            for try await event in store.subscribe(after: position) {
                events.append(event)
                if events.count == count { break }
            }
            return events
        }
    }

    @Test("subscribe(after: 0) sees stored and concurrently appended events, gapless and without duplicates", arguments: Backend.underTest)
    func liveSubscription(_ backend: Backend) async throws {
        let db = try TestLog(backend)
        defer { db.remove() }
        let store = try await db.open()
        _ = try await store.append(notes(20, "pre"), to: "pre", expecting: .noStream)
        for i in 0..<30 { _ = try await store.append([note("pre\(i)")], to: "pre:\(i % 3)", expecting: .any) }
        #expect(try await store.headPosition() == 50)

        let collected = try await withThrowingTaskGroup(of: [RecordedEvent].self) { group in
            group.addTask { try await Self.collect(store, after: 0, count: 350) }
            for writer in 0..<3 {
                group.addTask {
                    var written = 0
                    var round = 0
                    while written < 100 {
                        let size = min([1, 1, 2, 5, 1, 3][round % 6], 100 - written)
                        _ = try await store.append(notes(size, "w\(writer)-\(round)-"), to: "writer:\(writer)", expecting: .exactly(written))
                        written += size
                        round += 1
                        if round % 4 == 0 { try await Task.sleep(for: .milliseconds(1)) }
                    }
                    return []
                }
            }
            var collected: [RecordedEvent] = []
            for try await result in group where !result.isEmpty { collected = result }
            return collected
        }

        #expect(collected.map(\.position) == Array(1...350))
        #expect(try await store.headPosition() == 350)
        #expect(collected == (try await everything(store)))
        for writer in 0..<3 {
            #expect(collected.filter { $0.stream == "writer:\(writer)" }.map(\.streamVersion) == Array(1...100))
        }

        // From the middle.
        let tail = try await Self.collect(store, after: 200, count: 150)
        #expect(tail.first?.position == 201)
        #expect(tail.map(\.position) == Array(201...350))
    }

    @Test("a subscription at the head waits for new events, from this process or another connection", arguments: Backend.underTest)
    func waitsAtHead(_ backend: Backend) async throws {
        let db = try TestLog(backend)
        defer { db.remove() }
        let store = try await db.open(pollInterval: .milliseconds(50))
        _ = try await store.append(notes(3), to: "s", expecting: .any)

        async let received = Self.collect(store, after: 3, count: 4, seconds: 15)
        try await Task.sleep(for: .milliseconds(50))
        _ = try await store.append(notes(2), to: "s", expecting: .exactly(3))  // this process: notified at once
        // Another store on the same log: seen through polling (SQLite) or NOTIFY (PostgreSQL).
        let other = try await db.open()
        try await Task.sleep(for: .milliseconds(20))
        _ = try await other.append(notes(2), to: "t", expecting: .noStream)
        let events = try await received
        #expect(events.map(\.position) == [4, 5, 6, 7])
        #expect(events.map(\.stream) == ["s", "s", "t", "t"])

        // Nothing after the head: the subscription stays open until stopped (here: by the timeout).
        await #expect(throws: TimedOut.self) { _ = try await Self.collect(store, after: 7, count: 1, seconds: 0.3) }
    }
}

@Suite("Subscriptions on PostgreSQL")
struct PostgresSubscriptionTests {
    @Test(
        "a subscription survives its store's listening connection being cut, and catches up from the table",
        arguments: Backend.postgresOnly)
    func listenerReconnects(_ backend: Backend) async throws {
        let db = try TestLog(backend)
        defer { db.remove() }
        let store = try await db.open()
        let other = try await db.open()
        _ = try await store.append(notes(2), to: "s", expecting: .noStream)
        async let received = SubscriptionTests.collect(store, after: 0, count: 5, seconds: 60)
        let listening = "FROM pg_stat_activity WHERE query = 'LISTEN \"paddock_events.\(db.postgres!.schema)\";'"
        for _ in 0..<200 where try await db.strings("SELECT count(*)::text \(listening)") != ["1"] {
            try await Task.sleep(for: .milliseconds(50))
        }
        let cut = try await db.strings("SELECT pg_terminate_backend(pid)::text \(listening)")
        #expect(cut == ["true"], "exactly one listening connection for the store")
        _ = try await other.append(notes(3), to: "t", expecting: .noStream)  // announced while nobody listens
        let events = try await received
        #expect(events.map(\.position) == [1, 2, 3, 4, 5])
        #expect(events.map(\.stream) == ["s", "s", "t", "t", "t"])
    }
}

extension PostgresSubscriptionTests {
    @Test(
        "50 live subscriptions on one store share one read of the table per append, and each gets every event once",
        arguments: Backend.postgresOnly)
    func subscriptionsShareTheTail(_ backend: Backend) async throws {
        let db = try TestLog(backend)
        defer { db.remove() }
        let store = try #require(try await db.open() as? PostgresEventStore)
        _ = try await store.append(notes(5), to: "before", expecting: .noStream)
        let subscribers = 50, appends = 20
        try await withThrowingTaskGroup(of: [Int64].self) { group in
            for _ in 0..<subscribers {
                group.addTask { try await SubscriptionTests.collect(store, after: 5, count: appends).map(\.position) }
            }
            // Every subscription has caught up (read its one empty page) before the appends begin.
            for _ in 0..<400 where store.subscriptionTableReads.load(ordering: .relaxed) < subscribers {
                try await Task.sleep(for: .milliseconds(25))
            }
            #expect(store.subscriptionTableReads.load(ordering: .relaxed) == subscribers)
            for i in 0..<appends {
                _ = try await store.append([note("live \(i)")], to: "live", expecting: .exactly(i))
                try await Task.sleep(for: .milliseconds(5))
            }
            for try await positions in group { #expect(positions == Array(6...Int64(5 + appends))) }
        }
        // Woken by this store's own appends and by their NOTIFY: at most two shared reads per append,
        // instead of one read per subscription (1,000).
        let shared = await store.tail.reads
        #expect(shared >= 1, "\(shared) shared reads")
        #expect(shared <= 2 * appends, "\(shared) shared reads")
        #expect(store.subscriptionTableReads.load(ordering: .relaxed) == subscribers, "no subscription read the table itself")
    }
}
