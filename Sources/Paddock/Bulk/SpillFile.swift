import EventStore
import Foundation

/// Validated events kept on disk between a bulk input's two passes (checked, then appended), so
/// that memory does not grow with the input and the second pass does not parse JSON again. An
/// unlinked temporary file in a compact binary form: lengths and bytes, read back sequentially.
final class SpillFile: @unchecked Sendable {
    private let descriptor: Int32
    private var buffer: [UInt8] = []
    private var readOffset = 0
    private var readable = 0
    private(set) var records = 0

    init() throws {
        descriptor = try TemporaryFile.make(prefix: "paddock-spill")
        buffer.reserveCapacity(Self.bufferBytes)
    }

    deinit { close(descriptor) }

    private static let bufferBytes = 1 << 20

    // MARK: Writing

    func append(_ line: PendingLine) throws {
        writeInt(Int64(line.line))
        switch line.expected {
        case nil: buffer.append(0)
        case .any?: buffer.append(1)
        case .noStream?: buffer.append(2)
        case .exactly(let version)?:
            buffer.append(3)
            writeInt(Int64(version))
        }
        buffer.append(line.known ? 1 : 0)
        writeString(line.stream)
        writeEvent(line.event)
        records += 1
        if buffer.count >= Self.bufferBytes { try flush() }
    }

    func append(_ event: RecordedEvent, line: Int) throws {
        writeInt(Int64(line))
        writeInt(event.position)
        writeInt(Int64(event.streamVersion))
        writeString(event.stream)
        writeString(event.recordedAt)
        writeString(event.hash)
        writeEvent(
            NewEvent(
                eventId: event.eventId, type: event.type, schemaVersion: event.schemaVersion, occurredAt: event.occurredAt,
                actor: event.actor, correlationId: event.correlationId, causationId: event.causationId,
                payload: event.payload))
        records += 1
        if buffer.count >= Self.bufferBytes { try flush() }
    }

    /// Writes what is buffered and goes back to the start for reading.
    func finishWriting() throws {
        try flush()
        try rewind()
    }

    /// Back to the first record, for reading.
    func rewind() throws {
        guard lseek(descriptor, 0, SEEK_SET) == 0 else { throw InputError("cannot rewind a temporary file") }
        buffer.removeAll(keepingCapacity: true)
        readOffset = 0
        readable = 0
    }

    private func flush() throws {
        try buffer.withUnsafeBytes { try TemporaryFile.write(descriptor, $0) }
        buffer.removeAll(keepingCapacity: true)
    }

    private func writeInt(_ value: Int64) {
        withUnsafeBytes(of: value.littleEndian) { buffer.append(contentsOf: $0) }
    }

    private func writeString(_ text: String?) {
        guard var value = text else {
            writeInt(-1)
            return
        }
        value.withUTF8 { utf8 in
            writeInt(Int64(utf8.count))
            buffer.append(contentsOf: utf8)
        }
    }

    private func writeEvent(_ event: NewEvent) {
        withUnsafeBytes(of: event.eventId.uuid) { buffer.append(contentsOf: $0) }
        writeString(event.type)
        writeInt(Int64(event.schemaVersion))
        writeString(event.occurredAt)
        writeString(event.actor)
        writeString(event.correlationId)
        writeString(event.causationId)
        writeString(event.payload)
    }

    // MARK: Reading

    /// The next line written by ``append(_:)-(PendingLine)``, or nil after the last.
    func nextLine() throws -> PendingLine? {
        guard try fill(8) else { return nil }
        let line = Int(try readInt())
        let expected: ExpectedVersion?
        switch try readByte() {
        case 0: expected = nil
        case 1: expected = .any
        case 2: expected = .noStream
        default: expected = .exactly(Int(try readInt()))
        }
        let known = try readByte() == 1
        let stream = try readString() ?? ""
        return PendingLine(line: line, stream: stream, expected: expected, event: try readEvent(), known: known)
    }

    /// The next event written by ``append(_:line:)``, with its line, or nil after the last.
    func nextRecorded() throws -> (event: RecordedEvent, line: Int)? {
        guard try fill(8) else { return nil }
        let line = Int(try readInt())
        let position = try readInt()
        let streamVersion = Int(try readInt())
        let stream = try readString() ?? ""
        let recordedAt = try readString() ?? ""
        let hash = try readString() ?? ""
        let event = try readEvent()
        return (
            RecordedEvent(
                position: position, eventId: event.eventId, stream: stream, streamVersion: streamVersion,
                type: event.type, schemaVersion: event.schemaVersion, occurredAt: event.occurredAt,
                recordedAt: recordedAt, actor: event.actor, correlationId: event.correlationId,
                causationId: event.causationId, payload: event.payload, hash: hash), line
        )
    }

    private func readEvent() throws -> NewEvent {
        try require(16)
        let id = buffer.withUnsafeBytes { UUID(uuid: $0.loadUnaligned(fromByteOffset: readOffset, as: uuid_t.self)) }
        readOffset += 16
        let type = try readString() ?? ""
        let schemaVersion = Int(try readInt())
        let occurredAt = try readString() ?? ""
        let actor = try readString()
        let correlationId = try readString()
        let causationId = try readString()
        let payload = try readString() ?? ""
        return NewEvent(
            eventId: id, type: type, schemaVersion: schemaVersion, occurredAt: occurredAt, actor: actor,
            correlationId: correlationId, causationId: causationId, payload: payload)
    }

    private func readInt() throws -> Int64 {
        try require(8)
        let value = buffer.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: readOffset, as: Int64.self) }
        readOffset += 8
        return Int64(littleEndian: value)
    }

    private func readByte() throws -> UInt8 {
        try require(1)
        defer { readOffset += 1 }
        return buffer[readOffset]
    }

    private func readString() throws -> String? {
        let count = try readInt()
        guard count >= 0 else { return nil }
        try require(Int(count))
        let text = buffer.withUnsafeBufferPointer {
            String(decoding: UnsafeBufferPointer(rebasing: $0[readOffset..<(readOffset + Int(count))]), as: UTF8.self)
        }
        readOffset += Int(count)
        return text
    }

    private func require(_ count: Int) throws {
        guard try fill(count) else { throw InputError("a temporary file ended early") }
    }

    /// Makes `count` unread bytes available; false at the end of the file.
    private func fill(_ count: Int) throws -> Bool {
        if readable - readOffset >= count { return true }
        buffer.removeSubrange(0..<readOffset)
        readable -= readOffset
        readOffset = 0
        while readable < count {
            let room = max(Self.bufferBytes, count - readable)
            let got = try withUnsafeTemporaryAllocation(of: UInt8.self, capacity: room) { scratch -> Int in
                let got = read(descriptor, scratch.baseAddress!, room)
                if got > 0 { buffer.append(contentsOf: UnsafeBufferPointer(rebasing: scratch[0..<got])) }
                if got < 0 && errno != EINTR { throw InputError("cannot read a temporary file: \(String(cString: strerror(errno)))") }
                return got
            }
            if got == 0 { return false }
            if got > 0 { readable += got }
        }
        return true
    }
}

/// A validated append line on its way to the log: where it goes, what it expects of its stream,
/// and whether the log held its id already when it was checked.
struct PendingLine: Sendable {
    var line: Int
    var stream: String
    var expected: ExpectedVersion?
    var event: NewEvent
    var known: Bool = false
}
