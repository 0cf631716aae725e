import EventStore
import F1DB
import Foundation
import Paddock
import PaddockTestSupport
import Projections
import SeasonDomain
import Testing

/// Circuits, details, aliases and timing data (grids, fastest laps, qualifying, pit stops) enter the
/// log through the import, beside the facts standings read, and re-importing stays idempotent.
@Suite("F1DB timing data (needs ../shared/f1db beside the project)", .needsF1DB, .tags(.slow))
struct F1DBTimingImportTests {
    let aliases = TestEnvironment.packageRoot.appendingPathComponent("EventLog/aliases/f1/ergast.json")

    /// The plan as an importer without the timing generation would have made it.
    func older(_ plan: F1DBImporter.Plan) -> F1DBImporter.Plan {
        var old = plan
        old.reference = plan.reference.filter { $0.generation == 1 }
        for i in old.seasons.indices { old.seasons[i].events = plan.seasons[i].events.filter { $0.generation == 1 } }
        return old
    }

    @Test func aLogImportedBeforeTheTimingFactsTakesJustThem() async throws {
        let temp = try TemporaryStore()
        let plan = try F1DBImporter.plan(f1db: f1db, rules: rulesDirectory, seasons: [2021], aliases: aliases)
        let old = older(plan)
        let first = try await F1DBImporter.append(old, to: temp.store)
        let newFacts = plan.reference.count + plan.seasons.flatMap(\.events).count - old.reference.count - old.seasons.flatMap(\.events).count
        #expect(newFacts > 100)
        let second = try await F1DBImporter.append(plan, to: temp.store)
        #expect(second.appended == newFacts)
        #expect(second.alreadyRecorded == first.appended)
        let stored = try await temp.store.read(after: 0, limit: 100_000)
        let types = Set(stored.dropFirst(first.appended).map(\.type))
        #expect(
            types == [
                "CircuitRegistered", "CompetitorDetailsRecorded", "TeamDetailsRecorded", "AliasRecorded", "RoundDetailsRecorded",
                "StartingGridRecorded", "FastestLapsRecorded", "QualifyingRecorded", "PitStopsRecorded"
            ])
        // And once more: nothing.
        let third = try await F1DBImporter.append(plan, to: temp.store)
        #expect(third.appended == 0)
        #expect(try await temp.store.verify().isIntact)
    }

    @Test func the2021BahrainWeekendAsF1DBGivesIt() async throws {
        let temp = try TemporaryStore()
        let plan = try F1DBImporter.plan(f1db: f1db, rules: rulesDirectory, seasons: [2021], aliases: aliases)
        _ = try await F1DBImporter.append(plan, to: temp.store)
        let projections = ProjectionService(store: temp.store)
        try await projections.catchUp()
        let index = await projections.index
        // From data/circuits/bahrain.yml and data/countries: Sakhir, Bahrain.
        let circuit = try #require(index.references.circuits["bahrain"])
        #expect(circuit.name == "Bahrain International Circuit")
        #expect(circuit.locality == "Sakhir")
        #expect(circuit.country == "Bahrain")
        // data/drivers/max-verstappen.yml: VER, Dutch (nationality netherlands); the alias from the Ergast id file.
        #expect(index.references.competitorDetails["max-verstappen"]?.code == "VER")
        #expect(index.references.competitorDetails["max-verstappen"]?.demonym == "Dutch")
        #expect(index.references.resolve("max_verstappen", as: .competitor) == "max-verstappen")
        #expect(index.references.teamDetails["red-bull"]?.demonym == "Austrian")

        let timing = try await projections.ledger(SeasonKey("f1", 2021)).timing
        #expect(timing.roundDetails.first { $0.fact.round == 1 }?.fact.circuit == "bahrain")
        // 2021/races/01-bahrain: Verstappen's pole (Q3 1:28.997), Bottas's fastest lap (1:32.090, lap 56), Hamilton 2nd on the grid.
        let qualifying = try #require(timing.qualifying.first { $0.fact.round == 1 }?.fact.results.first)
        #expect(qualifying.competitor == "max-verstappen")
        #expect(qualifying.q3 == "1:28.997")
        let fastest = try #require(timing.fastestLaps.first { $0.fact.round == 1 }?.fact.laps.first)
        #expect(fastest.rank == 1)
        #expect(fastest.competitor == "valtteri-bottas")
        #expect(fastest.time == "1:32.090")
        let grid = try #require(timing.grids.first { $0.fact.round == 1 && $0.fact.session == "race" }?.fact.positions)
        #expect(grid.first { $0.competitor == "lewis-hamilton" }?.position == 2)
        let stops = try #require(timing.pitStops.first { $0.fact.round == 1 }?.fact.stops)
        #expect(stops.contains { $0.competitor == "max-verstappen" && $0.stop == 1 })
    }
}
