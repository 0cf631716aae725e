import Foundation
import Testing

@testable import EventStore

@Suite("Idempotency and multi-batch appends")
struct IdempotencyTests {
    @Test("same id and content is recorded once; other content is an idempotency conflict", arguments: Backend.underTest)
    func sameIdSameContent(_ backend: Backend) async throws {
        let db = try TestLog(backend)
        defer { db.remove() }
        let store = try await db.open()

        let event = note("first", actor: "a", correlationId: "c1")
        let first = try await store.append([event], to: "s", expecting: .noStream)
        #expect(!first.alreadyRecorded)

        for expected in [ExpectedVersion.noStream, .exactly(0), .exactly(1), .any] {
            let again = try await store.append([event], to: "s", expecting: expected)
            #expect(again.alreadyRecorded, "retry expecting \(expected)")
            #expect(again.events == first.events)
            #expect(again.streamVersion == 1)
            #expect(again.stream == "s")
        }
        #expect(try await store.headPosition() == 1)
        #expect(try await everything(store) == first.events)

        // Same id, other content: the field that differs is named.
        var otherPayload = event
        otherPayload.payload = #"{"text":"second"}"#
        var error = await eventStoreError { try await store.append([otherPayload], to: "s", expecting: .any) }
        #expect(error == .idempotencyConflict(eventId: event.eventId, position: 1, field: "payload"))

        var otherType = event
        otherType.type = "Other"
        error = await eventStoreError { try await store.append([otherType], to: "s", expecting: .any) }
        guard case let .idempotencyConflict(id, position, field)? = error else {
            Issue.record("expected an idempotency conflict, got \(String(describing: error))")
            return
        }
        #expect(id == event.eventId)
        #expect(position == 1)
        #expect(field.hasPrefix("type"))

        error = await eventStoreError { try await store.append([event], to: "elsewhere", expecting: .any) }
        guard case let .idempotencyConflict(_, _, streamField)? = error else {
            Issue.record("expected an idempotency conflict, got \(String(describing: error))")
            return
        }
        #expect(streamField.hasPrefix("stream"))

        var otherTime = event
        otherTime.occurredAt = "2018"
        error = await eventStoreError { try await store.append([otherTime], to: "s", expecting: .exactly(1)) }
        guard case let .idempotencyConflict(_, _, timeField)? = error else {
            Issue.record("expected an idempotency conflict, got \(String(describing: error))")
            return
        }
        #expect(timeField.hasPrefix("occurredAt"))

        #expect(try await everything(store) == first.events)
        #expect(try await store.verify().isIntact)
    }

    @Test("a retried batch with a stale expected version succeeds idempotently", arguments: Backend.underTest)
    func staleRetry(_ backend: Backend) async throws {
        let db = try TestLog(backend)
        defer { db.remove() }
        let store = try await db.open()

        let batch = notes(3, "batch")
        let original = try await store.append(batch, to: "s", expecting: .exactly(0))
        _ = try await store.append(notes(2, "other"), to: "s", expecting: .exactly(3))  // someone else moves on
        let retry = try await store.append(batch, to: "s", expecting: .exactly(0))  // the response was lost; retry
        #expect(retry.alreadyRecorded)
        #expect(retry.events == original.events)
        #expect(retry.streamVersion == 5)
        #expect(try await store.headPosition() == 5)
        let retryNoStream = try await store.append(batch, to: "s", expecting: .noStream)
        #expect(retryNoStream.alreadyRecorded)
        #expect(retryNoStream.events == original.events)

        // Fresh events with the same stale expectation still conflict.
        let error = await eventStoreError { try await store.append(notes(1), to: "s", expecting: .exactly(0)) }
        #expect(error == .versionConflict(stream: "s", expected: .exactly(0), actual: 5))
        #expect(try await store.headPosition() == 5)
    }

