import Foundation
import PaddockTestSupport
import PropertyBased
import SeasonDomain
import Testing

@testable import Projections

/// A random but plausible season: rules, rounds, races and sprints, shared cars, fastest laps,
/// retirements, penalties, corrections and retractions.
func randomSeason(seed: Int, championship: String = "test-series", season: Int = 2020) -> LogBuilder {
    var rng = SeededRandom(seed: seed)
    var log = LogBuilder(championship: championship, season: season)
    let drivers = (1...Int.random(in: 4...9, using: &rng)).map { "d\($0)" }
    let counting: [CountingRule] = [.all, .best(3), .split(firstRounds: 2, bestOfFirst: 1, bestOfRest: 2)]
    let shared: [SharedDrivePolicy] = [.none, .splitEqually, .splitEquallyBestCarOnly]
    log.rules(
        RuleSet(
            scoring: [scale([10, 6, 4, 3, 2, 1]), scale([3, 2, 1], [.sprint])],
            bonuses: [BonusRule(kind: .fastestLap, points: 1, sessions: [.race], onlyIfClassifiedWithin: Bool.random(using: &rng) ? 5 : nil)],
            sharedDrives: shared.randomElement(using: &rng)!, counting: counting.randomElement(using: &rng)!,
            teams: TeamRules(scoring: Bool.random(using: &rng) ? .allCars : .bestCarOnly)))
    let rounds = Int.random(in: 2...6, using: &rng)
    var classifications: [UUID] = []
    for round in 1...rounds {
        log.schedule(round, String(format: "2020-%02d-10", round + 3))
        for kind in Bool.random(using: &rng) ? [SessionKind.sprint, .race] : [.race] {
            var order = drivers.shuffled(using: &rng)
            var results: [ClassifiedResult] = []
            let retired = Int.random(in: 0...2, using: &rng)
            let fastest = order.randomElement(using: &rng)!
            for (index, driver) in order.enumerated() where index < order.count - retired {
                results.append(
                    ClassifiedResult(
                        position: index + 1, competitor: driver, team: index % 2 == 0 ? "red" : "blue",
                        fastestLap: driver == fastest ? true : nil))
            }
            if Int.random(in: 0...3, using: &rng) == 0, results.count >= 3 {
                // The 3rd-placed car was shared with the 2nd-placed driver.
                results[2].sharedWith = [results[1].competitor]
                results.insert(
                    ClassifiedResult(
                        position: 3, competitor: results[1].competitor, sharedWith: [results[2].competitor],
                        team: results[2].team), at: 3)
            }
            for driver in order.suffix(retired) {
                results.append(
                    ClassifiedResult(
                        position: nil, competitor: driver, status: .dnf, reason: "engine",
                        fastestLap: driver == fastest ? true : nil))
            }
            order.removeAll()
            let occurred = String(format: "2020-%02d-10T%02d:00:00+02:00", round + 3, kind == .sprint ? 12 : 15)
            classifications.append(
                log.add(
                    SessionClassified(
                        championship: log.championship, season: log.season, round: round, session: kind.rawValue, kind: kind,
                        results: results), occurredAt: occurred))
        }
        if Int.random(in: 0...2, using: &rng) == 0 {
            log.add(
                PenaltyApplied(
                    championship: log.championship, season: log.season, round: round, session: "race",
                    competitor: drivers.randomElement(using: &rng)!, kind: .positions, positions: 1, reason: "track limits"),
                occurredAt: String(format: "2020-%02d-10T18:00:00+02:00", round + 3))
        }
    }
    if Bool.random(using: &rng), let target = classifications.randomElement(using: &rng) {
        log.add(EventRetracted(retracts: target, reason: "wrong session"), occurredAt: "2020-12-01")
    }
    if Bool.random(using: &rng) {
        log.add(
            PointsAdjusted(
                championship: log.championship, season: log.season, competitor: drivers[0], points: 2, mode: .delta,
                reason: "appeal"), occurredAt: "2020-12-02")
    }
    return log
}

func rows(_ result: StandingsCalculator.Result) -> [String] {
    result.table.rows.map { "\($0.position ?? 0) \($0.competitor) \($0.points.exactText) \($0.wins)" }
}

@Suite("Properties of the folds")
struct PropertyTests {
    @Test func incrementalUpdatesWithPersistedStateEqualARebuild() async throws {
        await propertyCheck(count: 60, input: Gen.int(in: 0...1_000_000), Gen.int(in: 1...8)) { seed, chunks in
            let log = randomSeason(seed: seed)
            let rebuilt = log.timeline()
            var incremental = Timeline()
            let size = max(1, log.envelopes.count / chunks)
            for (index, envelope) in log.envelopes.enumerated() {
                incremental.apply(envelope)
                if index % size == 0 {  // persist and reload, as the service does between runs
                    incremental = try! JSONDecoder().decode(Timeline.self, from: JSONEncoder().encode(incremental))
                }
            }
            #expect(incremental == rebuilt)
        }
    }

    @Test func aCutEqualsTheRebuildOfTheTruncatedLog() async {
        await propertyCheck(count: 60, input: Gen.int(in: 0...1_000_000), Gen.int(in: 0...100)) { seed, percent in
            let log = randomSeason(seed: seed)
            let position = Int64(log.envelopes.count * percent / 100)
            guard position >= 1 else { return }
            let full = log.timeline().seasons[log.key]!
            let truncated = log.timeline(upTo: position).seasons[log.key]!
            for cut in [Cut(atPosition: position), Cut(knownAt: log.envelopes[Int(position) - 1].meta.recordedAt)] {
                let viaCut = StandingsCalculator(ledger: full.restricted(to: cut), className: nil, cut: cut)
                let viaTruncation = StandingsCalculator(ledger: truncated, className: nil, cut: cut)
                #expect(rows(viaCut.competitors()) == rows(viaTruncation.competitors()))
                #expect(rows(viaCut.teams()) == rows(viaTruncation.teams()))
                #expect(full.calendar(cut: cut).rounds == truncated.calendar(cut: cut).rounds)
            }
        }
    }

    @Test func theRecordingOrderOfOneMomentDoesNotChangeStandings() async {
        await propertyCheck(count: 60, input: Gen.int(in: 0...1_000_000)) { seed in
            let log = randomSeason(seed: seed)
            var rng = SeededRandom(seed: seed &+ 1)
            // Shuffle the events that occurred at the same moment, then renumber positions.
            let groups = Dictionary(grouping: log.envelopes, by: \.meta.occurredAt)
            let moments = log.envelopes.map(\.meta.occurredAt).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
            var shuffled = LogBuilder()
            for moment in moments {
                for envelope in groups[moment]!.shuffled(using: &rng) {
                    var copy = envelope
                    copy.meta.position = Int64(shuffled.envelopes.count + 1)
                    shuffled.envelopes.append(copy)
                }
            }
            #expect(rows(shuffled.standings()) == rows(log.standings()))
            #expect(rows(shuffled.teams()) == rows(log.teams()))
        }
    }

    @Test func explanationsAlwaysAddUpToTheStandings() async {
        await propertyCheck(count: 80, input: Gen.int(in: 0...1_000_000), Gen.int(in: 1...6)) { seed, round in
            let log = randomSeason(seed: seed)
            for result in [log.standings(), log.standings(Cut(afterRound: round)), log.teams()] {
                for row in result.table.rows + result.table.excluded {
                    let explanation = result.explanations[row.competitor]!
                    let sum = explanation.lines.filter(\.counted).reduce(Points.zero) { $0 + $1.points }
                    #expect(sum == row.points)
                    #expect(explanation.total == row.points)
                }
            }
        }
    }
}
