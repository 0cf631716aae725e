import Foundation
import GRDB
import Hummingbird
import HummingbirdTesting
import PaddockTestSupport
import Synchronization
import Testing

@testable import PaddockServer

/// Another process writing to the same database (a large `paddock append` or import beside
/// `serve`): recordings wait for its lock without holding the server's threads, reads answer
/// meanwhile, and a lock held past the busy timeout is `503` with `Retry-After`, never `500`.
@Suite(.timeLimit(.minutes(2)), .tags(.slow)) struct ContentionRouteTests {
    /// Holds the write lock on a connection of its own, on a thread of its own, for `seconds`; the
    /// task returns the instant it let go.
    /// Lets a lock holder go before its time is up.
    final class Release: Sendable {
        private let flag = Mutex(false)
        func now() { flag.withLock { $0 = true } }
        var isDue: Bool { flag.withLock { $0 } }
    }

    /// Holds the database's write lock from another connection for `seconds`, or until `release`.
    func holdWriteLock(_ path: String, seconds: Double, release: Release? = nil) async throws -> Task<ContinuousClock.Instant, any Error> {
        let (locked, signal) = AsyncStream<Void>.makeStream()
        let task = Task.detached {
            let other = try DatabaseQueue(path: path)
            return try await other.writeWithoutTransaction { db in
                var released = ContinuousClock.now
                try db.inTransaction(.immediate) {
                    signal.yield()
                    let deadline = ContinuousClock.now + .milliseconds(Int(seconds * 1000))
                    while ContinuousClock.now < deadline, release?.isDue != true { Thread.sleep(forTimeInterval: 0.02) }
                    released = ContinuousClock.now
                    return .rollback
                }
                return released
            }
        }
        var iterator = locked.makeAsyncIterator()
        await iterator.next()
        return task
    }

    @Test func recordingsWaitForAnotherWriterWhileReadsAnswer() async throws {
        let fixture = try await Fixture()
        try await fixture.app().test(.live) { client in
            let port = try #require(client.port)
            // Held until the reads are done (at most 8 s, within the writes' 10 s busy timeout): reads
            // that waited behind the writes would finish only after it let go.
            let release = Release()
            let holder = try await holdWriteLock(fixture.store.path, seconds: 8.0, release: release)
            // More waiting writes than this machine has cores, each on a connection of its own:
            // none may hold a thread the reads need.
            let writes = (0..<(ProcessInfo.processInfo.activeProcessorCount + 2)).map { index in
                Task {
                    await OneShotHTTP.request(
                        port: port, "POST", "/streams/\(Fixture.seasonStream)/events",
                        headers: [
                            "Authorization": "Bearer \(fixture.tokens[.recorder]!)",
                            "Content-Type": "application/json"
                        ],
                        body: retirementEvent(reason: "wait \(index)"))
                }
            }
            try await Task.sleep(for: .milliseconds(100))
            for position in 1...8 {
                let standings = await OneShotHTTP.request(port: port, "GET", Fixture.season + "/standings?atPosition=\(position * 10)")
                #expect(standings?.status == 200)
                let page = await OneShotHTTP.request(port: port, "GET", "/events?after=\(position)&limit=5")
                #expect(page?.status == 200)
            }
            let readsDone = ContinuousClock.now
            release.now()
            for write in writes {
                let answer = await write.value
                #expect(answer?.status == 201, "\(answer?.head.prefix(300) ?? "no answer")")
            }
            let writesDone = ContinuousClock.now
            let released = try await holder.value
            #expect(readsDone < released, "the reads waited for the writes, which waited for the lock")
            #expect(writesDone >= released, "the writes did not wait for the lock")
        }
    }

    @Test func aLockHeldPastTheBusyTimeoutIs503WithRetryAfterAndNothingRecorded() async throws {
        let fixture = try await Fixture(busyTimeout: .milliseconds(300))
        try await fixture.app().test(.live) { client in
            let holder = try await holdWriteLock(fixture.store.path, seconds: 5)  // beyond the busy timeout even on a loaded machine
            let refused = try await client.execute(
                uri: "/streams/\(Fixture.seasonStream)/events", method: .post,
                headers: fixture.auth(.recorder), body: .json(retirementEvent()))
            #expect(refused.status == .serviceUnavailable)
            #expect(refused.headers[.retryAfter] == "1")
            #expect(refused.contentType == "application/problem+json")
            #expect(refused.object["type"] as? String == "urn:paddock:problem:unavailable")
            _ = try await holder.value
            #expect(try await fixture.store.headPosition() == Fixture.demoHead)
            let retried = try await client.execute(
                uri: "/streams/\(Fixture.seasonStream)/events", method: .post,
                headers: fixture.auth(.recorder), body: .json(retirementEvent()))
            #expect(retried.status == .created)
        }
    }
}
