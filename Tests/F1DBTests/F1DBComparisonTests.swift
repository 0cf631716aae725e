import EventStore
import F1DB
import Foundation
import Paddock
import PaddockTestSupport
import Projections
import SeasonDomain
import Testing

/// Comparisons on real seasons, checked against the official record.
@Suite("F1 comparisons (needs ../shared/f1db beside the project)", .needsF1DB, .tags(.slow))
struct F1DBComparisonTests {
    /// 1988 counted a driver's best 11 results: Senna 90 before Prost 87. With every result
    /// counting, Prost 105 is ahead of Senna 94 (the figures every history of that season quotes).
    @Test func f1988WithEveryResultCounting() async throws {
        let temp = try TemporaryStore()
        let (_, _, projections) = try await importSeasons([1988], into: temp.store)
        let key = SeasonKey("f1", 1988)
        var rules = try await projections.rules(of: key)
        rules.rules.counting = .all
        rules.used = .init(hypothetical: true, source: "1988's rules with every result counting")
        let comparison = try await projections.comparison(key, className: nil, kind: .competitors, from: .everything, to: .everything, rules: rules)
        let prost = try #require(comparison.rows.first { $0.competitor == "alain-prost" })
        let senna = try #require(comparison.rows.first { $0.competitor == "ayrton-senna" })
        #expect(senna.from?.position == 1)
        #expect(senna.from?.points == 90)
        #expect(prost.from?.position == 2)
        #expect(prost.from?.points == 87)
        #expect(prost.to?.position == 1)
        #expect(prost.to?.points == 105)
        #expect(senna.to?.position == 2)
        #expect(senna.to?.points == 94)
        // The causes are the results the best-11 rule dropped: Prost's 18 points are three 2nd places.
        #expect(prost.points == 18)
        #expect(prost.causes.allSatisfy { $0.kind == .result })
        #expect(prost.causes.count == 3)
        #expect(comparison.to.rules.hypothetical)
        #expect(!comparison.from.rules.hypothetical)
    }

    /// 2007: before and after McLaren's exclusion from the constructors' championship was recorded.
    @Test func f2007BeforeAndAfterTheExclusionWasRecorded() async throws {
        let temp = try TemporaryStore()
        let (_, _, projections) = try await importSeasons([2007], into: temp.store)
        let exclusion = try #require(
            try await temp.store.read(EventQuery(types: ["PenaltyApplied"])).first {
                $0.payload.contains("\"exclusion\"") && $0.payload.contains("\"mclaren\"")
            })
        let key = SeasonKey("f1", 2007)
        let comparison = try await projections.comparison(
            key, className: nil, kind: .teams, from: Cut(atPosition: exclusion.position - 1),
            to: .everything)
        let mclaren = try #require(comparison.rows.first { $0.competitor == "mclaren" })
        #expect(mclaren.from?.excluded == false)
        #expect(mclaren.to?.excluded == true)
        #expect(mclaren.causes.map(\.eventId) == [exclusion.eventId])
        #expect(mclaren.causes.first?.kind == .exclusion)
        // Every constructor McLaren was ahead of moves up one place.
        let behind = comparison.rows.filter { row in
            guard let was = row.from?.position, let mp = mclaren.from?.position else { return false }
            return was > mp
        }
        #expect(!behind.isEmpty)
        for row in behind {
            #expect(row.positions == 1, "\(row.competitor): \(String(describing: row.from?.position)) → \(String(describing: row.to?.position))")
        }
        // The drivers kept their points: their table does not change at all.
        let drivers = try await projections.comparison(
            key, className: nil, kind: .competitors, from: Cut(atPosition: exclusion.position - 1),
            to: .everything)
        #expect(drivers.changes.isEmpty)
    }

    /// 2021 under 2010's rules (one scale, no fastest lap, no sprint points) is a hypothesis that
    /// still keeps every fact of 2021.
    @Test func f2021UnderTheRulesOf2010() async throws {
        let temp = try TemporaryStore()
        let (_, _, projections) = try await importSeasons([2010, 2021], into: temp.store)
        let rules = try await projections.rules(of: SeasonKey("f1", 2010))
        let table = try await projections.standings(SeasonKey("f1", 2021), className: nil, kind: .competitors, cut: .everything, rules: rules)
        let own = try await projections.standings(SeasonKey("f1", 2021), className: nil, kind: .competitors, cut: .everything)
        #expect(own.table.rows.first?.competitor == "max-verstappen")
        #expect(own.table.rows.first?.points == Points(791, 2))
        #expect(table.table.rows.count == own.table.rows.count)
        #expect(table.table.rows.first?.points != own.table.rows.first?.points)
    }
}
