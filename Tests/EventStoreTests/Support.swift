import Foundation
import GRDB
import PaddockTestSupport
import Synchronization
import Testing

@testable import EventStore

// MARK: - Temporary databases

/// A database file of its own for one test, in a ``TemporaryDirectory`` removed (with the WAL and SHM
/// files) when the last copy of the value goes; ``remove()`` deletes the files sooner.
struct TempDatabase: Sendable {
    let directory: TemporaryDirectory
    let path: String

    init(_ label: String = "store") throws {
        directory = try TemporaryDirectory("eventstore-\(label)")
        path = directory.file("\(label).sqlite")
    }

    func remove() {
        for suffix in ["", "-wal", "-shm", "-journal"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    }

    func open(clock: TestClock? = nil) throws -> SQLiteEventStore {
        if let clock { return try SQLiteEventStore(path: path, clock: clock.clock) }
        return try SQLiteEventStore(path: path)
    }

    /// A plain GRDB connection to the file, bypassing the store (what an attacker or a DBA would use).
    func raw() throws -> DatabaseQueue { try DatabaseQueue(path: path) }
}

// MARK: - An injectable store clock

/// A store clock the test moves by hand, forwards or backwards.
final class TestClock: Sendable {
    private let current: Mutex<Date>

    init(_ start: Date) { current = Mutex(start) }

    /// 2026-03-01T10:00:00Z, computed independently of the code under test.
    convenience init() { self.init(utcDate(2026, 3, 1, 10, 0, 0)) }

    var now: Date { current.withLock { $0 } }
    func advance(_ seconds: TimeInterval) { current.withLock { $0 += seconds } }
    func set(_ date: Date) { current.withLock { $0 = date } }
    var clock: SQLiteEventStore.Clock { { [self] in self.now } }
}

// MARK: - Independent date arithmetic (Foundation's calendar, not the code under test)

let utcCalendar: Calendar = {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(identifier: "UTC")!
    return calendar
}()

func utcDate(_ year: Int, _ month: Int = 1, _ day: Int = 1, _ hour: Int = 0, _ minute: Int = 0, _ second: Int = 0) -> Date {
    utcCalendar.date(from: DateComponents(year: year, month: month, day: day, hour: hour, minute: minute, second: second))!
}

func utcMillis(_ year: Int, _ month: Int = 1, _ day: Int = 1, _ hour: Int = 0, _ minute: Int = 0, _ second: Int = 0) -> Int64 {
    Int64((utcDate(year, month, day, hour, minute, second).timeIntervalSince1970 * 1000).rounded())
}

/// `YYYY-MM-DDTHH:MM:SS.ffffffZ` for a whole-second date plus `micros`, via Foundation's formatter.
func storeText(_ wholeSecond: Date, micros: Int = 0) -> String {
    let formatter = ISO8601DateFormatter()
    formatter.timeZone = TimeZone(identifier: "UTC")!
    formatter.formatOptions = [.withInternetDateTime]
    let text = formatter.string(from: wholeSecond)  // 2026-03-01T10:00:00Z
    precondition(text.hasSuffix("Z") && text.count == 20)
    let digits = String(micros)
    return String(text.dropLast()) + "." + String(repeating: "0", count: 6 - digits.count) + digits + "Z"
}

// MARK: - Events

func note(
    _ text: String = "hello", type: String = "Note", occurredAt: String = "2018-06-10T15:30:00+02:00",
    id: UUID = UUID.timeOrdered(), actor: String? = nil, correlationId: String? = nil, causationId: String? = nil
) -> NewEvent {
    let escaped = text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
    return NewEvent(
        eventId: id, type: type, occurredAt: occurredAt, actor: actor, correlationId: correlationId,
        causationId: causationId, payload: #"{"text":"\#(escaped)"}"#)
}

func notes(_ count: Int, _ prefix: String = "n", type: String = "Note") -> [NewEvent] {
    (0..<count).map { note("\(prefix)\($0)", type: type) }
}

/// Every event of the log, in position order.
func everything(_ store: some EventStore) async throws -> [RecordedEvent] {
    try await store.read(EventQuery())
}

/// Appends `count` events spread over three streams, in batches of varying size; returns them.
@discardableResult
func seedThreeStreams(_ store: some EventStore, count: Int = 20) async throws -> [RecordedEvent] {
    let streams = ["season:f1:1988", "season:f1:1989", "competitor:ayrton-senna"]
    var appended: [RecordedEvent] = []
    var i = 0
    while appended.count < count {
        let size = min(1 + i % 3, count - appended.count)
        let events = (0..<size).map { k in
            note(
                "event \(appended.count + k) \u{e9}\u{1F3CE}", type: ["RoundScheduled", "SessionClassified", "Note"][k % 3],
                actor: k % 2 == 0 ? "tester" : nil, correlationId: "req-\(i)", causationId: k == 1 ? "cause-\(i)" : nil)
        }
        appended += try await store.append(events, to: streams[i % 3], expecting: .any).events
        i += 1
    }
    return appended
}

// MARK: - Errors and time limits

/// The EventStoreError a call throws (the test fails when it throws nothing or something else).
func eventStoreError<T>(
    sourceLocation: SourceLocation = #_sourceLocation, _ body: () async throws -> T
) async -> EventStoreError? {
    do {
        _ = try await body()
        Issue.record("expected an EventStoreError, nothing was thrown", sourceLocation: sourceLocation)
        return nil
    } catch let error as EventStoreError {
        return error
    } catch {
        Issue.record("expected an EventStoreError, got \(type(of: error)): \(error)", sourceLocation: sourceLocation)
        return nil
    }
}

struct TimedOut: Error, CustomStringConvertible {
    let seconds: Double
    var description: String { "timed out after \(seconds) s" }
}

/// Runs `body`, failing with ``TimedOut`` instead of hanging when it takes longer than `seconds`.
func withTimeout<T: Sendable>(_ seconds: Double, _ body: @escaping @Sendable () async throws -> T) async throws -> T {
    try await withThrowingTaskGroup(of: T.self) { group in
        group.addTask { try await body() }
        group.addTask {
            try await Task.sleep(for: .seconds(seconds))
            throw TimedOut(seconds: seconds)
        }
        defer { group.cancelAll() }
        return try await group.next()!
    }
}
