import Foundation
import Testing

@testable import EventStore

@Suite("Lookups by event id")
struct LookupTests {
    @Test(
        "recordedEventIds(among:) and recordedEvents(withIds:) name exactly the stored ids, over long lists too",
        arguments: Backend.underTest)
    func storedIds(_ backend: Backend) async throws {
        try await withLog(backend) { db in
            let store = try await db.open()
            let seeded = try await seedThreeStreams(store, count: 7)
            #expect(try await store.recordedEventIds(among: []).isEmpty)
            #expect(try await store.recordedEvents(withIds: []).isEmpty)

            // 12,000 ids, the stored ones first, in the middle and last: past any slicing either store does.
            var asked = (0..<12_000).map { _ in UUID.timeOrdered() }
            let stored = seeded.map(\.eventId)
            for (k, id) in stored.enumerated() { asked[[0, 499, 500, 6_001, 9_999, 10_000, 11_999][k]] = id }
            asked.append(stored[0])  // asked twice: found once
            #expect(try await store.recordedEventIds(among: asked) == Set(stored))
            #expect(try await store.recordedEventIds(among: [UUID.timeOrdered()]).isEmpty)

            let found = try await store.recordedEvents(withIds: asked)
            #expect(found.count == 7)
            for event in seeded { #expect(found[event.eventId] == event, "position \(event.position)") }
        }
    }
}
