import EventStore
import F1DB
import Foundation
import JSONToolkit
import Paddock
import PaddockFuzzing
import PaddockTestSupport
@_spi(DecodingPaths) import SeasonDomain
import Testing

/// Every finding of the fuzzers that was fixed, with its minimized input: the behaviour now, and
/// the target's properties on the input.
@Suite("Fuzzing: regressions")
struct FuzzRegressionTests {
    /// `Timestamp.normalize` wrote an instant past year 9999 (UTC) as year 0000, and one before
    /// year 0 as `000/-12-31…`: a `knownAt` cut that kept nothing, or text that is not a time.
    @Test(arguments: [
        ("9999-12-31T23:59:59-23:59", "9999-12-31T23:59:59.999999Z"),
        ("0000-01-01T00:00:00+23:59", "0000-01-01T00:00:00.000000Z"),
        ("9999", "9999-12-31T23:59:59.999999Z"),
        ("2018-06-10T15:30:00.1234567+02:00", "2018-06-10T13:30:00.123456Z")
    ])
    func storeClockTextStaysInItsYears(_ text: String, _ expected: String) throws {
        #expect(Timestamp.normalize(text) == expected)
        try FuzzTarget.dates.check(Array(text.utf8))
    }

    /// `exactText` wrote 92233720368547793/8 as the decimal 11529215046068474.125, whose digits pass
    /// Int64 once the point is taken away: a value that did not read back from its own text.
    @Test func pointsWhoseDecimalPassesInt64AreWrittenAsAFraction() throws {
        let value = try #require(Points(text: "184467440737095586/16"))
        #expect(value.exactText == "92233720368547793/8")
        #expect(value.exactDecimal == nil)
        #expect(Points(text: value.exactText) == value)
        #expect(Points(1, 8).exactDecimal == "0.125")
        #expect(try FuzzTarget.points.check(Array("184467440737095586/16".utf8)) == .accepted)
    }

    @Test func storeClockClampsInsteadOfWritingOtherYears() {
        #expect(Timestamp.format(micros: .max) == "9999-12-31T23:59:59.999999Z")
        #expect(Timestamp.format(micros: .min) == "0000-01-01T00:00:00.000000Z")
        #expect(Timestamp.micros(Date.distantFuture) > Timestamp.micros(Date()))
        #expect(Timestamp.micros(Date(timeIntervalSince1970: 1e300)) == Timestamp.representable.upperBound)
    }

    /// A member JSONDecoder skips unread but Foundation cannot parse (`1e400`) made the strict
    /// unknown-field check pass silently: a typo next to it went unnoticed.
    @Test func theStrictCheckRefusesWhatItCannotRead() throws {
        let payload = #"{"championship":"rx","season":2020,"round":3,"reson":"storm","x":1e400}"#
        do {
            _ = try EventCatalogue.decodeStrict(type: "RoundCancelled", schemaVersion: 1, payload: Data(payload.utf8))
            Issue.record("accepted")
        } catch {
            // The toolkit's reader keeps `1e400` as text, so the check reads the input and names the typo.
            #expect(error.description == "payload.reson: unknown field (not defined by RoundCancelled)")
        }
        let line =
            #"{"stream":"season:euro-rx-super1600:2018","type":"StandingsPublished","occurredAt":"2018","payload":{"championship":"euro-rx-super1600","season":2018,"afterRound":6,"rows":[{"organiser":1e400,"position":6,"competitor":"jesse-kallio"}],"reason":"article"}}"#
        #expect(try FuzzTarget.line.check(Array(line.utf8)) == .refused)
    }

