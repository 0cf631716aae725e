import Foundation
import GRDB
import PaddockTestSupport
import Projections
import SeasonDomain
import Testing

@testable import EventStore
@testable import Paddock

/// Hostile and careless input: named errors, an unchanged log, and no process that stops.
@Suite("Hardening: no input crashes it")
struct HardeningTests {
    /// The line of the report that stopped `paddock append` with an arithmetic overflow trap.
    static let reported =
        #"{"stream":"season:euro-rx-super1600:2018","type":"RulesDeclared","occurredAt":"2018","payload":{"championship":"euro-rx-super1600","season":2018,"rules":{"scoring":[{"kinds":["final"],"points":["1/-9223372036854775808"]}]}}}"#

    @Test func theReportedLineIsANamedErrorFromTheCommandLine() throws {
        let temp = try TemporaryStore()
        let (code, _, err) = try runPaddock(["append", "--db", temp.path], stdin: Sample.season + "\n" + Self.reported + "\n")
        #expect(code == 1, "a trap exits by a signal, an error with 1: \(code)")
        #expect(err.contains("line 9: payload.rules.scoring[0].points[0]"), "\(err)")
        let (_, out, _) = try runPaddock(["verify", "--db", temp.path])
        #expect(out.contains("0 events"))
    }

    /// A season whose every value is within range, but whose points combine into a fraction beyond
    /// 64 bits: five rounds, each at a factor of 1 over a different prime near 10,000.
    static func primeFactorSeason() -> String {
        let primes = [9973, 9967, 9949, 9941, 9931]
        var lines = [Sample.season]
        for (i, p) in primes.enumerated() {
            let round = i + 3
            lines.append(
                Sample.line(
                    type: "RoundScheduled", occurredAt: "2018-05-01",
                    payload: #"{"championship":"euro-rx-super1600","season":2018,"round":\#(round),"startDate":"2018-06-0\#(round)"}"#))
            lines.append(
                Sample.line(
                    type: "SessionClassified", occurredAt: "2018-06-0\(round)",
                    payload:
                        #"{"championship":"euro-rx-super1600","season":2018,"round":\#(round),"session":"final","kind":"final","results":[{"position":1,"competitor":"jesse-kallio"}]}"#
                ))
            lines.append(
                Sample.line(
                    type: "RoundMultiplierDecided", occurredAt: "2018-06-0\(round)",
                    payload: #"{"championship":"euro-rx-super1600","season":2018,"round":\#(round),"factor":"1/\#(p)","reason":"test"}"#))
        }
        return lines.joined(separator: "\n")
    }

    @Test func pointsBeyond64BitsAreAnErrorForTheReaderNotATrap() async throws {
        let temp = try TemporaryStore()
        try await NDJSONAppender(store: temp.store).append(contentsOf: Self.primeFactorSeason())
        let projections = ProjectionService(store: temp.store)
        try await projections.catchUp()
        let key = SeasonKey("euro-rx-super1600", 2018)
        await #expect(throws: PaddockError.pointsOutOfRange(key, "jesse-kallio")) {
            try await projections.standings(key, className: nil, kind: .competitors, cut: .everything)
        }
        // The season up to round 4 still adds up: two of the five fractions fit.
        let early = try await projections.standings(key, className: nil, kind: .competitors, cut: Cut(afterRound: 4))
        #expect(early.table.rows.first { $0.competitor == "jesse-kallio" }?.points == Points(5) + Points(8, 9973) + Points(8, 9967))
        // The same from the command line: one line, exit 1, no signal.
        let (code, _, err) = try runPaddock(["standings", "euro-rx-super1600", "2018", "--db", temp.path])
        #expect(code == 1)
        #expect(err.contains("cannot be computed exactly"), "\(err)")
        let (titleCode, _, _) = try runPaddock(["title", "euro-rx-super1600", "2018", "--db", temp.path])
        #expect(titleCode == 1)
    }

    @Test func aPositionNearTheLimitRanksWithoutADenseTable() async throws {
        let temp = try TemporaryStore()
        let far = Sample.line(
            type: "SessionClassified", occurredAt: "2018-04-29",
            payload:
                #"{"championship":"euro-rx-super1600","season":2018,"round":2,"session":"final","kind":"final","results":[{"position":9998,"competitor":"x"},{"position":9999,"competitor":"jesse-kallio"}]}"#
        )
        try await NDJSONAppender(store: temp.store).append(contentsOf: Sample.season + "\n" + far)
        let projections = ProjectionService(store: temp.store)
        try await projections.catchUp()
        let rows = try await projections.standings(
            SeasonKey("euro-rx-super1600", 2018), className: nil, kind: .competitors,
            cut: .everything
        ).table.rows
        // Kallio 5 and x 0: x's 9998th beats nothing; Baciuska 8 first.
        #expect(rows.map(\.competitor) == ["rokas-baciuska", "jesse-kallio", "x"])
    }
}

/// The season checks every write path makes, through the one recorder.
@Suite("Recording through one recorder")
struct RecorderTests {
    @Test(arguments: [
        (
            #"{"championship":"euro-rx-super1600","season":2018,"round":7,"session":"final","kind":"final","results":[{"position":1,"competitor":"jesse-kallio"}]}"#,
            "payload.round: round 7 is not scheduled in euro-rx-super1600 2018"
        ),
        (
            #"{"championship":"euro-rx-super1600","season":2018,"round":1,"session":"heat-1","kind":"heat","results":[{"position":1,"competitor":"nobody"}]}"#,
            "payload.results[0].competitor: no competitor 'nobody' is registered"
        )
    ])
    func aClassificationThatDoesNotFitTheSeasonIsRefused(payload: String, message: String) async throws {
        let temp = try TemporaryStore()
        try await NDJSONAppender(store: temp.store).append(contentsOf: Sample.season)
        let line = Sample.line(type: "SessionClassified", occurredAt: "2018-06-01", payload: payload)
        await #expect {
            try await NDJSONAppender(store: temp.store).append(contentsOf: line)
        } throws: { error in
            (error as? LineError)?.reason == message
        }
        #expect(try await temp.store.headPosition() == 8)
    }

    @Test func linesSeeTheLinesBeforeThemAndRetriesAreNotCheckedAgain() async throws {
        let temp = try TemporaryStore()
        // Round 3 scheduled and classified in one input.
        let both = [
            Sample.line(
                type: "RoundScheduled", occurredAt: "2018-05-01",
                payload: #"{"championship":"euro-rx-super1600","season":2018,"round":3,"startDate":"2018-06-09"}"#,
                extra: #","eventId":"018f0000-0000-7000-8000-000000000001""#),
            Sample.line(
                type: "SessionClassified", occurredAt: "2018-06-10",
                payload:
                    #"{"championship":"euro-rx-super1600","season":2018,"round":3,"session":"final","kind":"final","results":[{"position":1,"competitor":"jesse-kallio"}]}"#
            )
        ]
        try await NDJSONAppender(store: temp.store).append(contentsOf: Sample.season + "\n" + both.joined(separator: "\n"))
        // The same schedule again, same id: an idempotent retry, not "round 3 is already scheduled".
        let retry = try await NDJSONAppender(store: temp.store).append(contentsOf: both[0])
        #expect(retry.alreadyRecorded == 1)
        // Another schedule of round 3: refused.
        let again = Sample.line(
            type: "RoundScheduled", occurredAt: "2018-05-02",
            payload: #"{"championship":"euro-rx-super1600","season":2018,"round":3,"startDate":"2018-06-09"}"#)
        await #expect(throws: LineError.self) { try await NDJSONAppender(store: temp.store).append(contentsOf: again) }
    }

    @Test func rolesAreAnAllowListPerEventType() async throws {
        #expect(Role.needed(forEventType: "SessionClassified") == .recorder)
        #expect(Role.needed(forEventType: "Note") == .recorder)
        #expect(Role.needed(forEventType: "PenaltyApplied") == .steward)
        #expect(Role.needed(forEventType: "RoundMultiplierDecided") == .steward)
        #expect(Role.needed(forEventType: "PointsAdjusted") == .steward)
        #expect(Role.needed(forEventType: "RulesDeclared") == .admin)
        #expect(Role.needed(forEventType: "CompetitorRegistered") == .admin)
        #expect(Role.needed(forEventType: "StandingsPublished") == .admin)
        #expect(Role.needed(forEventType: "SomethingNew") == .admin)
        // Every catalogue type is placed deliberately: the lists name only catalogue types.
        let listed = Role.recorderEventTypes.union(Role.stewardEventTypes)
        #expect(listed.isSubset(of: Set(EventCatalogue.eventTypes)))

        let temp = try TemporaryStore()
        let desk = Author(name: "desk", role: .recorder)
        let rules = Sample.line(
            type: "RulesDeclared", occurredAt: "2018",
            payload: #"{"championship":"euro-rx-super1600","season":2018,"rules":{"scoring":[{"kinds":["final"],"points":[1]}]}}"#)
        await #expect(throws: PermissionError.self) {
            try await NDJSONAppender(store: temp.store).append(contentsOf: rules, author: desk)
        }
        #expect(try await temp.store.headPosition() == 0)
    }

    @Test func everyEventNamesItsActor() async throws {
        let temp = try TemporaryStore()
        await #expect {
            try await NDJSONAppender(store: temp.store).append(
                contentsOf: Sample.line(
                    "notes", type: "Note", occurredAt: "2018",
                    payload: #"{"text":"hi"}"#, extra: #","actor":"""#))
        } throws: { error in
            (error as? LineError)?.reason.hasPrefix("actor:") == true
        }
    }
}

/// `import events` checks what `append` checks.
@Suite("Importing envelopes")
struct ImportChecksTests {
    func exported() async throws -> [String] {
        let source = try TemporaryStore()
        try await NDJSONAppender(store: source.store).append(contentsOf: Sample.season, actor: "desk")
        var lines: [String] = []
        try await NDJSONTransfer.export(from: source.store) { lines.append($0) }
        return lines
    }

    @Test func aRecordedAtInTheFutureIsRefused() async throws {
        let lines = try await exported()
        let target = try TemporaryStore()
        // The same lines, imported "a day earlier": their recordedAt is in that clock's future.
        await #expect {
            try await NDJSONTransfer.importEvents(lines.joined(separator: "\n"), into: target.store, now: Date().addingTimeInterval(-86_400))
        } throws: { error in
            (error as? LineError)?.line == 1 && (error as? LineError)?.reason.contains("recordedAt") == true
        }
        #expect(try await target.store.headPosition() == 0)
        #expect(try await NDJSONTransfer.importEvents(lines.joined(separator: "\n"), into: target.store) == 8)
    }

    @Test(arguments: [
        // Not canonical: a space in the payload (the hash is recomputed, so only the content check can see it).
        ("space", "payload: not in canonical form"),
        ("actor", "actor: every recorded event names who recorded it")
    ])
    func whatAppendRefusesImportRefuses(change: String, message: String) async throws {
        var lines = try await exported()
        // Rebuild line 1 with the change and a hash recomputed so that the chain itself is fine.
        var event = try EnvelopeLine.decode(lines[0])
        switch change {
        case "space": event.payload = event.payload.replacingOccurrences(of: ",", with: ", ")
        default: event.actor = nil
        }
        var hasher = ChainHasher()
        event.hash = Hex.encode(hasher.hash(previous: ChainHasher.genesis, event))
        lines = [EnvelopeLine.encode(event)]
        let target = try TemporaryStore()
        await #expect {
            try await NDJSONTransfer.importEvents(lines.joined(separator: "\n"), into: target.store)
        } throws: { error in
            (error as? LineError)?.reason.contains(message) == true
        }
        #expect(try await target.store.headPosition() == 0)
    }
}

/// The chain and the file around it.
@Suite("The log's integrity")
struct LogIntegrityTests {
    @Test func anAppendRefusesToContinueALogWhoseHeadWasChangedBehindItsBack() async throws {
        let temp = try TemporaryStore()
        try await NDJSONAppender(store: temp.store).append(contentsOf: Sample.season)
        let raw = try DatabaseQueue(path: temp.path)
        try await raw.write { try $0.execute(sql: "UPDATE chain_head SET position = 5") }
        try raw.close()
        await #expect {
            try await temp.store.append(
                [NewEvent(type: "Note", occurredAt: "2018", actor: "t", payload: #"{"text":"x"}"#)],
                to: "notes", expecting: .any)
        } throws: { error in
            guard case .chainBroken(let reason) = error as? EventStoreError else { return false }
            return reason.contains("position 8") && reason.contains("position 5")
        }
        #expect(try await temp.store.headPosition() == 8)
    }

    @Test func verifyExpectProvesTheLogExtendsAHead() async throws {
        let temp = try TemporaryStore()
        try await NDJSONAppender(store: temp.store).append(contentsOf: Sample.season)
        let head = try #require(try await temp.store.read(after: 4, limit: 1).first)
        try await NDJSONAppender(store: temp.store).append(contentsOf: Sample.line("notes", type: "Note", occurredAt: "2018", payload: #"{"text":"later"}"#))
        let (ok, out, _) = try runPaddock(["verify", "--db", temp.path, "--expect", "5:\(head.hash)"])
        #expect(ok == 0)
        #expect(out.contains("extends 5:\(head.hash)"))
        let wrong = String(head.hash.reversed())
        let (bad, _, err) = try runPaddock(["verify", "--db", temp.path, "--expect", "5:\(wrong)"])
        #expect(bad == 1)
        #expect(err.contains("has hash \(head.hash)"))
        let (beyond, _, tooFar) = try runPaddock(["verify", "--db", temp.path, "--expect", "50:\(head.hash)"])
        #expect(beyond == 1)
        #expect(tooFar.contains("ends at position 9"))
        let (malformed, _, what) = try runPaddock(["verify", "--db", temp.path, "--expect", "five"])
        #expect(malformed != 0)
        #expect(what.contains("is not POSITION:HASH"))
    }

    @Test func aNewDatabaseFileIsReadableByItsOwnerOnly() throws {
        let temp = try TemporaryStore()
        let attributes = try FileManager.default.attributesOfItem(atPath: temp.path)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
    }
}