    @Test("a batch mixing recorded and new events is refused; a duplicate id inside one batch is invalid", arguments: Backend.underTest)
    func mixedAndDuplicateBatches(_ backend: Backend) async throws {
        let db = try TestLog(backend)
        defer { db.remove() }
        let store = try await db.open()

        let old = note("old")
        _ = try await store.append([old], to: "s", expecting: .any)
        let new1 = note("new1")
        let new2 = note("new2")
        for expected in [ExpectedVersion.any, .exactly(1), .exactly(0)] {
            let error = await eventStoreError { try await store.append([old, new1, new2], to: "s", expecting: expected) }
            #expect(error == .partiallyRecordedBatch(stream: "s", recorded: [old.eventId], new: [new1.eventId, new2.eventId]))
        }
        let error = await eventStoreError { try await store.append([new1, old], to: "s", expecting: .any) }
        #expect(error == .partiallyRecordedBatch(stream: "s", recorded: [old.eventId], new: [new1.eventId]))
        #expect(try await store.headPosition() == 1)

        // A duplicate id within one batch.
        let twice = await eventStoreError { try await store.append([new1, new2, new1], to: "s", expecting: .any) }
        guard case let .invalidEvent(index, reason)? = twice else {
            Issue.record("expected invalidEvent, got \(String(describing: twice))")
            return
        }
        #expect(index == 2)
        #expect(reason.contains(new1.eventId.lowercased))
        #expect(reason.contains("twice"))
        #expect(try await store.headPosition() == 1)

        // The new events alone go in.
        let result = try await store.append([new1, new2], to: "s", expecting: .exactly(1))
        #expect(result.events.map(\.position) == [2, 3])
    }

    @Test("append([AppendBatch]) is atomic across streams; the failing batch is named by index", arguments: Backend.underTest)
    func multiBatch(_ backend: Backend) async throws {
        let db = try TestLog(backend)
        defer { db.remove() }
        let store = try await db.open()

        _ = try await store.append(notes(1, "a"), to: "a", expecting: .noStream)
        _ = try await store.append(notes(2, "b"), to: "b", expecting: .noStream)
        let before = try await everything(store)

        let first = notes(2, "a-new")
        let second = notes(1, "b-new")
        var error = await eventStoreError {
            _ = try await store.append([
                AppendBatch(stream: "a", expected: .exactly(1), events: first),
                AppendBatch(stream: "b", expected: .exactly(1), events: second)
            ])
        }
        #expect(error == .inBatch(1, .versionConflict(stream: "b", expected: .exactly(1), actual: 2)))
        #expect(error?.description.hasPrefix("batch 2: ") == true)
        #expect(try await everything(store) == before)
        #expect(try await store.version(of: "a") == 1)

        // An invalid event in the second batch: also nothing written.
        var bad = note("bad")
        bad.payload = "not json"
        error = await eventStoreError {
            _ = try await store.append([
                AppendBatch(stream: "a", expected: .exactly(1), events: first),
                AppendBatch(stream: "c", events: [note("fine"), bad])
            ])
        }
        #expect(error == .inBatch(1, .invalidEvent(index: 1, reason: "payload is not valid JSON")))
        error = await eventStoreError {
            _ = try await store.append([
                AppendBatch(stream: "a", expected: .exactly(1), events: first),
                AppendBatch(stream: "c", events: [note("fine", occurredAt: "2018-06-10T10:00:00")])
            ])
        }
        guard case .inBatch(1, .invalidEvent(index: 0, _))? = error else {
            Issue.record("expected .inBatch(1, .invalidEvent(0, ...)), got \(String(describing: error))")
            return
        }
        #expect(try await everything(store) == before)

        // All batches valid: one transaction, consecutive positions, later batches see earlier ones.
        let results = try await store.append([
            AppendBatch(stream: "a", expected: .exactly(1), events: first),
            AppendBatch(stream: "b", expected: .exactly(2), events: second),
            AppendBatch(stream: "a", expected: .exactly(3), events: [note("a-again")]),
            AppendBatch(stream: "d", expected: .noStream, events: notes(2, "d"))
        ])
        #expect(results.map(\.stream) == ["a", "b", "a", "d"])
        #expect(results.map(\.streamVersion) == [3, 3, 4, 2])
        #expect(results.flatMap(\.events).map(\.position) == Array(4...9))
        #expect(results.allSatisfy { !$0.alreadyRecorded })
        #expect(try await everything(store) == before + results.flatMap(\.events))

        // The same call again is an idempotent retry, batch by batch.
        let retried = try await store.append([
            AppendBatch(stream: "a", expected: .exactly(1), events: first),
            AppendBatch(stream: "b", expected: .exactly(2), events: second)
        ])
        #expect(retried.allSatisfy { $0.alreadyRecorded })
        #expect(retried.flatMap(\.events) == results[0].events + results[1].events)
        #expect(try await store.headPosition() == 9)
        #expect(try await store.verify().isIntact)
    }
}
