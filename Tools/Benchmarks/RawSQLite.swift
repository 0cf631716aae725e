import Foundation
import GRDBSQLite

struct RawError: Error, CustomStringConvertible {
    let description: String
}

/// A connection through the SQLite3 C API only: the baseline the store is measured against.
final class RawConnection {
    let handle: OpaquePointer

    /// Opens with the same flags GRDB uses (read-write, create; the library's default threading mode).
    init(path: String) throws {
        var db: OpaquePointer?
        let code = sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nil)
        guard code == SQLITE_OK, let db else {
            throw RawError(description: "open \(path): \(code)")
        }
        handle = db
    }

    deinit { sqlite3_close_v2(handle) }

    func exec(_ sql: String) throws {
        var message: UnsafeMutablePointer<CChar>?
        if sqlite3_exec(handle, sql, nil, nil, &message) != SQLITE_OK {
            let text = message.map { String(cString: $0) } ?? "?"
            sqlite3_free(message)
            throw RawError(description: "\(text) in: \(sql.prefix(80))")
        }
    }

    func prepare(_ sql: String) throws -> OpaquePointer {
        var statement: OpaquePointer?
        guard sqlite3_prepare_v3(handle, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &statement, nil) == SQLITE_OK,
            let statement
        else { throw RawError(description: "prepare: \(String(cString: sqlite3_errmsg(handle))) in: \(sql)") }
        return statement
    }

    func step(_ statement: OpaquePointer) throws -> Bool {
        switch sqlite3_step(statement) {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        default: throw RawError(description: "step: \(String(cString: sqlite3_errmsg(handle)))")
        }
    }

    /// The store's connection setup (SQLiteEventStore.init) and schema (Schema.swift, migration v1).
    func createEventLog() throws {
        try exec("PRAGMA journal_mode = WAL")
        try exec(RawSchema.pragmas)
        try exec(RawSchema.v1)
        try exec(RawSchema.v4)
    }
}

enum RawSchema {
    /// As in `SQLiteEventStore.init`'s `prepareDatabase`.
    static let pragmas = """
        PRAGMA synchronous = NORMAL;
        PRAGMA cache_size = -65536;
        PRAGMA wal_autocheckpoint = 8192;
        PRAGMA journal_size_limit = 67108864;
        """

    /// Copied verbatim from Schema.swift, migration "v1-events".
    static let v1 = """
        CREATE TABLE events (
            position        INTEGER PRIMARY KEY,
            event_id        TEXT    NOT NULL UNIQUE,
            stream          TEXT    NOT NULL,
            stream_version  INTEGER NOT NULL,
            type            TEXT    NOT NULL,
            schema_version  INTEGER NOT NULL,
            occurred_at     TEXT    NOT NULL,
            occurred_utc_ms INTEGER NOT NULL,
            recorded_at     TEXT    NOT NULL,
            actor           TEXT,
            correlation_id  TEXT,
            causation_id    TEXT,
            payload         TEXT    NOT NULL CHECK (json_valid(payload)),
            hash            TEXT    NOT NULL,
            UNIQUE (stream, stream_version)
        );
        CREATE INDEX events_by_occurred ON events (occurred_utc_ms);
        CREATE TRIGGER events_refuse_update BEFORE UPDATE ON events
        BEGIN SELECT RAISE(ABORT, 'events are immutable: UPDATE is refused; append a correction instead'); END;
        CREATE TRIGGER events_refuse_delete BEFORE DELETE ON events
        BEGIN SELECT RAISE(ABORT, 'events are immutable: DELETE is refused; append a retraction instead'); END;
        -- The last acknowledged append, so that verify also notices rows cut from the end.
        CREATE TABLE chain_head (
            id       INTEGER PRIMARY KEY CHECK (id = 1),
            position INTEGER NOT NULL,
            hash     TEXT    NOT NULL
        );
        """

    /// Copied verbatim from Schema.swift, migration "v4-refuse-replace": every insert pays for it.
    static let v4 = """
        CREATE TRIGGER events_refuse_replace BEFORE INSERT ON events
        BEGIN
            SELECT RAISE(ABORT, 'events are immutable: a row at this position or stream version exists; INSERT OR REPLACE is refused')
            WHERE EXISTS (SELECT 1 FROM events WHERE position = NEW.position)
               OR EXISTS (SELECT 1 FROM events WHERE stream = NEW.stream AND stream_version = NEW.stream_version);
            SELECT RAISE(ABORT, 'event_id is already recorded')
            WHERE EXISTS (SELECT 1 FROM events WHERE event_id = NEW.event_id);
        END;
        """

