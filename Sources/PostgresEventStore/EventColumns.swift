import EventStore
import Foundation
import NIOCore
import PostgresNIO

/// Rows on their way into `events`, gathered column by column straight into the binary array
/// format PostgreSQL reads (`unnest($1::bigint[], $2::uuid[], ...)` in
/// ``PostgresSchema/insertAndAnnounce``): each text is copied once, into its column's buffer.
struct EventColumns {
    private(set) var count = 0
    private var position = ArrayColumn(.int8)
    private var eventId = ArrayColumn(.uuid)
    private var stream = ArrayColumn(.text)
    private var streamVersion = ArrayColumn(.int8)
    private var type = ArrayColumn(.text)
    private var schemaVersion = ArrayColumn(.int8)
    private var occurredAt = ArrayColumn(.text)
    private var occurredMillis = ArrayColumn(.int8)
    private var recordedAt = ArrayColumn(.text)
    private var actor = ArrayColumn(.text)
    private var correlationId = ArrayColumn(.text)
    private var causationId = ArrayColumn(.text)
    private var payload = ArrayColumn(.text)
    private var hash = ArrayColumn(.text)

    mutating func append(_ event: RecordedEvent, occurredMillis millis: Int64) {
        position.append(event.position)
        eventId.append(event.eventId)
        stream.append(event.stream)
        streamVersion.append(Int64(event.streamVersion))
        type.append(event.type)
        schemaVersion.append(Int64(event.schemaVersion))
        occurredAt.append(event.occurredAt)
        occurredMillis.append(millis)
        recordedAt.append(event.recordedAt)
        actor.append(event.actor)
        correlationId.append(event.correlationId)
        causationId.append(event.causationId)
        payload.append(event.payload)
        hash.append(event.hash)
        count += 1
    }

    /// The statement that inserts the rows, moves the head to `head` and announces it on `channel`.
    func insertStatement(head: RecordedEvent, channel: String) -> PostgresQuery {
        var binds = PostgresBindings(capacity: 18)
        for column in [
            position, eventId, stream, streamVersion, type, schemaVersion, occurredAt, occurredMillis,
            recordedAt, actor, correlationId, causationId, payload, hash
        ] {
            binds.append(column)
        }
        binds.append(head.position)
        binds.append(head.hash)
        binds.append(head.recordedAt)
        binds.append(channel)
        return PostgresQuery(unsafeSQL: PostgresSchema.insertAndAnnounce, binds: binds)
    }
}

/// One column of rows as the elements of a one-dimensional PostgreSQL array, in binary format.
struct ArrayColumn: PostgresDynamicTypeEncodable {
    private let elementType: PostgresDataType
    private var elements: ByteBuffer
    private var count: Int32 = 0
    private var hasNull = false

    init(_ elementType: PostgresDataType) {
        self.elementType = elementType
        elements = ByteBufferAllocator().buffer(capacity: 256)
    }

    var psqlType: PostgresDataType {
        switch elementType {
        case .int8: .int8Array
        case .uuid: .uuidArray
        default: .textArray
        }
    }

    var psqlFormat: PostgresFormat { .binary }

    mutating func append(_ value: Int64) {
        elements.writeInteger(Int32(8))
        elements.writeInteger(value)
        count += 1
    }

    mutating func append(_ value: UUID) {
        elements.writeInteger(Int32(16))
        withUnsafeBytes(of: value.uuid) { _ = elements.writeBytes($0) }
        count += 1
    }

    mutating func append(_ value: String?) {
        guard let value else {
            elements.writeInteger(Int32(-1))
            hasNull = true
            count += 1
            return
        }
        let lengthIndex = elements.writerIndex
        elements.writeInteger(Int32(0))
        let written = elements.writeString(value)
        elements.setInteger(Int32(written), at: lengthIndex)
        count += 1
    }

    func encode<JSONEncoder: PostgresJSONEncoder>(into buffer: inout ByteBuffer, context: PostgresEncodingContext<JSONEncoder>) {
        buffer.writeInteger(Int32(count == 0 ? 0 : 1))  // dimensions
        buffer.writeInteger(Int32(hasNull ? 1 : 0))
        buffer.writeInteger(elementType.rawValue)
        guard count > 0 else { return }
        buffer.writeInteger(count)  // length of the dimension
        buffer.writeInteger(Int32(1))  // its lower bound
        var elements = self.elements
        buffer.writeBuffer(&elements)
    }
}
