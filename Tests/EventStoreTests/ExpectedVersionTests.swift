import Foundation
import Testing

@testable import EventStore

@Suite("Expected versions")
struct ExpectedVersionTests {
    @Test(".noStream, .exactly(n) and .any; a conflict is typed, names the versions and writes nothing", arguments: Backend.underTest)
    func expectedVersions(_ backend: Backend) async throws {
        let db = try TestLog(backend)
        defer { db.remove() }
        let store = try await db.open()

        _ = try await store.append(notes(2), to: "s", expecting: .noStream)
        let before = try await everything(store)

        // .noStream on an existing stream.
        let rejected = notes(3, "rejected")
        var error = await eventStoreError { try await store.append(rejected, to: "s", expecting: .noStream) }
        #expect(error == .versionConflict(stream: "s", expected: .noStream, actual: 2))

        // .exactly with a stale or a future version.
        error = await eventStoreError { try await store.append(rejected, to: "s", expecting: .exactly(1)) }
        #expect(error == .versionConflict(stream: "s", expected: .exactly(1), actual: 2))
        error = await eventStoreError { try await store.append(rejected, to: "s", expecting: .exactly(3)) }
        #expect(error == .versionConflict(stream: "s", expected: .exactly(3), actual: 2))
        error = await eventStoreError { try await store.append(rejected, to: "s", expecting: .exactly(0)) }
        #expect(error == .versionConflict(stream: "s", expected: .exactly(0), actual: 2))
        error = await eventStoreError { try await store.append(rejected, to: "new", expecting: .exactly(1)) }
        #expect(error == .versionConflict(stream: "new", expected: .exactly(1), actual: 0))
        #expect(error?.description.contains("'new'") == true)

        // Nothing of the rejected batches was written.
        #expect(try await everything(store) == before)
        #expect(try await store.version(of: "s") == 2)
        #expect(try await store.version(of: "new") == 0)
        #expect(try await store.streams().map(\.stream) == ["s"])

        // The same events are accepted once the expectation is right: they were not recorded before.
        let accepted = try await store.append(rejected, to: "s", expecting: .exactly(2))
        #expect(!accepted.alreadyRecorded)
        #expect(accepted.events.map(\.streamVersion) == [3, 4, 5])
        #expect(accepted.events.map(\.position) == [3, 4, 5])
        #expect(accepted.events.map(\.eventId) == rejected.map(\.eventId))

        // .exactly(0) is .noStream; .any always goes.
        _ = try await store.append([note()], to: "t", expecting: .exactly(0))
        error = await eventStoreError { try await store.append([note()], to: "t", expecting: .exactly(0)) }
        #expect(error == .versionConflict(stream: "t", expected: .exactly(0), actual: 1))
        _ = try await store.append([note()], to: "t", expecting: .any)
        _ = try await store.append([note()], to: "u", expecting: .any)
        #expect(try await store.version(of: "t") == 2)
        #expect(try await store.version(of: "u") == 1)
        #expect(try await store.headPosition() == 8)
        #expect(try await store.verify().isIntact)
    }

    @Test("8 concurrent appenders x 25 attempts on one stream: every version held once, nothing lost", arguments: Backend.underTest)
    func concurrentAppenders(_ backend: Backend) async throws {
        let db = try TestLog(backend)
        defer { db.remove() }
        let store = try await db.open()

        struct Outcome: Sendable {
            var successes: [(id: UUID, version: Int, position: Int64)] = []
            var conflicts = 0
            var problems: [String] = []
        }
        let outcomes = try await withTimeout(120) {  // a guard against a hang: PostgreSQL commits wait for the disk
            try await withThrowingTaskGroup(of: Outcome.self) { group in
                for task in 0..<8 {
                    group.addTask {
                        var outcome = Outcome()
                        for attempt in 0..<25 {
                            let expected = try await store.version(of: "race")
                            let event = note("task \(task) attempt \(attempt)")
                            do {
                                let result = try await store.append([event], to: "race", expecting: .exactly(expected))
                                if result.streamVersion != expected + 1 || result.events.count != 1 || result.alreadyRecorded {
                                    outcome.problems.append("odd result \(result)")
                                }
                                outcome.successes.append((event.eventId, result.events[0].streamVersion, result.events[0].position))
                            } catch let EventStoreError.versionConflict(stream, expectedVersion, actual) {
                                outcome.conflicts += 1
                                if stream != "race" || expectedVersion != .exactly(expected) || actual <= expected {
                                    outcome.problems.append("odd conflict \(stream) \(expectedVersion) \(actual) (read \(expected))")
                                }
                            } catch {
                                outcome.problems.append("untyped failure: \(error)")
                            }
                            if attempt % 5 == 0 { await Task.yield() }
                        }
                        return outcome
                    }
                }
                return try await group.reduce(into: [Outcome]()) { $0.append($1) }
            }
        }
        let problems = outcomes.flatMap(\.problems)
        #expect(problems.isEmpty, "\(problems)")
        let successes = outcomes.flatMap(\.successes)
        let conflicts = outcomes.map(\.conflicts).reduce(0, +)
        #expect(successes.count + conflicts == 200)
        #expect(conflicts > 0, "the appenders never raced: the test did not exercise conflicts")
        // A conflict needs a success between its read and its write, and one success can spoil at most
        // one in-flight attempt of each of the 7 other tasks: so conflicts <= 7 x successes.
        #expect(successes.count >= 25)

        let finalVersion = try await store.version(of: "race")
        #expect(finalVersion == successes.count)
        try #require(finalVersion >= 1)
        let stream = try await store.read(stream: "race")
        #expect(stream.count == successes.count)
        #expect(stream.map(\.streamVersion) == Array(1...finalVersion))
        #expect(stream.map(\.position) == stream.map { Int64($0.streamVersion) })
        #expect(Set(successes.map(\.version)).count == successes.count)  // every version held by exactly one success
        let byId = Dictionary(uniqueKeysWithValues: stream.map { ($0.eventId, $0) })
        for success in successes {
            let stored = try #require(byId[success.id], "acknowledged event \(success.id) is not in the log")
            #expect(stored.streamVersion == success.version)
            #expect(stored.position == success.position)
        }
        #expect(try await store.verify().isIntact)
    }
}
