import EventStore
import Foundation
import JSONToolkit
import SeasonDomain

/// An event refused because its author's role does not allow its type.
public struct PermissionError: Error, Equatable, CustomStringConvertible {
    /// The 1-based line (or element of a request body) concerned.
    public let line: Int
    public let type: String
    public let needed: Role
    public let author: Author

    public var description: String {
        "line \(line): \(type) needs the role '\(needed.rawValue)' or above; '\(author.name ?? "this author")' is '\(author.role.rawValue)'"
    }
}

/// The one way events enter the log. The command line (`append`, the demo, the F1DB import), the
/// service's `POST /streams/{stream}/events` and its desk routes all record through it:
///
/// 1. the role: the author may record each line's type (``Role/needed(forEventType:)``), checked
///    from the type alone, before the payload is looked at;
/// 2. parsing and strict validation of every line (``InputLine``): envelope, payload against the
///    catalogue, the stream the type belongs to, a canonical form that re-reads to the same value;
/// 3. the season (``SeasonChecker``): rounds, registrations, entries, corrected classifications,
///    against the log and the lines before;
/// 4. the append, all or nothing.
///
/// One bad line (reported with its number and field) and nothing is appended.
///
/// ```swift
/// let recorder = Recorder(store: store, context: projections)
/// let lines = try await recorder.admit(texts, by: Author(name: "desk", role: .recorder))
/// let results = try await recorder.append(lines)
/// ```
public struct Recorder: Sendable {
    public let store: any EventStore
    public let context: (any RecordingContext)?

    public init(store: any EventStore, context: (any RecordingContext)?) {
        self.store = store
        self.context = context
    }

    // MARK: - Admitting lines

    /// Checks texts, each one NDJSON append line, in order: role, parsing, validation, season.
    /// `stream`, when given, is where every line goes (a line must not name another).
    public func admit(_ texts: [String], by author: Author, firstLine: Int = 1) async throws -> [InputLine] {
        // Each text is scanned once: every line's type is authorized first, then the same scans parsed.
        var scans: [[JSONMember]?] = []
        scans.reserveCapacity(texts.count)
        for (offset, text) in texts.enumerated() {
            let (members, type) = Self.scan(text)
            if author.role != .admin, let type { try authorize(type: type, line: firstLine + offset, by: author) }
            scans.append(members)
        }
        var lines: [InputLine] = []
        lines.reserveCapacity(texts.count)
        for (offset, text) in texts.enumerated() {
            lines.append(try Self.parse(text, scanned: scans[offset], line: firstLine + offset, defaultActor: author.name))
        }
        return try await check(lines, by: author)
    }

    /// Parses one line after checking that `author` may record its type, scanning it once.
    public func parseAuthorized(_ text: String, line: Int, by author: Author) throws -> InputLine {
        let (members, type) = Self.scan(text)
        if author.role != .admin, let type { try authorize(type: type, line: line, by: author) }
        return try Self.parse(text, scanned: members, line: line, defaultActor: author.name)
    }

    /// A line's members and its `type`; nil members when it is not a JSON object (parsing says why).
    private static func scan(_ text: String) -> (members: [JSONMember]?, type: String?) {
        var text = text
        return text.withUTF8 { bytes in
            var members: [JSONMember] = []
            do { try LineObject.scan(bytes, into: &members) } catch { return (nil, nil) }
            return (members, LineObject.string("type", in: members, of: bytes))
        }
    }

    private static func parse(_ text: String, scanned: [JSONMember]?, line: Int, defaultActor: String?) throws(LineError) -> InputLine {
        guard let scanned else { return try InputLine.parse(text, line: line, defaultActor: defaultActor) }
        var text = text
        let parsed: Result<InputLine, LineError> = text.withUTF8 { bytes in
            do throws(LineError) {
                return .success(try InputLine.parse(bytes: bytes, scanned: scanned, line: line, defaultActor: defaultActor, eventIdIfAbsent: nil))
            } catch {
                return .failure(error)
            }
        }
        return try parsed.get()
    }