    static let insertEvent = """
        INSERT INTO events (position, event_id, stream, stream_version, type, schema_version,
            occurred_at, occurred_utc_ms, recorded_at, actor, correlation_id, causation_id, payload, hash)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """

    static let updateHead = "INSERT OR REPLACE INTO chain_head (id, position, hash) VALUES (1, ?, ?)"

    static let selectColumns = """
        position, event_id, stream, stream_version, type, schema_version, occurred_at, recorded_at,
        actor, correlation_id, causation_id, payload, hash
        """
}

/// The rows the baseline inserts, fully precomputed: every text column lives in one byte arena and is
/// bound in place (SQLITE_STATIC), so the timed loop is bind + step and nothing else.
final class RawRows {
    struct Slice { var offset: Int32; var length: Int32 }
    struct Row {
        var position: Int64
        var streamVersion: Int64
        var occurredMillis: Int64
        var stream: Slice
        var type: Slice
        var occurredAt: Slice
        var recordedAt: Slice
        var payload: Slice
        var hash: Slice
    }

    let rows: [Row]
    /// Per batch: the rows' index range.
    let batches: [Range<Int>]
    private let arena: UnsafeMutableBufferPointer<UInt8>
    /// 36 bytes per row: the event id's lowercase text.
    private let ids: UnsafeMutableBufferPointer<UInt8>

    /// `batchSize`, when given, makes transactions of that many rows (the command line's pages)
    /// instead of the workload's batches.
    init(_ workload: Workload, randomIds: Bool, batchSize: Int? = nil) {
        var bytes = [UInt8]()
        bytes.reserveCapacity(workload.count * 400)
        var interned: [String: Slice] = [:]
        func put(_ text: String) -> Slice {
            let slice = Slice(offset: Int32(bytes.count), length: Int32(text.utf8.count))
            bytes.append(contentsOf: text.utf8)
            return slice
        }
        func intern(_ text: String) -> Slice {
            if let known = interned[text] { return known }
            let slice = put(text)
            interned[text] = slice
            return slice
        }
        var rng = SplitMix64(seed: 64)
        let hexDigits = Array("0123456789abcdef".utf8)
        var rows = [Row]()
        rows.reserveCapacity(workload.count)
        var batches = [Range<Int>]()
        // A store-clock time per batch, as the store stamps one `recorded_at` per append.
        var micros = Int64(Date().timeIntervalSince1970 * 1_000_000)
        for batch in workload.batches {
            batches.append(batch.range)
            micros += 1000
            let recordedAt = put(Self.storeTime(micros))
            let stream = intern(batch.stream)
            for i in batch.range {
                let hash = Slice(offset: Int32(bytes.count), length: 64)
                for _ in 0..<8 {
                    var word = rng.next()
                    for _ in 0..<8 {
                        bytes.append(hexDigits[Int(word & 0xF)])
                        word >>= 4
                    }
                }
                rows.append(
                    Row(
                        position: Int64(i + 1), streamVersion: Int64(workload.streamVersions[i]),
                        occurredMillis: workload.occurredMillis[i], stream: stream,
                        type: intern(Workload.types[Int(workload.types[i])]), occurredAt: put(workload.occurredAt[i]),
                        recordedAt: recordedAt, payload: put(workload.payloads[i]), hash: hash))
            }
        }
        precondition(bytes.count < Int(Int32.max), "workload too large for 32-bit offsets")
        arena = .allocate(capacity: bytes.count)
        _ = arena.initialize(from: bytes)
        ids = .allocate(capacity: workload.count * 36)
        for i in 0..<workload.count {
            let text = uuidText(randomIds ? UUID() : workload.ids[i])
            for j in 0..<36 { ids[i * 36 + j] = text[j] }
        }
        self.rows = rows
        if let batchSize {
            self.batches = stride(from: 0, to: rows.count, by: batchSize).map { $0..<min(rows.count, $0 + batchSize) }
        } else {
            self.batches = batches
        }
    }

    deinit {
        arena.deallocate()
        ids.deallocate()
    }

