import Foundation
import PaddockTestSupport
import PropertyBased
import SeasonDomain
import Testing

@testable import Projections

/// Several random seasons of two championships, their events interleaved as a log would hold them,
/// with a few events outside the seasons' own streams (registrations, a team change recorded in a
/// competitor's stream, a title) and positions renumbered.
func randomLog(seed: Int) -> [DomainEnvelope] {
    var rng = SeededRandom(seed: seed)
    var queues: [[DomainEnvelope]] = (0..<Int.random(in: 2...5, using: &rng)).map { i in
        var season = randomSeason(seed: seed &+ i, championship: "series-\(i % 2)", season: 2020 + i / 2)
        if Bool.random(using: &rng) {
            season.add(
                TeamChanged(championship: season.championship, season: season.season, competitor: "d1", toTeam: "green", fromRound: 2),
                stream: "competitor:d1")
        }
        if Bool.random(using: &rng) {
            season.add(TitleAwarded(championship: season.championship, season: season.season, competitor: "d2"), occurredAt: "2020-12-03")
        }
        return season.envelopes
    }
    var extras = LogBuilder()
    extras.add(CompetitorRegistered(competitor: "d1", name: "Driver One"), stream: "competitor:d1")
    extras.add(TeamRegistered(team: "red", name: "Red Racing"), stream: "team:red")
    queues.append(extras.envelopes)
    var log: [DomainEnvelope] = []
    while let next = queues.indices.filter({ !queues[$0].isEmpty }).randomElement(using: &rng) {
        var envelope = queues[next].removeFirst()
        envelope.meta.position = Int64(log.count + 1)
        log.append(envelope)
    }
    return log
}

/// The service's way of holding the projections, without the store: an index, a small cache, and
/// ledgers derived again from the events of the streams the index names, up to the index's position.
struct BoundedProjections {
    let log: [DomainEnvelope]
    var index = TimelineIndex()
    var cache: LedgerCache

    init(log: [DomainEnvelope], capacity: Int) {
        self.log = log
        cache = LedgerCache(capacity: capacity)
    }

    mutating func apply(_ envelope: DomainEnvelope) {
        if let key = index.apply(envelope) { cache.fold(envelope, into: key) }
    }

    mutating func ledger(_ key: SeasonKey) -> SeasonLedger {
        if let cached = cache.ledger(key) { return cached }
        let streams = index.seasons[key]!.streams
        let ledger = SeasonLedger.derive(key, from: log.filter { streams.contains($0.meta.stream) && $0.meta.position <= index.position })
        cache.insert(ledger)
        return ledger
    }
}

@Suite("Bounded projections: an index, a cache of ledgers, the rest derived again")
struct BoundedMemoryTests {
    @Test func aLedgerEvictedAndDerivedAgainEqualsTheOneAFullFoldKeeps() async {
        await propertyCheck(count: 50, input: Gen.int(in: 0...1_000_000), Gen.int(in: 0...3)) { seed, capacity in
            let log = randomLog(seed: seed)
            var timeline = Timeline()
            var bounded = BoundedProjections(log: log, capacity: capacity)
            var rng = SeededRandom(seed: seed &+ 7)
            for envelope in log {
                timeline.apply(envelope)
                bounded.apply(envelope)
                // Now and then a query asks for a season in the middle of the log: cached or derived, it is the full fold's.
                if Int.random(in: 0..<6, using: &rng) == 0, let key = bounded.index.seasons.keys.randomElement(using: &rng) {
                    #expect(bounded.ledger(key) == timeline.seasons[key])
                }
            }
            #expect(Set(bounded.index.seasons.keys) == Set(timeline.seasons.keys))
            for key in timeline.seasons.keys.sorted() {
                let ledger = bounded.ledger(key)
                #expect(ledger == timeline.seasons[key])
                let cut = Cut(afterRound: 2)
                #expect(
                    rows(StandingsCalculator(ledger: ledger, className: nil, cut: cut).competitors())
                        == rows(StandingsCalculator(ledger: timeline.seasons[key]!, className: nil, cut: cut).competitors()))
            }
            #expect(bounded.cache.count <= capacity)
            for competitor in ["d1", "d2", "d5", "nobody"] {
                let ledgers = bounded.index.seasons(naming: competitor).map { bounded.ledger($0) }
                #expect(bounded.index.career(of: competitor, in: ledgers) == timeline.career(of: competitor))
            }
        }
    }

    @Test func thePersistedIndexCaughtUpEqualsTheIndexOfARebuild() async throws {
        await propertyCheck(count: 40, input: Gen.int(in: 0...1_000_000), Gen.int(in: 1...6)) { seed, chunks in
            let log = randomLog(seed: seed)
            var rebuilt = TimelineIndex()
            for envelope in log { rebuilt.apply(envelope) }
            var incremental = TimelineIndex()
            let size = max(1, log.count / chunks)
            for (index, envelope) in log.enumerated() {
                incremental.apply(envelope)
                if index % size == 0 {  // persisted and loaded again, as the service does between runs
                    incremental = try! JSONDecoder().decode(TimelineIndex.self, from: JSONEncoder().encode(incremental))
                }
            }
            #expect(incremental == rebuilt)
        }
    }

    @Test func theIndexKnowsEachSeasonsStreamsAndCompetitors() {
        var log = LogBuilder(championship: "rx", season: 2021)
        log.rules(RuleSet(scoring: [scale([3, 2, 1])]))
        log.session(1, ["a", "b"], extra: [ClassifiedResult(position: 3, competitor: "c", sharedWith: ["d"])])
        log.add(TeamChanged(championship: "rx", season: 2021, competitor: "e", toTeam: "blue"), stream: "competitor:e")
        log.add(CompetitorRegistered(competitor: "a", name: "Alice"), stream: "competitor:a")
        var index = TimelineIndex()
        for envelope in log.envelopes { index.apply(envelope) }
        let summary = index.seasons[log.key]!
        #expect(summary.streams == ["season:rx:2021", "competitor:e"])
        #expect(summary.competitors == ["a", "b", "c", "d", "e"])
        #expect(summary.events == 3)
        #expect(index.seasons(naming: "e") == [log.key])
        #expect(index.seasons(naming: "z").isEmpty)
        #expect(index.name(ofCompetitor: "a") == "Alice")
        #expect(index.position == 4)
    }

    @Test func theCacheKeepsTheMostRecentlyUsedLedgers() {
        var cache = LedgerCache(capacity: 2)
        let keys = (2020...2022).map { SeasonKey("rx", $0) }
        cache.insert(SeasonLedger(key: keys[0]))
        cache.insert(SeasonLedger(key: keys[1]))
        _ = cache.ledger(keys[0])  // 2020 used again: 2021 is now the oldest
        cache.insert(SeasonLedger(key: keys[2]))
        #expect(Set(cache.keys) == [keys[0], keys[2]])
        #expect(cache.ledger(keys[1]) == nil)
    }
}
