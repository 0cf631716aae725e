import Foundation
import PaddockTestSupport
import Testing

/// The README's walkthrough, command by command, through the built `paddock`: each output holds the
/// articles' facts.
@Suite("The README walkthrough of the demo")
struct DemoWalkthroughTests {
    let db: [String]
    let directory: TemporaryDirectory

    init() throws {
        directory = try TemporaryDirectory("walkthrough")
        db = ["--db", directory.file("demo.sqlite")]
        let (code, _, err) = try runPaddock(["demo"] + db)
        #expect(code == 0, "\(err)")
    }

    /// Lines of every demo file: the events the log must hold.
    var demoEvents: Int {
        let files = (try? FileManager.default.contentsOfDirectory(at: DemoTests.directory, includingPropertiesForKeys: nil)) ?? []
        return files.filter { $0.pathExtension == "ndjson" }.reduce(0) { count, file in
            count + ((try? String(contentsOf: file, encoding: .utf8)) ?? "").split(separator: "\n").count
        }
    }

    @Test func theLogOfKallios2018Season() throws {
        let (code, out, _) = try runPaddock(["log", "--stream", "season:euro-rx-super1600:2018"] + db)
        #expect(code == 0)
        let rows = out.split(separator: "\n").dropFirst().map { $0.split(separator: " ", omittingEmptySubsequences: true) }
        #expect(out.hasSuffix("36 event(s)\n"))
        let types = rows.filter { $0.count > 5 }.map { $0[5] }
        #expect(types.filter { $0 == "RoundScheduled" }.count == 6)
        #expect(types.filter { $0 == "SessionClassified" }.count == 6)
        #expect(types.filter { $0 == "StandingsPublished" }.count == 1)
        #expect(types.filter { $0 == "TitleAwarded" }.count == 1)
    }

    @Test func kalliokoskisCareer() throws {
        let (code, out, _) = try runPaddock(["career", "jere-kalliokoski"] + db)
        #expect(code == 0)
        #expect(out.contains("titles 2"))
        for fact in ["Albatec Racing", "G-FORS RX", "Ford Fiesta (ex-STARD)", "Suomen mestari, Supercar", "nelivetoluokan Suomen mestari"] {
            #expect(out.contains(fact), "\(fact)")
        }
        // Finnish rallycross: the 2016 debut title, then 2017, 2019 and 2021; Euro RX 2017, 2018 and the 2020 return.
        let seasons = out.split(separator: "\n").filter { $0.contains("Rallicrossin SM-sarja") }.map { $0.prefix(4) }
        #expect(seasons == ["2016", "2017", "2019", "2021"])
        let europe = out.split(separator: "\n").filter { $0.contains("European Rallycross") }.map { $0.prefix(4) }
        #expect(europe == ["2017", "2018", "2020"])
        // Silver in 2017 and bronze in 2019: positions as the articles published them, without points.
        let finnish = out.split(separator: "\n").filter { $0.contains("Rallicrossin SM-sarja") }
        #expect(finnish.map { $0.contains("2 (published)") } == [false, true, false, false])
        #expect(finnish.map { $0.contains("3 (published)") } == [false, false, true, false])
    }