    static func storeTime(_ micros: Int64) -> String {
        // Same format as the store clock: 2026-11-24T20:15:10.123456Z.
        let seconds = micros / 1_000_000
        let date = Date(timeIntervalSince1970: TimeInterval(seconds))
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        return String(
            format: "%04d-%02d-%02dT%02d:%02d:%02d.%06dZ", c.year!, c.month!, c.day!, c.hour!, c.minute!,
            c.second!, Int(micros % 1_000_000))
    }

    /// Binds row `i` to the insert statement (SQLITE_STATIC: the arena outlives the step).
    @inline(__always)
    func bind(_ i: Int, to statement: OpaquePointer) {
        let row = rows[i]
        let base = UnsafeRawPointer(arena.baseAddress!).assumingMemoryBound(to: CChar.self)
        let idBase = UnsafeRawPointer(ids.baseAddress!).assumingMemoryBound(to: CChar.self)
        sqlite3_bind_int64(statement, 1, row.position)
        sqlite3_bind_text(statement, 2, idBase + i * 36, 36, nil)
        sqlite3_bind_text(statement, 3, base + Int(row.stream.offset), row.stream.length, nil)
        sqlite3_bind_int64(statement, 4, row.streamVersion)
        sqlite3_bind_text(statement, 5, base + Int(row.type.offset), row.type.length, nil)
        sqlite3_bind_int64(statement, 6, 1)
        sqlite3_bind_text(statement, 7, base + Int(row.occurredAt.offset), row.occurredAt.length, nil)
        sqlite3_bind_int64(statement, 8, row.occurredMillis)
        sqlite3_bind_text(statement, 9, base + Int(row.recordedAt.offset), row.recordedAt.length, nil)
        sqlite3_bind_null(statement, 10)
        sqlite3_bind_null(statement, 11)
        sqlite3_bind_null(statement, 12)
        sqlite3_bind_text(statement, 13, base + Int(row.payload.offset), row.payload.length, nil)
        sqlite3_bind_text(statement, 14, base + Int(row.hash.offset), row.hash.length, nil)
    }

    func bindHead(_ i: Int, to statement: OpaquePointer) {
        let row = rows[i]
        let base = UnsafeRawPointer(arena.baseAddress!).assumingMemoryBound(to: CChar.self)
        sqlite3_bind_int64(statement, 1, row.position)
        sqlite3_bind_text(statement, 2, base + Int(row.hash.offset), row.hash.length, nil)
    }
}

/// The raw-C-API cases.
enum RawBench {
    /// Inserts every row, one transaction per batch (BEGIN IMMEDIATE, as GRDB's pool writes do), updating
    /// chain_head once per batch. Returns the seconds taken.
    static func insertBatches(_ rows: RawRows, path: String) throws -> Double {
        let db = try RawConnection(path: path)
        try db.createEventLog()
        let insert = try db.prepare(RawSchema.insertEvent)
        let head = try db.prepare(RawSchema.updateHead)
        let begin = try db.prepare("BEGIN IMMEDIATE")
        let commit = try db.prepare("COMMIT")
        defer { for s in [insert, head, begin, commit] { sqlite3_finalize(s) } }
        let clock = ContinuousClock()
        let start = clock.now
        for batch in rows.batches {
            try run(begin, db)
            for i in batch {
                rows.bind(i, to: insert)
                try run(insert, db)
            }
            rows.bindHead(batch.upperBound - 1, to: head)
            try run(head, db)
            try run(commit, db)
        }
        return (clock.now - start).seconds
    }

    /// One event per transaction, for the first `count` rows.
    static func insertOneByOne(_ rows: RawRows, count: Int, path: String) throws -> Double {
        let db = try RawConnection(path: path)
        try db.createEventLog()
        let insert = try db.prepare(RawSchema.insertEvent)
        let head = try db.prepare(RawSchema.updateHead)
        let begin = try db.prepare("BEGIN IMMEDIATE")
        let commit = try db.prepare("COMMIT")
        defer { for s in [insert, head, begin, commit] { sqlite3_finalize(s) } }
        let clock = ContinuousClock()
        let start = clock.now
        for i in 0..<count {
            try run(begin, db)
            rows.bind(i, to: insert)
            try run(insert, db)
            rows.bindHead(i, to: head)
            try run(head, db)
            try run(commit, db)
        }
        return (clock.now - start).seconds
    }

    @inline(__always)
    static func run(_ statement: OpaquePointer, _ db: RawConnection) throws {
        let code = sqlite3_step(statement)
        sqlite3_reset(statement)
        guard code == SQLITE_DONE else {
            throw RawError(description: "step: \(code) \(String(cString: sqlite3_errmsg(db.handle)))")
        }
    }

