import EventStore
import Foundation
import PaddockTestSupport
import Projections
import SeasonDomain
import Testing

@testable import Paddock

@Suite("paddock compare")
struct CompareTests {
    static let demo = TestEnvironment.demoDirectory

    /// The demo's 2018 Super1600 season, with a correction recorded on top: Kallio's third place in
    /// the round-6 final corrected to second. Known-at before and after: the correction is the
    /// cause, the superseded classification no longer counts.
    @Test func aKnownAtComparisonAcrossACorrection() async throws {
        let temp = try TemporaryStore()
        try await DemoLoader.load(from: Self.demo, into: temp.store)
        let final6 = try #require(
            try await temp.store.read(EventQuery(stream: "season:euro-rx-super1600:2018", types: ["SessionClassified"]))
                .last { $0.payload.contains("\"round\":6") })
        let before = try #require(try await temp.store.read(after: 0, limit: 1_000).last).recordedAt
        try await Task.sleep(for: .milliseconds(5))
        let correction =
            #"{"stream":"season:euro-rx-super1600:2018","type":"ResultCorrected","occurredAt":"2018-10-01","payload":{"championship":"euro-rx-super1600","season":2018,"round":6,"session":"final","kind":"final","corrects":["\#(final6.eventId.lowercased)"],"results":[{"position":2,"competitor":"jesse-kallio"}],"reason":"test: a correction on top of the demo"}}"#
        try await NDJSONAppender(store: temp.store).append(contentsOf: correction, actor: "steward")
        let corrected = try #require(try await temp.store.read(after: 0, limit: 1_000).last)

        let (code, out, err) = try runPaddock(["compare", "euro-rx-super1600", "2018", "--from", "known-at:\(before)", "--json", "--db", temp.path])
        #expect(code == 0, "\(err)")
        let document = try JSONDecoder().decode(Documents.ComparisonDocument.self, from: Data(out.utf8))
        let kallio = try #require(document.rows.first { $0.competitor == "jesse-kallio" })
        #expect(kallio.changed)
        #expect(Set(kallio.causes.map(\.eventId)) == [final6.eventId.lowercased, corrected.eventId.lowercased])
        #expect(kallio.causes.first { $0.eventId == corrected.eventId.lowercased }?.new == true)
        #expect(kallio.causes.first { $0.eventId == final6.eventId.lowercased }?.rule.hasPrefix("no longer in the table") == true)
        #expect(document.changes == document.rows.filter(\.changed).count)

        // The same cut on both sides: nothing changes.
        let (_, same, _) = try runPaddock([
            "compare", "euro-rx-super1600", "2018", "--from", "known-at:\(before)", "--to", "known-at:\(before)",
            "--db", temp.path
        ])
        #expect(same.contains("no change"))
    }

    @Test func hypotheticalRulesSayWhatTheyAre() async throws {
        let temp = try TemporaryStore()
        try await NDJSONAppender(store: temp.store).append(contentsOf: Sample.season)
        let file = temp.directory.appendingPathComponent("rules.json")
        try Data(#"{"scoring":[{"kinds":["final"],"points":[1,10]}]}"#.utf8).write(to: file)
        let (code, out, _) = try runPaddock(["standings", "euro-rx-super1600", "2018", "--rules", file.path, "--db", temp.path])
        #expect(code == 0)
        #expect(out.contains("HYPOTHETICAL (hypothetical: the rules in rules.json)"))
        let (_, compared, _) = try runPaddock(["compare", "euro-rx-super1600", "2018", "--rules", file.path, "--json", "--db", temp.path])
        let document = try JSONDecoder().decode(Documents.ComparisonDocument.self, from: Data(compared.utf8))
        #expect(document.hypothetical)
        #expect(document.to.hypothetical)
        #expect(!document.from.hypothetical)
        #expect(document.rows.first?.competitor == "jesse-kallio")
        #expect(document.rows.first?.to?.points == 10)
        // Nothing was recorded.
        #expect(try await temp.store.headPosition() == 8)
        // A bad rules file is a named error.
        try Data(#"{"scoring":[{"kinds":["final"],"points":[-1]}]}"#.utf8).write(to: file)
        let (bad, _, err) = try runPaddock(["compare", "euro-rx-super1600", "2018", "--rules", file.path, "--db", temp.path])
        #expect(bad != 0)
        #expect(err.contains("rules.scoring[0].points[0]"))
    }

    @Test(arguments: [
        ("after-round:8", Cut(afterRound: 8)),
        ("position:1200", Cut(atPosition: 1200)),
        ("as-of:2018-08-21", Cut(asOf: "2018-08-21")),
        ("after-round:3,as-of:2018-06", Cut(afterRound: 3, asOf: "2018-06")),
        ("", Cut.everything),
        ("everything", Cut.everything)
    ])
    func cutsAsText(text: String, cut: Cut) throws {
        #expect(try CutText.parse(text) == cut)
    }

    @Test func badCutsAreNamed() {
        #expect(throws: CutText.FormatError.self) { try CutText.parse("after-round:0") }
        #expect(throws: CutText.FormatError.self) { try CutText.parse("round:3") }
        #expect(throws: CutText.FormatError.self) { try CutText.parse("known-at:yesterday") }
    }
}
