import EventStore
import Foundation
import PaddockTestSupport
import SeasonDomain
import Testing

@testable import Paddock

/// Writes `text` to a file in the store's directory and opens it as an input.
func inputFile(_ text: String, in temp: TemporaryStore, name: String = "input.ndjson") throws -> InputFile {
    let path = temp.directory.appendingPathComponent(name).path
    try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    return try InputFile.open(path)
}

/// `count` note lines over `streams` streams (runs of `run` lines each), optionally naming ids.
func noteLines(_ count: Int, streams: Int = 3, run: Int = 7, ids: Bool = false) -> [String] {
    (0..<count).map { i in
        let id = ids ? #","eventId":"\#(UUID().uuidString.lowercased())""# : ""
        return Sample.line(
            "notes:\((i / run) % streams)", type: "Note", occurredAt: "2018-06-10T12:00:00Z",
            payload: #"{"text":"note \#(i) \"quoted\" ö","subject":"s-\#(i % 5)"}"#, extra: id)
    }
}

@Suite("Bulk append and import")
struct BulkTests {
    private func appender(_ temp: TemporaryStore, store: (any EventStore)? = nil, pageSize: Int = 10, chunkBytes: Int = 700)
        async throws -> BulkAppender
    {
        let projections = ProjectionService(store: temp.store)
        try await projections.catchUp()
        var appender = BulkAppender(store: store ?? temp.store, context: projections)
        appender.pageSize = pageSize
        appender.chunkBytes = chunkBytes
        return appender
    }

    @Test func appendsWhatTheOneTransactionAppenderAppends() async throws {
        let text = Sample.season + "\n\n" + noteLines(95).joined(separator: "\n") + "\n"
        let paged = try TemporaryStore(), single = try TemporaryStore()
        let summary = try await appender(paged).append(try inputFile(text, in: paged), actor: "desk")
        try await NDJSONAppender(store: single.store).append(contentsOf: text, actor: "desk")
        #expect(summary.appended == 103)
        #expect(summary.lastPosition == 103)
        let a = try await paged.store.read(after: 0, limit: 1_000), b = try await single.store.read(after: 0, limit: 1_000)
        #expect(a.map(\.payload) == b.map(\.payload))
        #expect(a.map(\.stream) == b.map(\.stream))
        #expect(a.map(\.streamVersion) == b.map(\.streamVersion))
        #expect(a.map(\.actor) == b.map(\.actor))
        #expect(a.allSatisfy { $0.actor == "desk" })
        #expect(try await paged.store.verify().isIntact)
    }

    @Test func oneBadLineAppendsNothingWhateverItsPage() async throws {
        var lines = noteLines(60)
        lines[47] = Sample.line("notes:0", type: "Note", occurredAt: "2018-06-10", payload: #"{"text":"ok","txet":"typo"}"#)
        let temp = try TemporaryStore()
        await #expect(throws: LineError.self) { try await appender(temp).append(try inputFile(lines.joined(separator: "\n"), in: temp)) }
        do {
            try await appender(temp).append(try inputFile(lines.joined(separator: "\n"), in: temp))
        } catch let error as LineError {
            #expect(error.line == 48)
            #expect(error.reason.contains("payload.txet"))
        }
        #expect(try await temp.store.headPosition() == 0)
    }

    @Test func seasonChecksSeeTheLinesBeforeAcrossChunks() async throws {
        let temp = try TemporaryStore()
        let again = Sample.line(
            type: "RoundScheduled", occurredAt: "2018-01-10",
            payload: #"{"championship":"euro-rx-super1600","season":2018,"round":2,"startDate":"2018-04-28"}"#)
        let text = Sample.season + "\n" + noteLines(30).joined(separator: "\n") + "\n" + again
        do {
            try await appender(temp).append(try inputFile(text, in: temp))
            Issue.record("a round scheduled twice was appended")
        } catch let error as LineError {
            #expect(error.line == 39)
            #expect(error.reason.contains("round 2 is already scheduled"))
        }
        #expect(try await temp.store.headPosition() == 0)
    }

    @Test func anEventIdGivenTwiceIsRefusedWithBothLines() async throws {
        var lines = noteLines(40, ids: true)
        lines[33] = lines[5].replacingOccurrences(of: "note 5 ", with: "note 5 again ")
        let temp = try TemporaryStore()
        do {
            try await appender(temp).append(try inputFile(lines.joined(separator: "\n"), in: temp))
            Issue.record("a repeated id was appended")
        } catch let error as LineError {
            #expect(error.line == 34)
            #expect(error.reason.contains("given twice in the input (first on line 6)"))
        }
        #expect(try await temp.store.headPosition() == 0)
    }

    @Test func anExpectedVersionIsCheckedBeforeAnythingIsAppended() async throws {
        var lines = noteLines(30, streams: 1, run: 100)
        lines[20] = String(lines[20].dropLast()) + #","expectedVersion":3}"#
        let temp = try TemporaryStore()
        do {
            try await appender(temp).append(try inputFile(lines.joined(separator: "\n"), in: temp))
            Issue.record("a wrong expectation was appended")
        } catch let error as LineError {
            #expect(error.line == 21)
            #expect(error.reason.contains("expected"))
        }
        lines[20] = lines[20].replacingOccurrences(of: #""expectedVersion":3"#, with: #""expectedVersion":20"#)
        let summary = try await appender(temp).append(try inputFile(lines.joined(separator: "\n"), in: temp))
        #expect(summary.appended == 30)
    }

    @Test func aRunStoppedHalfWayCompletesWhenRunAgainWithoutDoubling() async throws {
        let temp = try TemporaryStore()
        let text = Sample.season + "\n" + noteLines(92).joined(separator: "\n")
        let stopping = InstrumentedStore(inner: temp.store, writesAllowed: 4)
        await #expect(throws: (any Error).self) {
            try await appender(temp, store: stopping).append(try inputFile(text, in: temp))
        }
        #expect(try await temp.store.headPosition() == 40)
        let summary = try await appender(temp).append(try inputFile(text, in: temp))
        #expect(summary.appended == 60)
        #expect(summary.alreadyRecorded == 40)
        let events = try await temp.store.read(after: 0, limit: 1_000)
        #expect(events.count == 100)
        #expect(Set(events.map(\.eventId)).count == 100)
        let again = try await appender(temp).append(try inputFile(text, in: temp))
        #expect(again.appended == 0)
        #expect(again.alreadyRecorded == 100)
    }

    @Test func derivedIdsAreTheFilesAndOrderedByLine() throws {
        let digest = Array(repeating: UInt8(0xAB), count: 32), other = Array(repeating: UInt8(0xCD), count: 32)
        let ids = (1...5_000).map { DerivedEventId.make(fileDigest: digest, line: $0) }
        #expect(ids.map(\.lowercased) == ids.map(\.lowercased).sorted())
        #expect(Set(ids).count == ids.count)
        #expect(ids.allSatisfy { $0.uuidString.lowercased().dropFirst(14).first == "8" })  // version 8
        #expect(DerivedEventId.make(fileDigest: other, line: 1) != ids[0])
        #expect(DerivedEventId.make(fileDigest: digest, line: 1) == ids[0])
    }

    @Test func theIdFilterFindsEveryRepeatAndFewFalseAlarms() {
        var filter = IdFilter(expectedIds: 20_000)
        let ids = (0..<20_000).map { _ in UUID() }
        for id in ids { filter.insert(id) }
        #expect(filter.candidates.count < 200)
        filter.insert(ids[1_234])
        #expect(filter.candidates.contains(ids[1_234]))
    }

    // MARK: Import

    private func exported(_ store: any EventStore) async throws -> String {
        var bytes: [UInt8] = []
        try await NDJSONTransfer.exportBytes(from: store, bufferBytes: 100) { bytes.append(contentsOf: $0) }
        return String(decoding: bytes, as: UTF8.self)
    }

    private func importer(_ store: any EventStore) -> BulkImporter {
        var importer = BulkImporter(store: store)
        importer.pageSize = 10
        importer.chunkBytes = 900
        return importer
    }

    @Test func exportImportExportGivesTheSameBytes() async throws {
        let source = try TemporaryStore(), target = try TemporaryStore()
        try await NDJSONAppender(store: source.store).append(contentsOf: Sample.season + "\n" + noteLines(57).joined(separator: "\n"))
        let text = try await exported(source.store)
        let summary = try await importer(target.store).importEvents(try inputFile(text, in: target))
        #expect(summary.imported == 65)
        #expect(try await exported(target.store) == text)
        #expect(try await target.store.verify().isIntact)
    }

    @Test func aTamperedLineRestoresNothing() async throws {
        let source = try TemporaryStore(), target = try TemporaryStore()
        try await NDJSONAppender(store: source.store).append(contentsOf: noteLines(50).joined(separator: "\n"))
        var lines = try await exported(source.store).split(separator: "\n").map(String.init)
        lines[41] = lines[41].replacingOccurrences(of: "note 41", with: "note 14")
        do {
            _ = try await importer(target.store).importEvents(try inputFile(lines.joined(separator: "\n"), in: target))
            Issue.record("a tampered line was restored")
        } catch let error as LineError {
            #expect(error.line == 42)
            #expect(error.reason.contains("hash does not match"))
        }
        #expect(try await target.store.headPosition() == 0)
    }

    @Test func anImportStoppedHalfWayCompletesWhenRunAgain() async throws {
        let source = try TemporaryStore(), target = try TemporaryStore()
        try await NDJSONAppender(store: source.store).append(contentsOf: noteLines(45).joined(separator: "\n"))
        let text = try await exported(source.store)
        await #expect(throws: (any Error).self) {
            _ = try await importer(InstrumentedStore(inner: target.store, writesAllowed: 2)).importEvents(try inputFile(text, in: target))
        }
        #expect(try await target.store.headPosition() == 20)
        let summary = try await importer(target.store).importEvents(try inputFile(text, in: target))
        #expect(summary.imported == 25)
        #expect(summary.alreadyImported == 20)
        #expect(try await exported(target.store) == text)
    }

    @Test func anImportIntoAnotherLogIsRefused() async throws {
        let source = try TemporaryStore(), target = try TemporaryStore()
        try await NDJSONAppender(store: source.store).append(contentsOf: noteLines(5).joined(separator: "\n"))
        try await NDJSONAppender(store: target.store).append(contentsOf: noteLines(3).joined(separator: "\n"))
        do {
            _ = try await importer(target.store).importEvents(try inputFile(try await exported(source.store), in: target))
            Issue.record("imported over another log")
        } catch let error as LineError {
            #expect(error.line == 1)
            #expect(error.reason.contains("the log holds another event there"))
        }
        #expect(try await target.store.headPosition() == 3)
    }

    // MARK: Writers

    @Test func theByteWriterWritesWhatTheStringEncoderWrote() {
        var rng = SystemRandomNumberGenerator()
        let pieces = ["a", "\"", "\\", "\n", "\r", "\t", "\u{01}", "\u{1F}", "ö", "🏁", "/", "\u{7F}", "\u{2028}"]
        func text() -> String { (0..<Int.random(in: 0...12, using: &rng)).map { _ in pieces.randomElement(using: &rng)! }.joined() }
        for position in 1...2_000 {
            let event = RecordedEvent(
                position: Int64(position), eventId: UUID(), stream: text(), streamVersion: Int.random(in: 1...1_000_000, using: &rng),
                type: text(), schemaVersion: 1, occurredAt: text(), recordedAt: text(), actor: Bool.random() ? text() : nil,
                correlationId: Bool.random() ? text() : nil, causationId: Bool.random() ? text() : nil,
                payload: #"{"x":"\#(position)"}"#, hash: String(repeating: "ab", count: 32))
            #expect(EnvelopeLine.encode(event) == ReferenceEnvelope.encode(event))
        }
    }

    @Test func demoLinesAreStoredInTheReferenceCanonicalForm() throws {
        let directory = TestEnvironment.demoDirectory
        var checked = 0
        for file in try FileManager.default.contentsOfDirectory(atPath: directory.path) where file.hasSuffix(".ndjson") {
            let text = try String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8)
            for (number, line) in text.split(separator: "\n").enumerated() where !line.isEmpty {
                let parsed = try InputLine.parse(String(line), line: number + 1, defaultActor: "demo")
                let reference = ReferenceEnvelope.canonicalPayload(parsed.domainEvent)
                #expect(parsed.event.payload == reference, "\(file):\(number + 1)")
                checked += 1
            }
        }
        #expect(checked > 100)
    }
}

/// The envelope encoder as it was before the byte writer, kept as the reference.
enum ReferenceEnvelope {
    static func encode(_ event: RecordedEvent) -> String {
        var line = "{\"position\":\(event.position)"
        line += ",\"eventId\":\"\(event.eventId.lowercased)\""
        line += ",\"stream\":" + quoted(event.stream)
        line += ",\"streamVersion\":\(event.streamVersion)"
        line += ",\"type\":" + quoted(event.type)
        line += ",\"schemaVersion\":\(event.schemaVersion)"
        line += ",\"occurredAt\":" + quoted(event.occurredAt)
        line += ",\"recordedAt\":" + quoted(event.recordedAt)
        line += ",\"actor\":" + (event.actor.map(quoted) ?? "null")
        line += ",\"correlationId\":" + (event.correlationId.map(quoted) ?? "null")
        line += ",\"causationId\":" + (event.causationId.map(quoted) ?? "null")
        line += ",\"payload\":" + event.payload
        line += ",\"hash\":\"\(event.hash)\"}"
        return line
    }

    static func quoted(_ string: String) -> String {
        var out = "\""
        for scalar in string.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    /// JSONEncoder's canonical payload, as the catalogue wrote it before the hand-written writer.
    static func canonicalPayload(_ event: SeasonEvent) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try! encoder.encode(event.event), as: UTF8.self)
    }
}
