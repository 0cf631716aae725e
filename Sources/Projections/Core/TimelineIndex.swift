import Foundation
import SeasonDomain

/// What the projections keep of the whole log between queries, small whatever the log's length:
/// the registers, and per season the streams that carried its events and the competitors it names.
/// A pure fold, like ``Timeline``, but without the seasons' facts: a season's ``SeasonLedger`` is
/// derived when asked for, by folding the events of ``SeasonSummary/streams`` with
/// ``SeasonLedger/derive(_:from:)``.
///
/// ```swift
/// var index = TimelineIndex()
/// for envelope in envelopes { index.apply(envelope) }
/// let streams = index.seasons[SeasonKey("f1", 1988)]?.streams   // where to read that season's events
/// let seasons = index.seasons(naming: "ayrton-senna")           // where a career is
/// ```
public struct TimelineIndex: Sendable, Equatable, Codable, Registries {
    public private(set) var championships: [String: ChampionshipRegistered] = [:]
    public private(set) var competitors: [String: CompetitorRegistered] = [:]
    public private(set) var teams: [String: TeamRegistered] = [:]
    public private(set) var references = References()
    public private(set) var seasons: [SeasonKey: SeasonSummary] = [:]
    /// The last position folded in.
    public private(set) var position: Int64 = 0

    public init() {}

    /// Folds one event in; returns the season whose ledger it belongs to (``Timeline/season(of:)``), if any.
    @discardableResult
    public mutating func apply(_ envelope: DomainEnvelope) -> SeasonKey? {
        apply(IndexEntry(envelope), position: envelope.meta.position, stream: envelope.meta.stream)
    }

    /// Folds what the index keeps of one event (``IndexEntry``, read from the stored event or from
    /// the decoded one); returns the season whose ledger it belongs to, if any.
    @discardableResult
    public mutating func apply(_ entry: IndexEntry, position: Int64, stream: String) -> SeasonKey? {
        self.position = max(self.position, position)
        switch entry {
        case .register(.championshipRegistered(let e)): championships[e.championship] = e
        case .register(.competitorRegistered(let e)): competitors[e.competitor] = e
        case .register(.teamRegistered(let e)): teams[e.team] = e
        case .register(let event) where References.holds(event): references.apply(event)
        case .register, .outside: break
        case .season(let key, let names):
            seasons[key, default: SeasonSummary()].apply(position: position, stream: stream, competitors: names)
            return key
        }
        return nil
    }

    /// The seasons whose events name a competitor, in order: every season of their career (and
    /// possibly a few more, e.g. where the only mention was retracted).
    public func seasons(naming competitor: String) -> [SeasonKey] {
        seasons.filter { $0.value.competitors.contains(competitor) }.map(\.key).sorted()
    }
}

/// One season as the index knows it: enough to find its events again and to find the careers in it.
public struct SeasonSummary: Sendable, Equatable, Codable {
    /// Every stream that carried an event of the season's ledger.
    public private(set) var streams: Set<String> = []
    /// Every competitor an event of the season names (entries, results, retirements, penalties,
    /// changes, titles, adjustments).
    public private(set) var competitors: Set<String> = []
    /// How many events the season's ledger folds.
    public private(set) var events = 0
    /// The last position folded into the season.
    public private(set) var position: Int64 = 0

    public init() {}

    mutating func apply(position: Int64, stream: String, competitors names: [String]) {
        events += 1
        self.position = max(self.position, position)
        // Most events of a season share one stream: skip the hashing when it is already there.
        if streams.count != 1 || streams.first != stream { streams.insert(stream) }
        for name in names { competitors.insert(name) }
    }
}
