import EventStore
import Foundation

/// The store's cases, through its public API only.
enum PaddockBench {
    /// Appends each precomputed batch with `append(_:to:expecting: .any)`. Returns the seconds taken.
    static func appendBatches(_ batches: [[NewEvent]], streams: [String], path: String) async throws -> Double {
        let store = try SQLiteEventStore(path: path)
        defer { try? store.close() }
        let clock = ContinuousClock()
        let start = clock.now
        for (events, stream) in zip(batches, streams) {
            _ = try await store.append(events, to: stream, expecting: .any)
        }
        return (clock.now - start).seconds
    }

    /// One event per append (and so per transaction).
    static func appendOneByOne(_ events: ArraySlice<(NewEvent, String)>, path: String) async throws -> Double {
        let store = try SQLiteEventStore(path: path)
        defer { try? store.close() }
        let clock = ContinuousClock()
        let start = clock.now
        for (event, stream) in events {
            _ = try await store.append([event], to: stream, expecting: .any)
        }
        return (clock.now - start).seconds
    }

    /// `forEach(after: 0)`: one RecordedEvent per row, nothing kept. Returns (seconds, rows).
    static func forEachAll(_ store: SQLiteEventStore) throws -> (Double, Int) {
        let clock = ContinuousClock()
        let start = clock.now
        var rows = 0
        var checksum = 0
        try store.forEach(after: 0) { event in
            rows += 1
            checksum &+= event.payload.utf8.count
        }
        precondition(checksum > 0)
        return ((clock.now - start).seconds, rows)
    }

    /// Pages of `read(after:limit:)`. Returns (seconds, rows).
    static func pagedAll(_ store: any EventStore, pageSize: Int) async throws -> (Double, Int) {
        let clock = ContinuousClock()
        let start = clock.now
        var rows = 0
        var last: Int64 = 0
        var checksum = 0
        while true {
            let page = try await store.read(after: last, limit: pageSize)
            for event in page { checksum &+= event.payload.utf8.count }
            rows += page.count
            guard let tail = page.last, page.count == pageSize else { break }
            last = tail.position
        }
        precondition(rows == 0 || checksum > 0)
        return ((clock.now - start).seconds, rows)
    }

    /// `read(stream:)` timed `runs` times (after a few warm-ups). Returns (milliseconds per run, events per run).
    static func readStream(_ store: any EventStore, stream: String, runs: Int) async throws -> ([Double], Int) {
        var count = 0
        for _ in 0..<3 { count = try await store.read(stream: stream).count }
        let clock = ContinuousClock()
        var times = [Double]()
        for _ in 0..<runs {
            let start = clock.now
            let events = try await store.read(stream: stream)
            times.append((clock.now - start).milliseconds)
            precondition(events.count == count)
        }
        return (times, count)
    }
}
