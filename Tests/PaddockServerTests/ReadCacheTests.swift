import Paddock
import Synchronization
import Testing

@testable import PaddockServer

@Suite struct ReadCacheTests {
    /// Counts renderings and answers "<uri>@<rendering number>".
    final class Renderer: Sendable {
        let renderings = Mutex(0)
        func render(_ uri: String) -> @Sendable () async throws -> ReadCache.Body {
            { [self] in
                let number = renderings.withLock { count in
                    count += 1
                    return count
                }
                return ReadCache.Body(text: "\(uri)@\(number)", contentType: "application/json")
            }
        }
        var count: Int { renderings.withLock { $0 } }
    }

    @Test func aBodyIsRenderedOncePerURIAndPosition() async throws {
        let cache = ReadCache()
        let renderer = Renderer()
        let first = try await cache.body(for: "/a", at: 10, render: renderer.render("/a"))
        let again = try await cache.body(for: "/a", at: 10, render: renderer.render("/a"))
        let other = try await cache.body(for: "/b", at: 10, render: renderer.render("/b"))
        #expect(first.text == "/a@1")
        #expect(again.text == "/a@1")
        #expect(other.text == "/b@2")
        #expect(renderer.count == 2)
        // The projections moved: the same URI is rendered again, and that body is kept.
        let moved = try await cache.body(for: "/a", at: 11, render: renderer.render("/a"))
        #expect(moved.text == "/a@3")
        #expect(try await cache.body(for: "/a", at: 11, render: renderer.render("/a")).text == "/a@3")
        // A request that read an older position is answered, without replacing the newer body.
        #expect(try await cache.body(for: "/a", at: 10, render: renderer.render("/a")).text == "/a@4")
        #expect(try await cache.body(for: "/a", at: 11, render: renderer.render("/a")).text == "/a@3")
        #expect(cache.usage.count == 2)
    }

    @Test func concurrentRequestsShareOneRendering() async throws {
        let cache = ReadCache()
        let renderings = Mutex(0)
        let release = AsyncStream<Void>.makeStream()
        let slow: @Sendable () async throws -> ReadCache.Body = {
            renderings.withLock { $0 += 1 }
            for await _ in release.stream { break }
            return ReadCache.Body(text: "table", contentType: "application/json")
        }
        let bodies = try await withThrowingTaskGroup(of: String.self) { group in
            for _ in 0..<20 { group.addTask { try await cache.body(for: "/standings", at: 5, render: slow).text } }
            // Let every request reach the cache before the one rendering finishes.
            while renderings.withLock({ $0 }) == 0 { await Task.yield() }
            try await Task.sleep(for: .milliseconds(50))
            release.continuation.yield()
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(bodies == Array(repeating: "table", count: 20))
        #expect(renderings.withLock { $0 } == 1)
    }

    struct Unknown: Error {}

    @Test func errorsAreNotKept() async throws {
        let cache = ReadCache()
        await #expect(throws: Unknown.self) {
            try await cache.body(for: "/x", at: 1) { throw Unknown() }
        }
        #expect(cache.usage.count == 0)
        #expect(try await cache.body(for: "/x", at: 1) { ReadCache.Body(text: "now known", contentType: "text/plain") }.text == "now known")
    }

    @Test func keptBytesStayUnderTheBound() async throws {
        let cache = ReadCache(maxBytes: 1000)
        let renderer = Renderer()
        for number in 0..<50 {
            let uri = "/season/\(number)"
            _ = try await cache.body(for: uri, at: 1) { ReadCache.Body(text: String(repeating: "x", count: 100), contentType: "text/plain") }
            #expect(cache.usage.bytes <= 1000)
        }
        #expect(cache.usage.count > 0)
        #expect(cache.usage.count < 10)
        // A body larger than the whole bound is answered, not kept.
        let huge = try await cache.body(for: "/huge", at: 1) { ReadCache.Body(text: String(repeating: "y", count: 2000), contentType: "text/plain") }
        #expect(huge.text.count == 2000)
        _ = try await cache.body(for: "/huge", at: 1, render: renderer.render("/huge"))
        #expect(renderer.count == 1)
    }
}

@Suite struct ProjectionProgressTests {
    @Test func waitersWakeWhenThePositionReachesTheirs() async throws {
        let progress = ProjectionProgress()
        async let five = progress.wait(for: 5)
        async let nine = progress.wait(for: 9)
        try await Task.sleep(for: .milliseconds(20))
        progress.advance(to: 6)
        #expect(await five)
        progress.advance(to: 3)  // never back
        #expect(progress.position == 6)
        progress.advance(to: 9)
        #expect(await nine)
        #expect(await progress.wait(for: 2))
    }

    @Test func aCancelledWaiterReturnsFalse() async throws {
        let progress = ProjectionProgress()
        let waiter = Task { await progress.wait(for: 100) }
        try await Task.sleep(for: .milliseconds(20))
        waiter.cancel()
        #expect(await waiter.value == false)
        // Cancelled before it even waited.
        let early = Task {
            withUnsafeCurrentTask { $0?.cancel() }
            return await progress.wait(for: 100)
        }
        #expect(await early.value == false)
    }
}
