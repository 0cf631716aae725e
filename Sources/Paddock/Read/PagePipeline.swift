import EventStore
import Foundation
import Projections

/// The log after a position as pages of decoded envelopes (or of anything a `transform` makes of a
/// page of stored events), three stages overlapping: while the caller folds page N, page N+1 is
/// being decoded (on every core, ``EnvelopeDecoder/decode(_:)-swift.type.method``) and page N+2
/// read. At most those three pages are in memory.
///
/// The stages are detached tasks that capture only the store and positions; the caller's state stays
/// with the caller, which changes it between awaits:
///
/// ```swift
/// var pages = PagePipeline(store: store, after: 0, pageSize: 10_000)
/// while let page = try await pages.next() { for envelope in page { index.apply(envelope) } }
/// ```
public struct PagePipeline<Page: Sendable> {
    public let pageSize: Int
    private let store: any EventStore
    private let transform: @Sendable ([RecordedEvent]) throws -> Page
    private var reading: Task<[RecordedEvent], any Error>?
    private var decoding: Task<Page, any Error>?
    /// The last page when it was short: decoded by the caller, without a hop to another task
    /// (a live catch-up of a few events should not wait for a free thread).
    private var lastPage: [RecordedEvent]?

    public init(
        store: any EventStore, after position: Int64, pageSize: Int = 10_000,
        transform: @escaping @Sendable ([RecordedEvent]) throws -> Page
    ) {
        self.store = store
        self.pageSize = max(1, pageSize)
        self.transform = transform
        firstPageAfter = position
    }

    /// The first page is read by the caller itself: most catch-ups are a page or less.
    private var firstPageAfter: Int64?

    /// The next page, or nil at the end of the log (as it was when the previous page was read).
    public mutating func next() async throws -> Page? {
        if decoding == nil, lastPage == nil { try await startDecodingNextPage() }
        if let raw = lastPage {
            lastPage = nil
            return try transform(raw)
        }
        guard let current = decoding else { return nil }
        let page = try await current.value
        decoding = nil
        try await startDecodingNextPage()
        return page
    }

    /// Takes the page being read, starts decoding it and starts reading the one after it.
    private mutating func startDecodingNextPage() async throws {
        let raw: [RecordedEvent]
        if let position = firstPageAfter {
            firstPageAfter = nil
            raw = try await store.read(after: position, limit: pageSize)
        } else if let reading {
            raw = try await reading.value
        } else {
            return
        }
        guard let last = raw.last else {
            self.reading = nil
            return
        }
        // A short page is the end of the log for now; a later catch-up reads what came since.
        guard raw.count == pageSize else {
            self.reading = nil
            lastPage = raw
            return
        }
        self.reading = Self.read(store, after: last.position, pageSize)
        decoding = Task.detached { [transform] in try transform(raw) }
    }

    private static func read(_ store: any EventStore, after position: Int64, _ pageSize: Int) -> Task<[RecordedEvent], any Error> {
        Task.detached { try await store.read(after: position, limit: pageSize) }
    }
}

extension PagePipeline where Page == [DomainEnvelope] {
    /// Pages of decoded envelopes.
    public init(store: any EventStore, after position: Int64, pageSize: Int = 10_000) {
        self.init(store: store, after: position, pageSize: pageSize, transform: EnvelopeDecoder.decode)
    }
}
