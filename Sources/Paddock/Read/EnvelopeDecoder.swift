import EventStore
import Foundation
import Projections
import SeasonDomain

/// Turns stored envelopes into typed domain envelopes, in parallel across the machine's cores:
/// JSON decoding is the cost of every replay, the folds themselves are cheap.
public enum EnvelopeDecoder {
    /// Decodes one envelope; the stored payload was validated on append, so decoding is lenient.
    public static func decode(_ event: RecordedEvent) throws -> DomainEnvelope {
        let domain = try EventCatalogue.decode(type: event.type, schemaVersion: event.schemaVersion, payload: Data(event.payload.utf8))
        return DomainEnvelope(meta: meta(event), event: domain)
    }

    public static func meta(_ event: RecordedEvent) -> EventMeta {
        EventMeta(
            position: event.position, eventId: event.eventId, stream: event.stream, occurredAt: event.occurredAt,
            recordedAt: event.recordedAt)
    }

    /// The stored event as the projections' index reads it without decoding (``IndexEntry/init(scanning:)``).
    public static func undecoded(_ event: RecordedEvent) -> UndecodedEvent {
        UndecodedEvent(stream: event.stream, type: event.type, schemaVersion: event.schemaVersion, payload: event.payload)
    }

    /// Reads the log after `position` page by page and decodes each page (a ``PagePipeline``: the
    /// next pages are read and decoded while `body` takes the current one). Returns the number of
    /// events visited.
    ///
    /// ```swift
    /// try await EnvelopeDecoder.forEachPage(of: store, after: 0) { page in for e in page { fold(e) } }
    /// ```
    @discardableResult
    public static func forEachPage(
        of store: any EventStore, after position: Int64, pageSize: Int = 20_000, _ body: ([DomainEnvelope]) throws -> Void
    ) async throws -> Int {
        var pages = PagePipeline(store: store, after: position, pageSize: pageSize)
        var count = 0
        while let page = try await pages.next() {
            try body(page)
            count += page.count
        }
        return count
    }

    /// Decodes a page, keeping order; uses every core for pages large enough to pay for it (a season
    /// derived again for a query has about a hundred events: worth two cores).
    public static func decode(_ events: [RecordedEvent]) throws -> [DomainEnvelope] {
        try parallelMap(events, decode)
    }

    /// Each stored event with what the index keeps of it: read from the stored payload where it
    /// can be (``IndexEntry/init(scanning:)``), else from the decoded event. On every core, like
    /// ``decode(_:)-swift.type.method``.
    public static func indexed(_ events: [RecordedEvent]) throws -> IndexedPage {
        IndexedPage(
            events: events,
            entries: try parallelMap(events) { event in
                try IndexEntry(scanning: undecoded(event)) ?? IndexEntry(decode(event))
            })
    }

    private static func parallelMap<T>(_ events: [RecordedEvent], _ transform: (RecordedEvent) throws -> T) throws -> [T] {
        let workers = min(ProcessInfo.processInfo.activeProcessorCount, max(1, events.count / 48))
        guard workers > 1 else { return try events.map(transform) }
        let chunk = (events.count + workers - 1) / workers
        let slots = UnsafeMutableBufferPointer<Result<T, any Error>?>.allocate(capacity: events.count)
        slots.initialize(repeating: nil)
        // Deinitialize before freeing: the slots hold the results, which would leak otherwise.
        defer {
            _ = slots.deinitialize()
            slots.deallocate()
        }
        nonisolated(unsafe) let output = slots
        try withoutActuallyEscaping(transform) { transform in
            nonisolated(unsafe) let transform = transform
            DispatchQueue.concurrentPerform(iterations: workers) { worker in
                let start = worker * chunk
                let end = min(events.count, start + chunk)
                guard start < end else { return }
                for index in start..<end { output[index] = Result { try transform(events[index]) } }
            }
        }
        return try slots.map { try $0!.get() }
    }
}

/// Stored events and, at the same offsets, what the ``TimelineIndex`` keeps of each.
public struct IndexedPage: Sendable {
    public var events: [RecordedEvent]
    public var entries: [IndexEntry]
}
