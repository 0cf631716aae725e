import Foundation
import SeasonDomain

/// The state every read model is derived from: championships, competitors, teams, and one ledger per
/// championship season. A pure fold: `timeline.apply(envelope)`; no I/O, no clock.
///
/// It holds every season's facts in memory: right for tests and small logs. The service keeps a
/// ``TimelineIndex`` instead and derives ledgers on demand with the same ``SeasonLedger`` fold.
///
/// The same fold serves a full rebuild (fold every event), a live update (fold the new one), a cut
/// (fold only the events inside it) and an explanation (derive from the folded ledger).
///
/// ```swift
/// var timeline = Timeline()
/// for envelope in envelopes { timeline.apply(envelope) }
/// let table = timeline.standings(SeasonKey("f1", 1988), cut: .init(afterRound: 16))
/// ```
public struct Timeline: Sendable, Equatable, Codable, Registries {
    public private(set) var championships: [String: ChampionshipRegistered] = [:]
    public private(set) var competitors: [String: CompetitorRegistered] = [:]
    public private(set) var teams: [String: TeamRegistered] = [:]
    public private(set) var references = References()
    public private(set) var seasons: [SeasonKey: SeasonLedger] = [:]
    /// Notes, by the stream they were attached to.
    public private(set) var notes: [String: [Recorded<Note>]] = [:]
    public private(set) var position: Int64 = 0

    public init() {}

    public mutating func apply(_ envelope: DomainEnvelope) {
        position = max(position, envelope.meta.position)
        switch envelope.event {
        case .championshipRegistered(let e): championships[e.championship] = e
        case .competitorRegistered(let e): competitors[e.competitor] = e
        case .teamRegistered(let e): teams[e.team] = e
        case .note(let e): notes[envelope.meta.stream, default: []].append(Recorded(envelope.meta, e))
        case .circuitRegistered, .competitorDetailsRecorded, .teamDetailsRecorded, .aliasRecorded: references.apply(envelope.event)
        default:
            if let key = Self.season(of: envelope) { seasons[key, default: SeasonLedger(key: key)].apply(envelope) }
        }
    }

    /// The season whose ledger folds this event, or nil for registrations, notes and events of no season.
    /// Every fold that builds ledgers routes with this, so that a ledger re-derived from its streams
    /// equals the one a full fold builds.
    public static func season(of envelope: DomainEnvelope) -> SeasonKey? {
        switch envelope.event {
        case .championshipRegistered, .competitorRegistered, .teamRegistered, .note: return nil
        case .circuitRegistered, .competitorDetailsRecorded, .teamDetailsRecorded, .aliasRecorded: return nil
        case .eventRetracted:
            // A retraction lives in the stream of the event it voids.
            return seasonKey(ofStream: envelope.meta.stream)
        default:
            guard let championship = envelope.event.championship, let season = envelope.event.season else { return nil }
            return SeasonKey(championship, season)
        }
    }

    /// `season:<championship>:<year>` → its key.
    public static func seasonKey(ofStream stream: String) -> SeasonKey? {
        guard case .season(let championship, let year)? = StreamName(parsing: stream) else { return nil }
        return SeasonKey(championship, year)
    }
}
