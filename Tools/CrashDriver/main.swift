// paddock-crashdriver DBPATH
//
// The crash test's child process. Appends batches to the log forever: batch i holds 100 events for
// stream `crash:<i % 7>`, each with payload {"batch":i,"n":k} and correlation id "batch-<i>". After
// each append returns, prints `ack <i> <lastPosition>` on standard output and flushes it, so that the
// parent knows exactly which batches the log acknowledged before it kills this process.
//
// Restarted on the same database, it continues after the last batch found in the log.

import EventStore
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

let batchSize = 100

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("paddock-crashdriver: \(message)\n".utf8))
    exit(1)
}

/// The index of the batch after the last one in the log (0 for an empty log).
func nextBatchIndex(_ store: SQLiteEventStore) async throws -> Int {
    let head = try await store.headPosition()
    guard head > 0 else { return 0 }
    let last = try await store.read(after: head - 1, limit: 1)
    guard let correlation = last.first?.correlationId, correlation.hasPrefix("batch-"),
        let index = Int(correlation.dropFirst("batch-".count))
    else { fail("the last event of the log (position \(head)) is not one of this driver's batches") }
    return index + 1
}

func run(path: String) async throws -> Never {
    let store = try SQLiteEventStore(path: path)
    var batch = try await nextBatchIndex(store)
    while true {
        let correlation = "batch-\(batch)"
        let events = (0..<batchSize).map { k in
            NewEvent(
                type: "CrashProbe", occurredAt: "2018-06-10T15:30:00+02:00", actor: "paddock-crashdriver",
                correlationId: correlation, payload: #"{"batch":\#(batch),"n":\#(k)}"#)
        }
        let result = try await store.append(events, to: "crash:\(batch % 7)", expecting: .any)
        guard let last = result.events.last, result.events.count == batchSize, !result.alreadyRecorded else {
            fail("batch \(batch) was not appended as a whole")
        }
        print("ack \(batch) \(last.position)")
        fflush(nil)  // flushes stdout (every output stream); `stdout` itself is not concurrency-safe in Swift 6
        batch += 1
    }
}

let arguments = CommandLine.arguments
guard arguments.count == 2 else { fail("usage: paddock-crashdriver DBPATH") }
do {
    try await run(path: arguments[1])
} catch {
    fail("\(error)")
}
