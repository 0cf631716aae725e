import EventStore
import Foundation
import JSONToolkit
import SeasonDomain

/// Appends a whole NDJSON file through the same checks as ``NDJSONAppender``, in memory that does
/// not grow with the file:
///
/// 1. the file is read once for its SHA-256 (a line without `eventId` gets one derived from it and
///    its line number, ``DerivedEventId``);
/// 2. every line is checked, a chunk at a time, parsed and validated on every core (role, envelope,
///    strict payload, canonical re-read, actor), then in order against its season, its stream's
///    expected version and the ids the log holds; checked events go to an unlinked temporary file.
///    One bad line, reported with its number, and nothing is appended;
/// 3. the checked events are appended in pages (``pageSize`` events, one transaction each), so that
///    other writers get in between. A run stopped half way and started again appends the rest: the
///    pages written already are idempotent retries.
///
/// An input of one page is appended in one transaction, exactly as ``NDJSONAppender`` does.
///
/// ```swift
/// let input = try InputFile.open("season.ndjson")
/// let summary = try await BulkAppender(store: store, context: projections).append(input, actor: "cli")
/// ```
public struct BulkAppender: Sendable {
    public let store: any EventStore
    /// What the season checks read (the log's registers and seasons).
    public let context: any RecordingContext
    /// Events per append transaction in the second pass.
    public var pageSize = 5_000
    /// Bytes read and checked together in the first pass.
    public var chunkBytes = 4 << 20
    public var workers = ProcessInfo.processInfo.activeProcessorCount
    public var progress: (@Sendable (BulkProgress) -> Void)?

    public init(store: any EventStore, context: any RecordingContext, progress: (@Sendable (BulkProgress) -> Void)? = nil) {
        self.store = store
        self.context = context
        self.progress = progress
    }

    /// Checks and appends `input` by `author` (default: the file's owner, as `actor`).
    public func append(_ input: InputFile, actor: String? = nil, author: Author? = nil) async throws -> NDJSONAppender.Summary {
        let who = author ?? .fileOwner(actor ?? NDJSONAppender.defaultActor)
        let spill = try await check(input, by: who)
        return try await appendPages(of: spill)
    }

    // MARK: - First pass: check every line

    private func check(_ input: InputFile, by author: Author) async throws -> SpillFile {
        let spill = try SpillFile()
        var chunks = try input.chunks(chunkBytes: chunkBytes)
        var checker = SeasonChecker(context: context)
        var ids = IdFilter(expectedIds: input.byteCount / 64)
        var streams = StreamCounts(store: store)
        var rerun: Bool?
        var bytesDone = 0, linesDone = 0
        let recorder = Recorder(store: store, context: context)
        while let chunk = try chunks.next() {
            let parsed = parse(chunk, digest: input.digest, author: author, recorder: recorder)
            if rerun == nil, let first = chunk.lines.first {
                // Ids derived from this file are in the log only if a run of it was stopped after
                // its first page: then every derived id is looked up, else only the ids lines name.
                let id = DerivedEventId.make(fileDigest: input.digest, line: first.number)
                rerun = try await !store.recordedEventIds(among: [id]).isEmpty
            }
            let known = try await storedEvents(parsed, lookingUpDerived: rerun ?? false)
            for result in parsed {
                let (line, derived) = try result.get()
                let id = line.event.eventId
                if id != derived { ids.insert(id) }
                let stored = known[id]
                if let stored {
                    if let existing = stored, let field = line.event.firstDifference(from: existing, stream: line.stream) {
                        throw LineError(
                            line: line.line,
                            reason: EventStoreError.idempotencyConflict(
                                eventId: id, position: existing.position, field: field
                            ).description)
                    }
                } else {
                    try await streams.check(line)
                    if SeasonChecker.concerns(line.domainEvent) {
                        try await checker.check(line.domainEvent, eventId: id, line: line.line)
                    }
                }
                try spill.append(
                    PendingLine(
                        line: line.line, stream: line.stream, expected: line.expected, event: line.event,
                        known: stored != nil))
            }
            bytesDone += chunk.bytes.count
            linesDone += chunk.lines.count
            progress?(BulkProgress(phase: .checking, done: bytesDone, total: input.byteCount, lines: linesDone))
        }
        guard spill.records > 0 else { throw LineError(line: 1, reason: "no events: the input is empty") }
        try spill.finishWriting()
        if !ids.candidates.isEmpty { try Self.refuseRepeatedIds(ids.candidates, in: spill) }
        return spill
    }