    /// `EnvelopeLine` read any text as the hash and wrote it back unescaped: `"hash":"\\"` became an
    /// unterminated string.
    @Test func anEnvelopeHashIsHexadecimal() throws {
        let valid = String(repeating: "0123456789abcdef", count: 4)
        let line =
            #"{"position":1,"eventId":"0190f5a2-7c4b-7d3e-9a11-2b3c4d5e6f70","stream":"notes","streamVersion":1,"type":"Note","schemaVersion":1,"occurredAt":"2021","recordedAt":"2026-06-09T10:14:21.007137Z","actor":null,"correlationId":null,"causationId":null,"payload":{"text":"a"},"hash":"HASH"}"#
        #expect(try EnvelopeLine.decode(line.replacingOccurrences(of: "HASH", with: valid)).hash == valid)
        // An escaped digit is still the digit.
        #expect(try EnvelopeLine.decode(line.replacingOccurrences(of: "HASH", with: #"\u0030"# + valid.dropFirst())).hash == valid)
        for bad in [#"\\"#, valid.uppercased(), String(valid.dropLast()), valid + "0"] {
            #expect(throws: LineError.Reason.self, "\(bad)") { try EnvelopeLine.decode(line.replacingOccurrences(of: "HASH", with: bad)) }
            #expect(try FuzzTarget.envelope.check(Array(line.replacingOccurrences(of: "HASH", with: bad).utf8)) == .refused)
        }
    }

    /// The line scanner took any run of characters as a number or literal, and matched `{` with `]`:
    /// `+5`, `05`, `tru` and `{"a":1]` passed as JSON.
    @Test(arguments: [
        #""expectedVersion":+5"#, #""expectedVersion":05"#, #""schemaVersion":+1"#, #""expectedVersion":tru"#,
        #""expectedVersion":.5"#, #""actor":nul"#, #""expectedVersion":1e"#
    ])
    func scalarsMustBeJSON(_ member: String) throws {
        let line =
            #"{"stream":"season:rx:2020","type":"RoundCancelled","occurredAt":"2020","payload":{"championship":"rx","season":2020,"round":3},"# + member + "}"
        #expect(throws: JSONSyntaxError.self) { try JSONScanner.memberTexts(of: line) }
        #expect(try FuzzTarget.line.check(Array(line.utf8)) == .refused)
    }

    @Test func bracketsMustMatch() throws {
        #expect(throws: JSONSyntaxError.self) { try JSONScanner.memberTexts(of: #"{"payload":{"a":[1}]}"#) }
        #expect(throws: JSONSyntaxError.self) { try JSONScanner.memberTexts(of: #"{"payload":{"a":1]}"#) }
        #expect(try JSONScanner.memberTexts(of: #"{"payload":{"a":[1,{"b":"]}"}]},"n":-0.5e+3,"t":true}"#).first { $0.key == "n" }?.value == "-0.5e+3")
    }

    /// Entry rounds were expanded before any check: `1-9223372036854775807` asked for an array of
    /// Int.max rounds (the process died). Every round must now be one of the season's races.
    @Test(.needsF1DB, arguments: ["1-9223372036854775807", "1-8", "0-3", "-5", "1--2", "3-1"])
    func f1dbEntryRoundsStayInTheSeason(_ rounds: String) throws {
        let scratch = try TemporaryDirectory("f1db-regression")
        defer { withExtendedLifetime(scratch) {} }  // the tree writes into it until the test ends
        let tree = try F1DBFuzzTree(f1db: f1dbRoot, rules: TestEnvironment.f1Rules, season: 1950, scratch: scratch.url)
        let file = "seasons/1950/entrants.yml"
        let original = String(decoding: tree.original(file), as: UTF8.self)
        let changed = try #require(original.range(of: #"rounds: "?[0-9,-]+"?"#, options: .regularExpression))
        let contents = original.replacingCharacters(in: changed, with: "rounds: \"\(rounds)\"")
        #expect(try tree.check(file: file, contents: Array(contents.utf8)) == .refused)
        try contents.write(to: tree.data.appendingPathComponent(file), atomically: true, encoding: .utf8)
        do {
            _ = try F1DBImporter.plan(f1db: tree.data, rules: tree.rules, seasons: [1950])
            Issue.record("accepted rounds \(rounds)")
        } catch {
            // The importer names the file (relative to the seasons) and the rounds.
            #expect("\(error)".contains("1950/entrants.yml"))
            #expect("\(error)".contains(rounds))
        }
    }

    @Test func f1dbSeasonRangesAreBounded() throws {
        #expect(throws: F1DBError.self) { try F1DBSource.parseSeasons("1950-9223372036854775807") }
        #expect(throws: F1DBError.self) { try F1DBSource.parseSeasons("2101") }
        #expect(try F1DBSource.parseSeasons("2099-2100") == [2099, 2100])
    }
}
