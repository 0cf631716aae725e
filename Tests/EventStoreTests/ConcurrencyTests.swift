import Foundation
import PaddockTestSupport
import Testing

@testable import EventStore

@Suite("Concurrent writers and readers", .tags(.slow))
struct ConcurrencyTests {
    struct Win: Sendable {
        var expected: Int
        var ids: [UUID]
        var positions: [Int64]
    }

    @Test(
        "10 writers x 100 batches on one stream: exactly one winner per expected version, conflicts typed, nothing lost",
        arguments: Backend.underTest)
    func oneWinnerPerExpectedVersion(_ backend: Backend) async throws {
        let db = try TestLog(backend)
        defer { db.remove() }
        let store = try await db.open()
        let outcomes = try await withTimeout(600) {
            try await withThrowingTaskGroup(of: (wins: [Win], conflicts: Int).self) { group in
                for writer in 0..<10 {
                    group.addTask {
                        var wins: [Win] = []
                        var conflicts = 0
                        for batch in 0..<100 {
                            var attempts = 0
                            while true {
                                attempts += 1
                                guard attempts < 2_000 else { throw RawSQLError(description: "writer \(writer) never won batch \(batch)") }
                                let expected = try await store.version(of: "race")
                                let events = notes(1 + (writer + batch) % 3, "w\(writer)b\(batch)a\(attempts)-")
                                do {
                                    let result = try await store.append(events, to: "race", expecting: .exactly(expected))
                                    #expect(!result.alreadyRecorded)
                                    #expect(result.streamVersion == expected + events.count)
                                    wins.append(Win(expected: expected, ids: events.map(\.eventId), positions: result.events.map(\.position)))
                                    break
                                } catch let EventStoreError.versionConflict(stream, expectedVersion, actual) {
                                    #expect(stream == "race")
                                    #expect(expectedVersion == .exactly(expected))
                                    #expect(actual > expected, "a conflict names a later version than the one read")
                                    conflicts += 1
                                }
                            }
                        }
                        return (wins, conflicts)
                    }
                }
                return try await group.reduce(into: [(wins: [Win], conflicts: Int)]()) { $0.append($1) }
            }
        }
        let wins = outcomes.flatMap(\.wins)
        #expect(wins.count == 1000)
        #expect(outcomes.map(\.conflicts).reduce(0, +) > 0, "the writers never raced: the test did not exercise conflicts")
        // Exactly one winner per expected version, and the winners tile the stream from version 0.
        let byExpected = Dictionary(grouping: wins, by: \.expected)
        #expect(byExpected.values.allSatisfy { $0.count == 1 })
        var next = 0
        for win in wins.sorted(by: { $0.expected < $1.expected }) {
            #expect(win.expected == next)
            next += win.ids.count
        }
        let stream = try await store.read(stream: "race")
        #expect(stream.count == next)
        #expect(stream.map(\.streamVersion) == Array(1...next))
        #expect(stream.map(\.position) == Array(1...Int64(next)))
        let byId = Dictionary(uniqueKeysWithValues: stream.map { ($0.eventId, $0) })
        for win in wins {
            for (offset, id) in win.ids.enumerated() {
                let stored = try #require(byId[id], "acknowledged event \(id) is not in the log")
                #expect(stored.streamVersion == win.expected + offset + 1)
                #expect(stored.position == win.positions[offset])
            }
        }
        #expect(try await store.verify().isIntact)
    }

    @Test(
        "readers and a subscriber never see a position before the ones below it are committed, while 4 writers append",
        arguments: Backend.underTest)
    func noGapInCommitOrder(_ backend: Backend) async throws {
        let db = try TestLog(backend)
        defer { db.remove() }
        let writerStore = try await db.open()
        let readerStore = try await db.open()  // another pool (or connection): what another service sees
        let total = 4 * (120 * 1 + 30 * (3 + 1))  // per writer: 120 single appends, 30 of 3 events plus 1 in 'shared'
        let subscription = Task { try await SubscriptionTests.collect(readerStore, after: 0, count: total, seconds: 120) }
        try await withTimeout(180) {
            try await withThrowingTaskGroup(of: [String].self) { group in
                for writer in 0..<4 {
                    group.addTask {
                        for i in 0..<150 {
                            let size = i % 5 == 0 ? 3 : 1
                            if i % 5 == 0 {
                                _ = try await writerStore.append([
                                    AppendBatch(stream: "writer:\(writer)", events: notes(size, "w\(writer)-\(i)-")),
                                    AppendBatch(stream: "shared", events: notes(1, "s\(writer)-\(i)-"))
                                ])
                            } else {
                                _ = try await writerStore.append(notes(size, "w\(writer)-\(i)-"), to: "writer:\(writer)", expecting: .any)
                            }
                        }
                        return []
                    }
                }
                for _ in 0..<2 {
                    group.addTask {
                        var problems: [String] = []
                        var last: Int64 = 0
                        let head = { try await writerStore.headPosition() }
                        while true {
                            let page = try await readerStore.read(after: last, limit: 37)
                            if let first = page.first, first.position != last + 1 {
                                problems.append("read after \(last) began at \(first.position)")
                            }
                            for (a, b) in zip(page, page.dropFirst()) where b.position != a.position + 1 {
                                problems.append("\(a.position) then \(b.position)")
                            }
                            last = page.last?.position ?? last
                            if page.isEmpty, last >= Int64(total), try await head() == last { break }
                            if page.isEmpty { try await Task.sleep(for: .milliseconds(1)) }
                        }
                        return problems
                    }
                }
                var problems: [String] = []
                for try await found in group { problems += found }
                #expect(problems.isEmpty, "\(problems.prefix(10))")
            }
        }
        let head = try await writerStore.headPosition()
        #expect(head == Int64(total))
        let seen = try await subscription.value
        #expect(seen.map(\.position) == Array(1...Int64(total)))
        #expect(try await writerStore.verify().isIntact)
    }
}
