import EventStore
import Foundation
import Paddock
import PaddockTestSupport
import Projections
import SeasonDomain
import Testing

@Suite("The demo seasons from the seed articles")
struct DemoTests {
    static let directory = TestEnvironment.demoDirectory

    func loaded() async throws -> (TemporaryStore, ProjectionService) {
        let temp = try TemporaryStore()
        let summary = try await DemoLoader.load(from: Self.directory, into: temp.store)
        #expect(summary.appended > 100)
        let service = ProjectionService(store: temp.store)
        try await service.catchUp()
        return (temp, service)
    }

    @Test func loadsVerifiesAndLoadsTwiceWithoutDuplicates() async throws {
        let (temp, _) = try await loaded()
        let head = try await temp.store.headPosition()
        let again = try await DemoLoader.load(from: Self.directory, into: temp.store)
        #expect(again.appended == 0)
        #expect(again.alreadyRecorded == Int(head))
        #expect(try await temp.store.verify().isIntact)
        // Every fact-bearing event is cited by a note with a source.
        let events = try await temp.store.read(after: 0, limit: 10_000)
        let notes = events.filter { $0.type == "Note" }
        #expect(notes.allSatisfy { $0.payload.contains("\"source\"") })
    }

    @Test func kalliokoskisCareerHoldsTheArticlesFacts() async throws {
        let (_, service) = try await loaded()
        let career = try await service.career("jere-kalliokoski")
        let titles = Set(career.titles.map { "\($0.championship) \($0.season)" })
        #expect(titles.isSuperset(of: ["finnish-rx 2016", "finnish-ice-racing 2021"]))
        let europe = career.seasons.filter { $0.championship.hasPrefix("euro-rx") }
        #expect(europe.map(\.season) == [2017, 2018, 2020])
        #expect(europe.first { $0.season == 2017 }?.teams.map(\.name).joined().contains("Albatec") == true)
        #expect(europe.first { $0.season == 2018 }?.teams.map(\.name).joined().contains("G-FORS") == true)
        #expect(career.seasons.contains { $0.championship == "finnish-rx" && $0.season == 2021 })
    }

    @Test func kallios2018SeasonRoundByRound() async throws {
        let (_, service) = try await loaded()
        let career = try await service.career("jesse-kallio")
        let season = try #require(career.seasons.first { $0.championship == "euro-rx-super1600" && $0.season == 2018 })
        #expect(season.wins == 1)
        #expect(season.retirements.map(\.round) == [1, 2])
        #expect(season.retirements.first?.reason?.lowercased().contains("engine") == true)
        let calendar = try await service.calendar(SeasonKey("euro-rx-super1600", 2018))
        #expect(calendar.rounds.count == 6)
        #expect(calendar.rounds[2].winners.map(\.competitor) == ["jesse-kallio"])
        let baciuska = try await service.career("rokas-baciuska")
        #expect(baciuska.titles.contains { $0.championship == "euro-rx-super1600" && $0.season == 2018 })
    }

    @Test func calendarsAsTheArticlesGiveThem() async throws {
        let (_, service) = try await loaded()
        let finnish = try await service.calendar(SeasonKey("finnish-rx", 2021))
        #expect(finnish.rounds.map { $0.startDate?.rawValue ?? "" } == ["2021-05-22", "2021-07-10", "2021-08-07", "2021-08-21", "2021-09-04"])
        #expect(finnish.rounds.map { $0.venue ?? "" } == ["Honkajoki", "Jalasjärvi", "Kouvola", "Oulu", "Hyvinkää"])
        let nordic = try await service.calendar(SeasonKey("rallyx-nordic", 2021))
        #expect(nordic.rounds.map { $0.startDate?.rawValue ?? "" } == ["2021-05-01", "2021-05-13", "2021-06-05", "2021-08-13"])
        let ralli = try await service.calendar(SeasonKey("ralli-sm", 2026))
        #expect(ralli.rounds.count == 7)
        #expect(ralli.rounds.first?.startDate?.rawValue == "2026-01-16")
        #expect(ralli.rounds.last?.endDate?.rawValue == "2026-09-26")
        let ics = ICalendar.render(finnish, championshipName: "Rallicrossin SM", stamp: "20260101T000000Z")
        #expect(ics.components(separatedBy: "BEGIN:VEVENT").count == 6)
    }
}
