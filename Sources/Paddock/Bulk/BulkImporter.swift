import Chronology
import EventStore
import Foundation
import JSONToolkit
import SeasonDomain

/// Restores a whole export (``EnvelopeLine`` per line) at the end of the log in memory that does
/// not grow with the file, with every check of ``NDJSONTransfer/importEvents(_:into:now:)``:
///
/// 1. every line is checked first, a chunk at a time: on every core, the envelope, the strict and
///    canonical payload, the stream its type belongs to, the actor, a `recordedAt` not in the future
///    and the line's hash over its content and the line before; then in order, the positions, stream
///    versions and times that continue the log, and ids that are neither repeated nor in the log.
///    Checked events go to an unlinked temporary file. One bad line and nothing is restored;
/// 2. the events are restored in pages of ``pageSize`` (one transaction each).
///
/// Lines at positions the log holds already with the same hash (a run stopped half way) are
/// skipped, so running the same import again completes it. Positions are the file's own: another
/// writer appending between two pages stops the import at the next page (it cannot continue a log
/// that moved on); restore a log with no other writer.
///
/// ```swift
/// let summary = try await BulkImporter(store: store).importEvents(try InputFile.open("log.ndjson"))
/// ```
public struct BulkImporter: Sendable {
    public let store: any EventStore
    public var pageSize = 5_000
    public var chunkBytes = 4 << 20
    public var workers = ProcessInfo.processInfo.activeProcessorCount
    public var progress: (@Sendable (BulkProgress) -> Void)?
    /// The clock `recordedAt` may not be ahead of (by more than ``NDJSONTransfer/recordedAtSkew``).
    public var now: @Sendable () -> Date = { Date() }

    public init(store: any EventStore, progress: (@Sendable (BulkProgress) -> Void)? = nil) {
        self.store = store
        self.progress = progress
    }

    public struct Summary: Sendable, Equatable {
        public var imported = 0
        /// Lines whose event the log held already at the same position (an import run again).
        public var alreadyImported = 0
    }

    public func importEvents(_ input: InputFile) async throws -> Summary {
        var summary = Summary()
        let spill = try await check(input, summary: &summary)
        summary.imported = try await restorePages(of: spill)
        return summary
    }

    // MARK: - First pass

    /// What the lines before have left: the next position, the last hash and time, stream versions.
    private struct Chain {
        var head: Int64
        var next: Int64
        var lastRecordedAt: String
        var versions: [String: Int] = [:]
    }

    private func check(_ input: InputFile, summary: inout Summary) async throws -> SpillFile {
        let spill = try SpillFile()
        let latest = Timestamp.format(now().addingTimeInterval(NDJSONTransfer.recordedAtSkew))
        let head = try await store.headPosition()
        let headEvent = head > 0 ? try await store.read(after: head - 1, limit: 1).first : nil
        var chain = Chain(head: head, next: head + 1, lastRecordedAt: headEvent?.recordedAt ?? "")
        var chunks = try input.chunks(chunkBytes: chunkBytes)
        var ids = IdFilter(expectedIds: input.byteCount / 128)
        var previousHash: String??  // the hash before the next line: unknown until the first line is read
        var bytesDone = 0, linesDone = 0
        while let chunk = try chunks.next() {
            let decoded = decode(chunk, latest: latest)
            if previousHash == nil, case .success(let first)? = decoded.first {
                previousHash = .some(try await storedHash(before: first.position, head: head, headHash: headEvent?.hash))
            }
            let hashes = verifyHashes(decoded, chunk: chunk, previous: previousHash ?? nil)
            let stored = try await storedHashes(decoded, head: head)
            let inLog = head > 0 ? try await idsInLog(decoded, head: head) : []
            for (index, result) in decoded.enumerated() {
                let number = chunk.lines[index].number
                let event = try result.get()
                func fail(_ reason: String) -> LineError { LineError(line: number, reason: reason) }
                if event.position <= head {
                    guard let hash = stored[event.position], hash == event.hash else {
                        throw fail(
                            "position \(event.position): the log holds another event there (it ends at \(head)); import into an empty log, or the rest of an import"
                        )
                    }
                    summary.alreadyImported += 1
                    chain.versions[event.stream] = event.streamVersion
                    chain.lastRecordedAt = max(chain.lastRecordedAt, event.recordedAt)
                    continue
                }
                if let reason = hashes[index] { throw fail(reason) }
                if let reason = try await checkContinues(event, &chain) { throw fail(reason) }
                if inLog.contains(event.eventId) {
                    throw fail("eventId: \(event.eventId.lowercased) is in the log already (at another position)")
                }
                ids.insert(event.eventId)
                try spill.append(event, line: number)
            }
            previousHash = .some((try? decoded.last?.get())?.hash ?? (previousHash ?? nil))
            bytesDone += chunk.bytes.count
            linesDone += chunk.lines.count
            progress?(BulkProgress(phase: .checking, done: bytesDone, total: input.byteCount, lines: linesDone))
        }
        if linesDone == 0 { throw LineError(line: 1, reason: "no events: the input is empty") }
        try spill.finishWriting()
        if !ids.candidates.isEmpty { try Self.refuseRepeatedIds(ids.candidates, in: spill) }
        return spill
    }