    /// Checks lines parsed already (or built from typed events by an importer): role, actor and season.
    public func check(_ lines: [InputLine], by author: Author) async throws -> [InputLine] {
        for line in lines {
            try authorize(type: line.event.type, line: line.line, by: author)
            try Self.checkActor(line.event.actor, line: line.line)
        }
        var checker = SeasonChecker(context: context)
        let known = try await alreadyRecorded(lines)
        for line in lines where !known.contains(line.event.eventId) {
            try await checker.check(line.domainEvent, eventId: line.event.eventId, line: line.line)
        }
        return lines
    }

    /// Every recorded event names who recorded it: a token's name, a tool, a person.
    static func checkActor(_ actor: String?, line: Int) throws(LineError) {
        guard let actor, !actor.isEmpty else {
            throw LineError(line: line, reason: "actor: missing: every recorded event names who recorded it (give 'actor' or --actor)")
        }
        var check = Validator()
        check.text(actor, "actor")
        if actor.utf8.count > 100 { throw LineError(line: line, reason: "actor: must be at most 100 bytes, found \(actor.utf8.count)") }
        if let failure = check.failure { throw LineError(line: line, reason: failure.description) }
    }

    /// Refuses a line whose `type` the author may not record, reading nothing but the type.
    public func authorize(_ text: String, line: Int, by author: Author) throws {
        guard author.role != .admin, let type = Self.scan(text).type else { return }
        try authorize(type: type, line: line, by: author)
    }

    func authorize(type: String, line: Int, by author: Author) throws {
        let needed = Role.needed(forEventType: type)
        guard author.role >= needed else { throw PermissionError(line: line, type: type, needed: needed, author: author) }
    }

    /// The lines whose event ids the log holds already: an idempotent retry is not checked again
    /// (its round is scheduled already, by itself).
    private func alreadyRecorded(_ lines: [InputLine]) async throws -> Set<UUID> {
        guard !lines.isEmpty else { return [] }
        var known = Set<UUID>()
        for start in stride(from: 0, to: lines.count, by: 1_000) {
            let ids = lines[start..<min(lines.count, start + 1_000)].map(\.event.eventId)
            known.formUnion(try await store.recordedEventIds(among: ids))
        }
        return known
    }

    // MARK: - Appending

    /// Appends admitted lines in one transaction: consecutive lines of one stream form one batch,
    /// unless a line states its own expected version; `expected` applies to the first batch.
    @discardableResult
    public func append(_ lines: [InputLine], expected: ExpectedVersion? = nil) async throws -> [AppendResult] {
        try await append(
            pending: lines.map { PendingLine(line: $0.line, stream: $0.stream, expected: $0.expected, event: $0.event) },
            expected: expected)
    }

    /// Appends lines checked already (a page of a bulk input), in one transaction.
    func append(pending lines: [PendingLine], expected: ExpectedVersion? = nil) async throws -> [AppendResult] {
        let (batches, firstLines) = Self.batches(lines, expected: expected)
        guard !batches.isEmpty else { return [] }
        do {
            return try await store.append(batches)
        } catch EventStoreError.inBatch(let index, let error) {
            throw AppendFailure(line: firstLines[index], error: error)
        }
    }

    /// Consecutive lines of one stream form one batch, unless a line states its own expected version
    /// or was found in the log when checked while the line before was not (or the other way round):
    /// the store answers a batch as a whole, recorded already or new.
    static func batches(_ lines: [PendingLine], expected: ExpectedVersion?) -> ([AppendBatch], [Int]) {
        var batches: [AppendBatch] = []
        var firstLines: [Int] = []
        var lastKnown = false
        for line in lines {
            if line.expected == nil, line.known == lastKnown, let last = batches.indices.last, batches[last].stream == line.stream {
                batches[last].events.append(line.event)
            } else {
                let stated = line.expected ?? (batches.isEmpty ? expected ?? .any : .any)
                batches.append(AppendBatch(stream: line.stream, expected: stated, events: [line.event]))
                firstLines.append(line.line)
            }
            lastKnown = line.known
        }
        return (batches, firstLines)
    }
}

/// The log refused a batch: the store's error and the first line of that batch.
public struct AppendFailure: Error, CustomStringConvertible {
    public let line: Int
    public let error: EventStoreError
    public var description: String { "line \(line): \(error.description)" }
}
