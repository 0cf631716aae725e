import Foundation
import GRDB
import GRDBSQLite

/// Thin helpers over the SQLite C API for the log's two hot paths (insert and scan), where GRDB's
/// generic argument and row handling would cost more than SQLite itself.
struct RawStatement {
    let handle: OpaquePointer
    let connection: OpaquePointer

    init(_ statement: Statement, in db: Database) {
        handle = statement.sqliteStatement
        connection = db.sqliteConnection!
    }

    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    func reset() {
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
    }

    func bind(_ index: Int32, _ value: String?) {
        guard var value else {
            sqlite3_bind_null(handle, index)
            return
        }
        value.withUTF8 { utf8 in
            guard let base = utf8.baseAddress else {
                sqlite3_bind_text(handle, index, "", 0, Self.transient)
                return
            }
            let text = UnsafeRawPointer(base).assumingMemoryBound(to: CChar.self)
            sqlite3_bind_text(handle, index, text, Int32(utf8.count), Self.transient)
        }
    }

    func bind(_ index: Int32, _ value: Int64) { sqlite3_bind_int64(handle, index, value) }

    /// Steps once; returns true while a row is available.
    func step() throws -> Bool {
        let code = sqlite3_step(handle)
        switch code {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        default:
            let message = String(cString: sqlite3_errmsg(connection))
            sqlite3_reset(handle)
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: message)
        }
    }

    /// Binds `texts` in place (SQLITE_STATIC: no malloc, copy and free by SQLite for each column, as
    /// SQLITE_TRANSIENT costs), runs the statement to completion, then resets it and clears its
    /// bindings, so that it never keeps a pointer into `texts`. For statements that return no row.
    func execute(binding texts: TextColumns) throws {
        try texts.bytes.withUnsafeBufferPointer { buffer in
            defer { reset() }
            let base = UnsafeRawPointer(buffer.baseAddress ?? UnsafePointer(bitPattern: 1)!)
            for span in texts.spans {
                if span.count < 0 {
                    sqlite3_bind_null(handle, span.column)
                } else {
                    let text = (base + span.start).assumingMemoryBound(to: CChar.self)
                    sqlite3_bind_text(handle, span.column, text, Int32(span.count), nil)  // nil: SQLITE_STATIC
                }
            }
            while try step() {}
        }
    }

    func int64(_ column: Int32) -> Int64 { sqlite3_column_int64(handle, column) }

    func text(_ column: Int32) -> String? {
        guard let pointer = sqlite3_column_text(handle, column) else { return nil }
        let count = Int(sqlite3_column_bytes(handle, column))
        return String(decoding: UnsafeBufferPointer(start: pointer, count: count), as: UTF8.self)
    }

    func uuid(_ column: Int32) -> UUID? {
        guard let pointer = sqlite3_column_text(handle, column), sqlite3_column_bytes(handle, column) == 36 else {
            return nil
        }
        return FastUUID.parse(UnsafeBufferPointer(start: pointer, count: 36))
    }

    /// Reads the current row as an envelope, columns in ``Schema/selectColumns`` order.
    func recordedEvent() -> RecordedEvent {
        RecordedEvent(
            position: int64(0), eventId: uuid(1) ?? UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)),
            stream: text(2) ?? "", streamVersion: Int(int64(3)), type: text(4) ?? "",
            schemaVersion: Int(int64(5)), occurredAt: text(6) ?? "", recordedAt: text(7) ?? "",
            actor: text(8), correlationId: text(9), causationId: text(10), payload: text(11) ?? "",
            hash: text(12) ?? "")
    }
}

/// The text parameters of one statement execution, gathered in one reusable buffer (see
/// ``RawStatement/execute(binding:)``).
struct TextColumns {
    fileprivate var bytes: [UInt8] = []
    fileprivate var spans: [(column: Int32, start: Int, count: Int)] = []  // count -1: NULL

    init() {
        bytes.reserveCapacity(2048)
        spans.reserveCapacity(16)
    }

    mutating func removeAll() {
        bytes.removeAll(keepingCapacity: true)
        spans.removeAll(keepingCapacity: true)
    }

    mutating func append(_ column: Int32, _ value: String?) {
        guard var value else {
            spans.append((column, 0, -1))
            return
        }
        let start = bytes.count
        value.withUTF8 { bytes.append(contentsOf: $0) }
        spans.append((column, start, bytes.count - start))
    }
}

/// Parses the 36-character text form of a UUID without Foundation's general parser.
enum FastUUID {
    static func parse(_ b: UnsafeBufferPointer<UInt8>) -> UUID? {
        guard b.count == 36, b[8] == 45, b[13] == 45, b[18] == 45, b[23] == 45 else { return nil }
        var uuid: uuid_t = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)  // on the stack: no array per row
        let valid = withUnsafeMutableBytes(of: &uuid) { bytes -> Bool in
            var out = 0
            var i = 0
            while i < 36 {
                if i == 8 || i == 13 || i == 18 || i == 23 { i += 1; continue }
                guard let hi = nibble(b[i]), let lo = nibble(b[i + 1]) else { return false }
                bytes[out] = hi << 4 | lo
                out += 1
                i += 2
            }
            return true
        }
        return valid ? UUID(uuid: uuid) : nil
    }

    private static func nibble(_ c: UInt8) -> UInt8? {
        switch c {
        case 48...57: c - 48
        case 97...102: c - 87
        case 65...70: c - 55
        default: nil
        }
    }
}
