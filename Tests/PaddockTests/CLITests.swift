import Foundation
import PaddockTestSupport
import Testing

@Suite("The paddock command line", .tags(.slow))
struct CLITests {
    @Test func appendLogVerifyStandingsAndCalendar() throws {
        let temp = try TemporaryStore()
        let db = ["--db", temp.path]
        let (code, out, _) = try runPaddock(["append"] + db, stdin: Sample.season)
        #expect(code == 0)
        #expect(out.contains("appended 8 event(s)"))
        let (_, log, _) = try runPaddock(["log", "--type", "SessionClassified"] + db)
        #expect(log.contains("SessionClassified"))
        #expect(log.contains("1 event(s)"))
        let (_, json, _) = try runPaddock(["log", "--json", "--from-position", "2", "--to-position", "3"] + db)
        #expect(json.split(separator: "\n").count == 2)
        let (verifyCode, verified, _) = try runPaddock(["verify"] + db)
        #expect(verifyCode == 0)
        #expect(verified.contains("8 events, chain intact"))
        let (_, standings, _) = try runPaddock(["standings", "euro-rx-super1600", "2018", "--json"] + db)
        let document = try JSONSerialization.jsonObject(with: Data(standings.utf8)) as! [String: Any]
        let rows = document["rows"] as! [[String: Any]]
        #expect(document["championship"] as? String == "euro-rx-super1600")
        #expect(document["season"] as? Int == 2018)
        #expect(rows.first?["competitor"] as? String == "rokas-baciuska")
        #expect(rows.first?["points"] as? Double == 8)
        #expect(rows[1]["points"] as? Double == 5)
        #expect(rows[1]["position"] as? Int == 2)
        let (_, ics, _) = try runPaddock(["calendar", "euro-rx-super1600", "2018", "--ics"] + db)
        #expect(ics.contains("DTSTART;VALUE=DATE:20180414"))
    }

    @Test func replayRebuildsFromTheWholeLogEvenAfterStateWasPersisted() throws {
        let temp = try TemporaryStore()
        let db = ["--db", temp.path]
        _ = try runPaddock(["append"] + db, stdin: Sample.season)
        _ = try runPaddock(["standings", "euro-rx-super1600", "2018"] + db)  // persists the projections' state
        let (code, out, _) = try runPaddock(["replay"] + db)
        #expect(code == 0)
        #expect(out.contains("replayed 8 events"))
    }

    @Test func theDatabaseComesFromTheEnvironmentWhenNotGiven() throws {
        let temp = try TemporaryStore()
        let (code, out, _) = try runPaddock(["init"], environment: ["PADDOCK_DB": temp.path])
        #expect(code == 0)
        #expect(out.contains(temp.path))
    }

    @Test(arguments: [
        (["append", "/no/such/file"], "cannot read '/no/such/file'"),
        (["standings", "nowhere", "1999"], "no season 'nowhere' 1999"),
        (["log", "--occurred-from", "yesterday"], "--occurred-from: 'yesterday' is not an ISO-8601"),
        (["standings", "f1", "1988", "--after-round", "0"], "--after-round must be 1 or more")
    ])
    func userErrorsAreOneLineOnStandardErrorWithAFailingExit(arguments: [String], message: String) throws {
        let temp = try TemporaryStore()
        let (code, _, err) = try runPaddock(arguments + ["--db", temp.path])
        #expect(code != 0)
        #expect(err.contains(message))
        #expect(err.trimmingCharacters(in: .newlines).split(separator: "\n").count <= 2)  // message, and a usage hint at most
        #expect(!err.contains("Stack"))
        #expect(!err.contains("Fatal error"))
    }

    @Test func aBadLineOnStandardInputIsReportedWithItsNumber() throws {
        let temp = try TemporaryStore()
        let (code, _, err) = try runPaddock(["append", "--db", temp.path], stdin: Sample.season + "\n{\"stream\":1}\n")
        #expect(code != 0)
        #expect(err.contains("line 9: stream: expected a string"))
        let (_, out, _) = try runPaddock(["verify", "--db", temp.path])
        #expect(out.contains("0 events"))
    }

    @Test func theDatabaseMayBeGivenBeforeTheSubcommand() throws {
        let temp = try TemporaryStore()
        let (code, out, err) = try runPaddock(["--db", temp.path, "append"], stdin: Sample.season)
        #expect(code == 0)
        #expect(out.contains("appended 8 event(s)"))
        #expect(err.isEmpty)  // no progress line into a pipe
        let (_, standings, _) = try runPaddock(["--db=\(temp.path)", "standings", "euro-rx-super1600", "2018", "--json"])
        #expect(standings.contains("rokas-baciuska"))
        let (_, after, _) = try runPaddock(["standings", "euro-rx-super1600", "2018", "--json", "--db", temp.path])
        #expect(after == standings)
        let (_, help, _) = try runPaddock(["--help"])
        #expect(help.components(separatedBy: "--db <path>").count == 2)
    }

    @Test func theDemoShipsWithTheBinary() throws {
        let temp = try TemporaryStore()
        let elsewhere = FileManager.default.temporaryDirectory
        let (code, out, err) = try runPaddock(["demo", "--db", temp.path], in: elsewhere)
        #expect(code == 0, "\(err)")
        #expect(out.contains("event(s) appended"), "\(err)")
    }

    @Test(.needsF1DB) func theF1RulesShipWithTheBinary() throws {
        let elsewhere = FileManager.default.temporaryDirectory
        let other = try TemporaryStore()
        let (f1Code, f1Out, f1Err) = try runPaddock(
            ["import", "f1db", TestEnvironment.f1db.path, "--seasons", "1988", "--db", other.path],
            in: elsewhere)
        #expect(f1Code == 0, "\(f1Err)")
        #expect(f1Out.contains("1 season(s)"), "\(f1Err)")
    }

    @Test func exportImportAndLogStreamThroughTheCommandLine() throws {
        let source = try TemporaryStore(), target = try TemporaryStore()
        _ = try runPaddock(["append", "--db", source.path], stdin: Sample.season)
        let (_, exported, _) = try runPaddock(["export", "--db", source.path])
        let (_, listed, _) = try runPaddock(["log", "--json", "--db", source.path])
        #expect(exported == listed)
        #expect(exported.split(separator: "\n").count == 8)
        let file = target.directory.appendingPathComponent("export.ndjson")
        try Data(exported.utf8).write(to: file)
        let (code, out, _) = try runPaddock(["import", "events", file.path, "--db", target.path])
        #expect(code == 0)
        #expect(out.contains("imported 8 event(s)"))
        let (_, again, _) = try runPaddock(["import", "events", file.path, "--db", target.path])
        #expect(again.contains("imported 0 event(s), 8 already in the log"))
        let (_, reexported, _) = try runPaddock(["export", "--db", target.path])
        #expect(reexported == exported)
    }
}
