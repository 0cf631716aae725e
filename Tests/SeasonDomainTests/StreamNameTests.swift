import PaddockTestSupport
import Testing

@testable import SeasonDomain

@Suite("StreamName")
struct StreamNameTests {
    @Test func buildsTheTextsTheLogStores() {
        #expect(StreamName.season("euro-rx-super1600", 2018).text == "season:euro-rx-super1600:2018")
        #expect(StreamName.championship("f1").text == "championship:f1")
        #expect(StreamName.competitor("jesse-kallio").text == "competitor:jesse-kallio")
        #expect(StreamName.team("olsbergs-mse").text == "team:olsbergs-mse")
        #expect(StreamName.circuit("holjes").text == "circuit:holjes")
        #expect(StreamName.team("x").description == "team:x")
    }

    @Test func parsesWhatItBuilds() {
        #expect(StreamName(parsing: "season:f1:1988") == .season("f1", 1988))
        #expect(StreamName(parsing: "championship:f1") == .championship("f1"))
        #expect(StreamName(parsing: "competitor:ayrton-senna") == .competitor("ayrton-senna"))
        #expect(StreamName(parsing: "team:mclaren") == .team("mclaren"))
        #expect(StreamName(parsing: "circuit:monza") == .circuit("monza"))
    }

    /// Ids as the validator allows them (a-z, 0-9, '-', '_', '.'), seasons across their range.
    @Test(arguments: [1, 2, 3])
    func roundTripsGeneratedNames(seed: Int) {
        var random = SeededRandom(seed: seed)
        let alphabet = Array("abcdefghijklmnopqrstuvwxyz0123456789-_.")
        for _ in 0..<200 {
            let id = String((0..<Int.random(in: 1...30, using: &random)).map { _ in alphabet.randomElement(using: &random)! })
            let year = Int.random(in: 1900...2100, using: &random)
            for name in [StreamName.season(id, year), .championship(id), .competitor(id), .team(id), .circuit(id)] {
                #expect(StreamName(parsing: name.text) == name, "seed \(seed): \(name.text)")
            }
        }
    }

    @Test(arguments: [
        "", "season", "season:", "season:f1", "season:f1:", "season::1988", "season:f1:1988:x", "season:f1:+1988",
        "season:f1:01988", "season:f1:nineteen", "season:f1: 1988", "Season:f1:1988", "competitor", "competitor:",
        "competitor:a:b", "team::", ":team", "driver:senna", "circuit:monza:", "notes", "f1:1988"
    ])
    func refusesMalformedNames(_ text: String) {
        #expect(StreamName(parsing: text) == nil)
    }

    @Test func streamOfAnEvent() throws {
        let inSeason = TeamChanged(championship: "rx", season: 2020, competitor: "dan", toTeam: "kyb")
        #expect(StreamName.of(.teamChanged(inSeason)) == .season("rx", 2020))
        #expect(StreamName.of(.carChanged(CarChanged(competitor: "dan", toCar: "Audi S1"))) == .competitor("dan"))
        #expect(StreamName.of(.competitorRegistered(CompetitorRegistered(competitor: "dan", name: "Dan"))) == .competitor("dan"))
        #expect(StreamName.of(.roundCancelled(RoundCancelled(championship: "rx", season: 2020, round: 3))) == .season("rx", 2020))
        #expect(StreamName.of(.note(Note(text: "a note"))) == nil)
    }
}
