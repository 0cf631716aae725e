import Foundation
import Testing

@testable import EventStore

@Suite("Restore")
struct RestoreTests {
    /// A source log with events recorded over several (injected) days.
    func exportedLog(_ backend: Backend, count: Int = 30) async throws -> (source: TestLog, export: [RecordedEvent], head: String) {
        let source = try TestLog(backend, "source")
        let clock = TestClock()
        let store = try await source.open(clock: clock)
        for _ in 0..<3 {
            try await seedThreeStreams(store, count: count / 3)
            clock.advance(86_400 + 0.123)
        }
        let export = try await everything(store)
        let report = try await store.verify()
        #expect(report.isIntact)
        try await store.shutdown()
        return (source, export, report.headHash)
    }

    @Test("export, restore into an empty store, read again: identical envelopes, and the chain verifies", arguments: Backend.underTest)
    func roundTrip(_ backend: Backend) async throws {
        let (source, export, head) = try await exportedLog(backend)
        defer { source.remove() }
        #expect(export.count == 30)
        #expect(Set(export.map(\.recordedAt)).count >= 3)

        let target = try TestLog(backend, "target")
        defer { target.remove() }
        let clock = TestClock(utcDate(2000, 1, 1))  // the target's clock is far behind the restored times
        let store = try await target.open(clock: clock)
        try await store.restore(export)

        let restored = try await everything(store)
        #expect(restored == export)  // every field, recordedAt and hash included
        let report = try await store.verify()
        #expect(report.isIntact)
        #expect(report.eventsChecked == 30)
        #expect(report.headHash == head)
        #expect(try await store.streams().map(\.stream) == ["competitor:ayrton-senna", "season:f1:1988", "season:f1:1989"])
        #expect(try await store.streams().map(\.version).reduce(0, +) == 30)

        // The log continues: next position, next stream version, recordedAt not before the restored ones.
        let version = export.filter { $0.stream == "season:f1:1988" }.count
        #expect(try await store.version(of: "season:f1:1988") == version)
        let next = try await store.append([note()], to: "season:f1:1988", expecting: .exactly(version)).events[0]
        #expect(next.position == 31)
        #expect(next.streamVersion == version + 1)
        #expect(next.recordedAt == export.last!.recordedAt)
        #expect(try await store.verify().isIntact)

        // Restoring in several calls continues the log each time.
        let chunked = try TestLog(backend, "chunked")
        defer { chunked.remove() }
        let chunkedStore = try await chunked.open()
        try await chunkedStore.restore(Array(export[0..<7]))
        try await chunkedStore.restore(Array(export[7..<8]))
        try await chunkedStore.restore([])
        try await chunkedStore.restore(Array(export[8...]))
        #expect(try await everything(chunkedStore) == export)
        #expect(try await chunkedStore.verify().headHash == head)
    }

    @Test("restoring a tampered hash, a wrong position or an edited row fails with .importMismatch and writes nothing", arguments: Backend.underTest)
    func mismatches(_ backend: Backend) async throws {
        let (source, export, _) = try await exportedLog(backend)
        defer { source.remove() }

        func refused(_ events: [RecordedEvent], into existing: [RecordedEvent] = []) async throws -> (Int64, String)? {
            let target = try TestLog(backend, "target")
            defer { target.remove() }
            let store = try await target.open()
            if !existing.isEmpty { try await store.restore(existing) }
            let error = await eventStoreError { try await store.restore(events) }
            #expect(try await everything(store) == existing, "nothing of a refused restore is written")
            #expect(try await store.verify().isIntact)
            guard case let .importMismatch(position, reason)? = error else {
                Issue.record("expected .importMismatch, got \(String(describing: error))")
                return nil
            }
            return (position, reason)
        }

        var badHash = export
        badHash[5].hash = String(badHash[5].hash.reversed())
        let hash = try await refused(badHash)
        #expect(hash?.0 == 6)
        #expect(hash?.1.contains("hash") == true)

        // Hex in capitals is other text than the log's: refused, rather than restored into a log that
        // then fails verification.
        let upper = try await refused(
            export.map {
                var event = $0; event.hash = event.hash.uppercased(); return event
            })
        #expect(upper?.0 == 1)

        var badPosition = export
        badPosition[3].position = 10
        let position = try await refused(badPosition)
        #expect(position?.0 == 10)
        #expect(position?.1.contains("expected position 4") == true)

        let gap = try await refused(Array(export[0..<4]) + Array(export[5...]))
        #expect(gap?.0 == 6)

        var edited = export
        edited[20].payload = #"{"text":"edited"}"#  // keeps its old hash
        #expect(try await refused(edited)?.0 == 21)

        var badVersion = export
        badVersion[29].streamVersion += 1
        #expect(try await refused(badVersion)?.0 == 30)

        var backwards = export
        backwards[29].recordedAt = "1999-01-01T00:00:00.000000Z"
        #expect(try await refused(backwards)?.0 == 30)

        // The same export again after itself does not continue the log.
        let twice = try await refused(export, into: export)
        #expect(twice?.0 == 1)
        #expect(twice?.1.contains("expected position 31") == true)

        // The tail of an export onto a log that lacks part of its head.
        let short = try await refused(Array(export[10...]), into: Array(export[0..<9]))
        #expect(short?.0 == 11)
        #expect(short?.1.contains("expected position 10") == true)

        // The tail of an export onto another log of the same shape (positions, versions and times fit):
        // the chain does not continue, so the hash refuses it.
        let other = try TestLog(backend, "other")
        defer { other.remove() }
        let otherStore = try await other.open(clock: TestClock())
        let otherHead = try await seedThreeStreams(otherStore, count: 10)
        #expect(otherHead.map(\.streamVersion) == export[0..<10].map(\.streamVersion))
        let error = await eventStoreError { try await otherStore.restore(Array(export[10...])) }
        guard case let .importMismatch(at, reason)? = error else {
            Issue.record("expected .importMismatch, got \(String(describing: error))")
            return
        }
        #expect(at == 11)
        #expect(reason.contains("hash"))
        #expect(try await everything(otherStore) == otherHead)
    }
}
