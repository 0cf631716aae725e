import Foundation
import SeasonDomain

@testable import Projections

/// Builds a log of domain envelopes for one test, with increasing positions and store times.
struct LogBuilder {
    var envelopes: [DomainEnvelope] = []
    let championship: String
    let season: Int

    init(championship: String = "test-series", season: Int = 2020) {
        self.championship = championship
        self.season = season
    }

    var key: SeasonKey { SeasonKey(championship, season) }

    @discardableResult
    mutating func add(
        _ event: any DomainEvent, occurredAt: String = "2020-01-01", recordedAt: String? = nil,
        stream: String? = nil
    ) -> UUID {
        let position = Int64(envelopes.count + 1)
        let id = UUID()
        let recorded = recordedAt ?? String(format: "2026-01-01T00:00:%02d.%06dZ", Int(position / 1_000_000) % 60, Int(position % 1_000_000))
        let meta = EventMeta(
            position: position, eventId: id, stream: stream ?? "season:\(championship):\(season)",
            occurredAt: occurredAt, recordedAt: recorded)
        envelopes.append(DomainEnvelope(meta: meta, event: SeasonEvent(event)))
        return id
    }

    @discardableResult
    mutating func rules(_ rules: RuleSet, className: String? = nil) -> UUID {
        add(RulesDeclared(championship: championship, season: season, className: className, rules: rules), occurredAt: "2020-01-01")
    }

    @discardableResult
    mutating func schedule(_ round: Int, _ date: String) -> UUID {
        add(
            RoundScheduled(
                championship: championship, season: season, round: round, venue: "Venue \(round)",
                startDate: try! PartialDate(date)), occurredAt: "2019-12-01")
    }

    /// A session classified in finishing order; `nil` entries are skipped positions.
    @discardableResult
    mutating func session(
        _ round: Int, _ order: [String], kind: SessionKind = .race, session: String? = nil, occurredAt: String? = nil,
        className: String? = nil, completed: Points? = nil, extra: [ClassifiedResult] = [], fastest: Set<String> = []
    ) -> UUID {
        let results =
            order.enumerated().map { index, id in
                ClassifiedResult(position: index + 1, competitor: id, fastestLap: fastest.contains(id) ? true : nil)
            } + extra
        return add(
            SessionClassified(
                championship: championship, season: season, round: round, className: className,
                session: session ?? kind.rawValue, kind: kind, completedDistance: completed, results: results),
            occurredAt: occurredAt ?? String(format: "2020-%02d-01", min(12, round)))
    }

    func timeline(upTo position: Int64 = .max) -> Timeline {
        var timeline = Timeline()
        for envelope in envelopes where envelope.meta.position <= position { timeline.apply(envelope) }
        return timeline
    }

    func standings(_ cut: Cut = .everything, className: String? = nil) -> StandingsCalculator.Result {
        let ledger = timeline().seasons[key]!.restricted(to: cut)
        return StandingsCalculator(ledger: ledger, className: className, cut: cut).competitors()
    }

    func teams(_ cut: Cut = .everything) -> StandingsCalculator.Result {
        StandingsCalculator(ledger: timeline().seasons[key]!.restricted(to: cut), className: nil, cut: cut).teams()
    }
}

func scale(_ points: [Points], _ kinds: [SessionKind] = [.race]) -> SessionScoring { SessionScoring(kinds: kinds, points: points) }

extension StandingsCalculator.Result {
    /// competitor → points, for compact assertions.
    var points: [String: Points] { Dictionary(uniqueKeysWithValues: table.rows.map { ($0.competitor, $0.points) }) }
    var positions: [String: Int] { Dictionary(uniqueKeysWithValues: table.rows.map { ($0.competitor, $0.position ?? 0) }) }
    var order: [String] { table.rows.map(\.competitor) }
}