    /// Parses a chunk's lines on every core: role, envelope, payload, actor. Each result carries the
    /// id the line would get if it named none.
    private func parse(_ chunk: LineChunks.Chunk, digest: [UInt8], author: Author, recorder: Recorder)
        -> [Result<(InputLine, UUID), any Error>]
    {
        chunk.bytes.withUnsafeBufferPointer { buffer in
            ParallelMap.map(count: chunk.lines.count, workers: workers, scratch: { [JSONMember]() }) { index, scratch in
                let (range, number) = chunk.lines[index]
                let bytes = UnsafeBufferPointer(rebasing: buffer[range])
                let derived = DerivedEventId.make(fileDigest: digest, line: number)
                return Result {
                    guard JSONText.isValidUTF8(bytes) else { throw LineError(line: number, reason: "not UTF-8 text") }
                    // One scan: the role check reads the type from it, then the line is parsed from it.
                    try LineObject.scan(bytes, line: number, into: &scratch)
                    if author.role != .admin, let type = LineObject.string("type", in: scratch, of: bytes) {
                        try recorder.authorize(type: type, line: number, by: author)
                    }
                    let line = try InputLine.parse(
                        bytes: bytes, scanned: scratch, line: number, defaultActor: author.name,
                        eventIdIfAbsent: derived)
                    try recorder.authorize(type: line.event.type, line: number, by: author)
                    try Recorder.checkActor(line.event.actor, line: number)
                    return (line, derived)
                }
            }
        }
    }

    /// The lines' ids the log holds (with the stored event when the store can give it): the ids lines
    /// name, and the derived ones on a re-run. Only the lines before the first bad one are asked about.
    private func storedEvents(_ parsed: [Result<(InputLine, UUID), any Error>], lookingUpDerived: Bool) async throws
        -> [UUID: RecordedEvent?]
    {
        var wanted: [UUID] = []
        for result in parsed {
            guard case .success(let (line, derived)) = result else { break }
            if lookingUpDerived || line.event.eventId != derived { wanted.append(line.event.eventId) }
        }
        guard !wanted.isEmpty else { return [:] }
        let ids = try await store.recordedEventIds(among: wanted)
        guard !ids.isEmpty else { return [:] }
        if let lookup = store as? any StoredEventLookup {
            let events = try await lookup.recordedEvents(withIds: Array(ids))
            return Dictionary(uniqueKeysWithValues: ids.map { ($0, events[$0]) })
        }
        return Dictionary(uniqueKeysWithValues: ids.map { ($0, nil) })
    }

    /// Reads the checked lines again for the ids the filter flagged: a true repeat is refused with
    /// both line numbers.
    static func refuseRepeatedIds(_ candidates: Set<UUID>, in spill: SpillFile) throws {
        var firstLine: [UUID: Int] = [:]
        while let line = try spill.nextLine() {
            let id = line.event.eventId
            guard candidates.contains(id) else { continue }
            if let first = firstLine[id] {
                throw LineError(line: line.line, reason: "eventId: \(id.lowercased) is given twice in the input (first on line \(first))")
            }
            firstLine[id] = line.line
        }
        try spill.rewind()
    }

    // MARK: - Second pass: append page by page

    private func appendPages(of spill: SpillFile) async throws -> NDJSONAppender.Summary {
        let recorder = Recorder(store: store, context: context)
        let total = spill.records
        var summary = NDJSONAppender.Summary()
        var written = 0
        var page = try Self.page(of: spill, size: pageSize)
        while !page.isEmpty {
            let size = pageSize
            // The next page is read from disk while this one is written.
            let next = Task.detached { try Self.page(of: spill, size: size) }
            let results: [AppendResult]
            do {
                results = try await recorder.append(pending: page)
            } catch let failure as AppendFailure {
                _ = try? await next.value
                var reason = failure.error.description
                if written > 0 {
                    reason += " (the \(written) event(s) of the lines before it are recorded; the same file appended again appends the rest)"
                }
                throw LineError(line: failure.line, reason: reason)
            }
            summary.add(results)
            written += page.count
            progress?(BulkProgress(phase: .appending, done: written, total: total, lines: total))
            page = try await next.value
        }
        return summary
    }

    private static func page(of spill: SpillFile, size: Int) throws -> [PendingLine] {
        var page: [PendingLine] = []
        page.reserveCapacity(size)
        while page.count < size, let line = try spill.nextLine() { page.append(line) }
        return page
    }
}

/// Each stream's version as the lines before would leave it, to check a line's `expectedVersion`
/// before anything is appended. The log is asked about a stream when a line first states an
/// expectation for it.
struct StreamCounts {
    let store: any EventStore
    private var added: [String: Int] = [:]
    private var logVersions: [String: Int] = [:]

    init(store: any EventStore) { self.store = store }

    mutating func check(_ line: InputLine) async throws {
        defer { added[line.stream, default: 0] += 1 }
        guard let expected = line.expected, expected != .any else { return }
        let base: Int
        if let known = logVersions[line.stream] {
            base = known
        } else {
            base = try await store.version(of: line.stream)
            logVersions[line.stream] = base
        }
        let actual = base + (added[line.stream] ?? 0)
        guard expected.accepts(actual) else {
            throw LineError(line: line.line, reason: EventStoreError.versionConflict(stream: line.stream, expected: expected, actual: actual).description)
        }
    }
}