    /// Scans all columns of every row in position order: step + column pointers, nothing built.
    /// Returns (rows, a checksum so the work cannot be optimized away).
    static func scanPointers(path: String) throws -> (Int, Int) {
        let db = try RawConnection(path: path)
        try db.exec(RawSchema.pragmas)
        let statement = try db.prepare(
            "SELECT \(RawSchema.selectColumns) FROM events WHERE position > ? AND position <= ? ORDER BY position")
        defer { sqlite3_finalize(statement) }
        sqlite3_bind_int64(statement, 1, 0)
        sqlite3_bind_int64(statement, 2, Int64.max)
        try db.exec("BEGIN")
        defer { try? db.exec("COMMIT") }
        var rows = 0
        var checksum = 0
        while try db.step(statement) {
            rows += 1
            checksum &+= Int(sqlite3_column_int64(statement, 0))
            for column: Int32 in [1, 2, 4, 6, 7, 8, 9, 10, 11, 12] {
                if let text = sqlite3_column_text(statement, column) {
                    checksum &+= Int(text.pointee) &+ Int(sqlite3_column_bytes(statement, column))
                }
            }
            checksum &+= Int(sqlite3_column_int64(statement, 3)) &+ Int(sqlite3_column_int64(statement, 5))
        }
        return (rows, checksum)
    }

    /// The same scan, also building a Swift String for each text column (no struct, no UUID parse).
    static func scanStrings(path: String) throws -> (Int, Int) {
        let db = try RawConnection(path: path)
        try db.exec(RawSchema.pragmas)
        let statement = try db.prepare(
            "SELECT \(RawSchema.selectColumns) FROM events WHERE position > ? AND position <= ? ORDER BY position")
        defer { sqlite3_finalize(statement) }
        sqlite3_bind_int64(statement, 1, 0)
        sqlite3_bind_int64(statement, 2, Int64.max)
        try db.exec("BEGIN")
        defer { try? db.exec("COMMIT") }
        var rows = 0
        var checksum = 0
        while try db.step(statement) {
            rows += 1
            checksum &+= Int(sqlite3_column_int64(statement, 0))
            for column: Int32 in [1, 2, 4, 6, 7, 8, 9, 10, 11, 12] {
                if let text = sqlite3_column_text(statement, column) {
                    let count = Int(sqlite3_column_bytes(statement, column))
                    let string = String(decoding: UnsafeBufferPointer(start: text, count: count), as: UTF8.self)
                    checksum &+= string.utf8.count
                }
            }
        }
        return (rows, checksum)
    }

    /// One stream's events by the (stream, stream_version) index, as `read(stream:)` queries them;
    /// step + column pointers. Returns milliseconds per run.
    static func readStream(path: String, stream: String, runs: Int) throws -> [Double] {
        let db = try RawConnection(path: path)
        try db.exec(RawSchema.pragmas)
        let statement = try db.prepare(
            "SELECT \(RawSchema.selectColumns) FROM events WHERE stream = ? AND stream_version >= ? ORDER BY stream_version")
        defer { sqlite3_finalize(statement) }
        var times = [Double]()
        let clock = ContinuousClock()
        var checksum = 0
        for _ in 0..<runs {
            let start = clock.now
            try db.exec("BEGIN")
            _ = stream.withCString { sqlite3_bind_text(statement, 1, $0, -1, unsafeBitCast(-1, to: sqlite3_destructor_type.self)) }
            sqlite3_bind_int64(statement, 2, 1)
            while try db.step(statement) {
                checksum &+=
                    Int(sqlite3_column_int64(statement, 0)) &+ Int(sqlite3_column_int64(statement, 3))
                    &+ Int(sqlite3_column_int64(statement, 5))
                for column: Int32 in [1, 2, 4, 6, 7, 8, 9, 10, 11, 12] {
                    if let text = sqlite3_column_text(statement, column) { checksum &+= Int(text.pointee) }
                }
            }
            sqlite3_reset(statement)
            try db.exec("COMMIT")
            times.append((clock.now - start).milliseconds)
        }
        precondition(checksum != 0)
        return times
    }
}

extension Duration {
    var seconds: Double {
        let (s, atto) = components
        return Double(s) + Double(atto) / 1e18
    }

    var milliseconds: Double { seconds * 1000 }
}