    @Test func kallios2018RoundByRoundWithHisExplanation() throws {
        let (code, out, err) = try runPaddock(["standings", "euro-rx-super1600", "2018", "--each-round", "--explain", "jesse-kallio", "--json"] + db)
        #expect(code == 0, "\(err)")
        let replay = try #require(try JSONSerialization.jsonObject(with: Data(out.utf8)) as? [[String: Any]])
        let tables = replay.compactMap { $0["standings"] as? [String: Any] }
        // Round 4 (France) has no result of his: the puncture is a note, not a classification.
        #expect(tables.map { ($0["cut"] as? [String: Any])?["afterRound"] as? Int } == [1, 2, 3, 5, 6])
        func kallio(_ i: Int) -> [String: Any]? { (tables[i]["rows"] as? [[String: Any]])?.first { $0["competitor"] as? String == "jesse-kallio" } }
        #expect(kallio(1)?["wins"] as? Int == 0)
        #expect(kallio(2)?["wins"] as? Int == 1)  // Norway, in June
        #expect(kallio(4)?["podiums"] as? Int == 2)  // and third in Germany
        #expect(kallio(4)?["position"] == nil)  // no points scale in the articles: not ranked by invented points
        let published = try #require(tables[4]["published"] as? [String: Any])
        #expect((published["rows"] as? [[String: Any]])?.first?["position"] as? Int == 6)
        #expect(tables[2]["published"] == nil)  // the sixth place stood after the last round only

        let explanations = replay.compactMap { $0["explanation"] as? [String: Any] }
        let lines = try #require(explanations.last?["lines"] as? [[String: Any]])
        let summary = lines.map {
            "R\($0["round"] as? Int ?? 0) \($0["session"] as? String ?? "") \($0["classifiedPosition"] as? Int ?? 0) \($0["status"] as? String ?? "")"
        }
        #expect(
            summary == [
                "R1 heat-4 0 DNF", "R2 semi-final 0 DNF", "R3 semi-final 1 classified", "R3 final 1 classified",
                "R5 final 4 classified", "R6 final 3 classified"
            ])
        #expect((lines[0]["notes"] as? [String])?.first?.contains("engine failure") == true)
        #expect(lines.allSatisfy { ($0["rule"] as? String)?.hasPrefix("no points rules declared") == true })
        #expect(((explanations.last?["published"] as? [String: Any])?["rows"] as? [[String: Any]])?.first?["position"] as? Int == 6)

        // The text form says the points are unknown rather than zero.
        let (_, text, _) = try runPaddock(["standings", "euro-rx-super1600", "2018", "--each-round", "--explain", "jesse-kallio"] + db)
        #expect(text.contains("points not known (no rules declared)"))
        #expect(text.contains("published after round 6: position 6, points not given"))
    }

    @Test func aCalendarAsICalendar() throws {
        let (code, ics, _) = try runPaddock(["calendar", "finnish-rx", "2021", "--ics"] + db)
        #expect(code == 0)
        #expect(ics.hasPrefix("BEGIN:VCALENDAR\r\n"))
        #expect(ics.hasSuffix("END:VCALENDAR\r\n"))
        let starts = ics.components(separatedBy: "\r\n").filter { $0.hasPrefix("DTSTART") }
        #expect(
            starts == [
                "DTSTART;VALUE=DATE:20210522", "DTSTART;VALUE=DATE:20210710", "DTSTART;VALUE=DATE:20210807",
                "DTSTART;VALUE=DATE:20210821", "DTSTART;VALUE=DATE:20210904"
            ])
        for venue in ["Honkajoki", "Jalasjärvi", "Kouvola", "Oulu", "Hyvinkää"] { #expect(ics.contains("LOCATION:\(venue)")) }
    }

    @Test func verify() throws {
        let (code, out, _) = try runPaddock(["verify"] + db)
        #expect(code == 0)
        #expect(out.hasPrefix("verified: \(demoEvents) events, chain intact"))
    }

    @Test func theRalliSMBoxIsAPartialPublishedTable() throws {
        let (code, out, _) = try runPaddock(["standings", "ralli-sm", "2026", "--json"] + db)
        #expect(code == 0)
        let table = try #require(try JSONSerialization.jsonObject(with: Data(out.utf8)) as? [String: Any])
        let published = try #require(table["published"] as? [String: Any])
        #expect(published["complete"] as? Bool == false)
        let rows = published["rows"] as? [[String: Any]] ?? []
        #expect(rows.map { $0["points"] as? Double } == [50, 33, 18, 15, 14])
        #expect(rows.first?["competitor"] as? String == "esapekka-lappi")
        // Nothing was invented under it: no results, no rows in the computed table.
        #expect((table["rows"] as? [Any])?.isEmpty == true)
    }
}