    /// Decodes and checks each line on every core: what `append` would check of the event.
    private func decode(_ chunk: LineChunks.Chunk, latest: String) -> [Result<RecordedEvent, LineError>] {
        chunk.bytes.withUnsafeBufferPointer { buffer in
            ParallelMap.map(count: chunk.lines.count, workers: workers, scratch: { [JSONMember]() }) { index, scratch in
                let (range, number) = chunk.lines[index]
                let bytes = UnsafeBufferPointer(rebasing: buffer[range])
                guard JSONText.isValidUTF8(bytes) else { return .failure(LineError(line: number, reason: "not UTF-8 text")) }
                do throws(LineError.Reason) {
                    let event = try EnvelopeLine.decode(bytes: bytes, scratch: &scratch)
                    try NDJSONTransfer.check(event, latest: latest)
                    return .success(event)
                } catch {
                    return .failure(LineError(line: number, reason: error.text))
                }
            }
        }
    }

    /// Each line's hash checked against its content and the hash of the line before it (every
    /// line on its own, so on every core); nil where it matches.
    private func verifyHashes(_ decoded: [Result<RecordedEvent, LineError>], chunk: LineChunks.Chunk, previous: String?) -> [String?] {
        ParallelMap.map(count: decoded.count, workers: workers, scratch: { () }) { index, _ in
            guard case .success(let event) = decoded[index] else { return nil }
            let before: String?
            if index == 0 {
                before = previous
            } else if case .success(let earlier) = decoded[index - 1] {
                before = earlier.hash
            } else {
                return nil  // the line before is refused first
            }
            guard let expected = event.chainHash(after: before), expected == event.hash else {
                return "position \(event.position): hash does not match its content and the chain before it"
            }
            return nil
        }
    }

    /// The hash of the event before `position` in the log (nil: the log's start).
    private func storedHash(before position: Int64, head: Int64, headHash: String?) async throws -> String? {
        guard position > 1 else { return nil }
        if position - 1 == head { return headHash }
        guard position - 1 < head else { return headHash }  // refused as a gap when the line is checked
        return try await store.read(after: position - 2, limit: 1).first?.hash
    }

    /// The log's hashes at the positions of lines it holds already (an import run again).
    private func storedHashes(_ decoded: [Result<RecordedEvent, LineError>], head: Int64) async throws -> [Int64: String] {
        let positions = decoded.compactMap { try? $0.get().position }.filter { $0 <= head && $0 >= 1 }
        guard let low = positions.min(), let high = positions.max() else { return [:] }
        var hashes: [Int64: String] = [:]
        var after = low - 1
        while after < high {
            let page = try await store.read(after: after, limit: Int(min(high - after, 10_000)))
            guard let last = page.last else { break }
            for event in page { hashes[event.position] = event.hash }
            after = last.position
        }
        return hashes
    }

    /// Positions in the log of the new lines' ids, when the log is not empty.
    private func idsInLog(_ decoded: [Result<RecordedEvent, LineError>], head: Int64) async throws -> Set<UUID> {
        let wanted = decoded.compactMap { try? $0.get() }.filter { $0.position > head }.map(\.eventId)
        return try await store.recordedEventIds(among: wanted)
    }

    /// Whether the event continues the chain as the lines before left it; updates it. Returns a reason when not.
    private func checkContinues(_ event: RecordedEvent, _ chain: inout Chain) async throws -> String? {
        guard event.position == chain.next else {
            return "position \(event.position): expected position \(chain.next) to continue the log"
        }
        let current: Int
        if let known = chain.versions[event.stream] { current = known } else { current = try await store.version(of: event.stream) }
        guard event.streamVersion == current + 1 else {
            return "position \(event.position): stream '\(event.stream)' is at version \(current), the event says \(event.streamVersion)"
        }
        guard event.recordedAt.utf8.count == 27, OccurredAt.isValid(event.recordedAt), event.recordedAt >= chain.lastRecordedAt else {
            return "position \(event.position): recordedAt '\(event.recordedAt)' is not a store time at or after '\(chain.lastRecordedAt)'"
        }
        guard OccurredAt.isValid(event.occurredAt) else { return OccurredAt.FormatError(text: event.occurredAt).description }
        chain.versions[event.stream] = event.streamVersion
        chain.lastRecordedAt = event.recordedAt
        chain.next += 1
        return nil
    }

    static func refuseRepeatedIds(_ candidates: Set<UUID>, in spill: SpillFile) throws {
        var firstLine: [UUID: Int] = [:]
        while let (event, line) = try spill.nextRecorded() {
            guard candidates.contains(event.eventId) else { continue }
            if let first = firstLine[event.eventId] {
                throw LineError(line: line, reason: "eventId: \(event.eventId.lowercased) is given twice in the input (first on line \(first))")
            }
            firstLine[event.eventId] = line
        }
        try spill.rewind()
    }

    // MARK: - Second pass

    private func restorePages(of spill: SpillFile) async throws -> Int {
        let total = spill.records
        var restored = 0
        var page = try Self.page(of: spill, size: pageSize)
        while !page.isEmpty {
            let size = pageSize
            let next = Task.detached { try Self.page(of: spill, size: size) }
            do {
                try await store.restore(page.map(\.event))
            } catch EventStoreError.importMismatch(let position, let reason) {
                _ = try? await next.value
                let line = page.first { $0.event.position == position }?.line ?? page[0].line
                var text = "position \(position): \(reason)"
                if restored > 0 { text += " (the \(restored) event(s) before it are restored; run the same import again to complete it)" }
                throw LineError(line: line, reason: text)
            }
            restored += page.count
            progress?(BulkProgress(phase: .appending, done: restored, total: total, lines: total))
            page = try await next.value
        }
        return restored
    }

    private static func page(of spill: SpillFile, size: Int) throws -> [(event: RecordedEvent, line: Int)] {
        var page: [(event: RecordedEvent, line: Int)] = []
        page.reserveCapacity(size)
        while page.count < size, let record = try spill.nextRecorded() { page.append(record) }
        return page
    }
}
