import EventStore
import Foundation
import Projections
import SeasonDomain

/// Keeps the projections up to date with the log: loads the last persisted state, catches up
/// incrementally, and rebuilds from scratch when the projections' code version changes.
///
/// Its memory is bounded whatever the log's length: it keeps a ``TimelineIndex`` (registers, and per
/// season its streams and the competitors it names) and the most recently used season ledgers
/// (``LedgerCache``). Any other season's ledger is derived when asked for, by reading that season's
/// streams from the log and folding them with the same ``SeasonLedger`` fold. Only the index is persisted.
///
/// ```swift
/// let projections = ProjectionService(store: store)
/// try await projections.catchUp()
/// let table = try await projections.standings(SeasonKey("f1", 1988), className: nil, kind: .competitors,
///                                             cut: Cut(afterRound: 16))
/// ```
public actor ProjectionService {
    /// Bump when a fold or derivation changes meaning: persisted state of another version is rebuilt.
    /// (2: the persisted state is the ``TimelineIndex``, no longer the whole ``Timeline``; 3: it keeps ``References``.)
    public static let codeVersion = 3
    static let snapshotName = "timeline"
    /// How many season ledgers stay in memory by default: a few hundred seasons of a few hundred events each.
    public static let defaultCachedSeasons = 256

    public let store: any EventStore
    let snapshots: (any ProjectionSnapshotStore)?
    /// The registers and the seasons' summaries, as of ``position``.
    public private(set) var index = TimelineIndex()
    private var cache: LedgerCache
    /// The position of the state last persisted (-1: nothing persisted by this service yet).
    private var persistedPosition: Int64 = -1
    private var triedPersistedState = false

    /// - Parameter cachedSeasons: how many season ledgers to keep in memory; the others are derived from the log when asked for.
    public init(
        store: any EventStore, snapshots: (any ProjectionSnapshotStore)? = nil,
        cachedSeasons: Int = ProjectionService.defaultCachedSeasons
    ) {
        self.store = store
        self.snapshots = snapshots ?? (store as? any ProjectionSnapshotStore)
        self.cache = LedgerCache(capacity: cachedSeasons)
    }

    /// The last log position the projections include.
    public var position: Int64 { index.position }

    /// Loads the persisted state (once, when its version matches) and folds every event after it.
    /// Returns the number of events folded.
    @discardableResult
    public func catchUp(pageSize: Int = 10_000) async throws -> Int {
        if !triedPersistedState {
            triedPersistedState = true
            if let snapshots, let saved = try await snapshots.loadSnapshot(named: Self.snapshotName),
                saved.codeVersion == Self.codeVersion, saved.position > index.position,
                let restored = try? JSONDecoder().decode(TimelineIndex.self, from: saved.state)
            {
                index = restored
                cache.removeAll()
                persistedPosition = saved.position
            }
        }
        return try await foldLog(pageSize: pageSize)
    }

    /// Folds events just appended, as the append returned them, when they directly follow
    /// ``position``: a write's own events need no read back from the log. Otherwise (another writer
    /// came between) catches up from the log. Returns the position reached.
    ///
    /// ```swift
    /// let results = try await store.append(batches)
    /// let reached = try await projections.catchUp(appended: results.flatMap(\.events))
    /// ```
    @discardableResult
    public func catchUp(appended events: [RecordedEvent]) async throws -> Int64 {
        let new = events.filter { $0.position > index.position }.sorted { $0.position < $1.position }
        guard let first = new.first else { return index.position }
        let contiguous = zip(new, new.dropFirst()).allSatisfy { $1.position == $0.position + 1 }
        if triedPersistedState, first.position == index.position + 1, contiguous {
            try fold(try EnvelopeDecoder.indexed(new))
        } else {
            try await catchUp()
        }
        return index.position
    }

    /// Folds everything from the start, ignoring persisted state.
    @discardableResult
    public func rebuild(pageSize: Int = 10_000) async throws -> Int {
        triedPersistedState = true
        index = TimelineIndex()
        cache.removeAll()
        persistedPosition = -1
        return try await foldLog(pageSize: pageSize)
    }

    /// Folds the log after ``position``, page by page: the next page is read while the current one is
    /// indexed, and indexed while the previous one is folded. The index needs a few members of each
    /// event (``IndexEntry``); only events of cached seasons are decoded whole, for their ledgers.
    /// The state is changed here, on the actor, between awaits, never inside a closure; events
    /// already folded (by a concurrent catch-up) are skipped.
    private func foldLog(pageSize: Int) async throws -> Int {
        var pages = PagePipeline(store: store, after: index.position, pageSize: pageSize, transform: EnvelopeDecoder.indexed)
        var folded = 0
        while let page = try await pages.next() { folded += try fold(page) }
        return folded
    }

    /// Folds a page into the index, and into the ledgers of cached seasons (decoding those events
    /// whole); skips what is folded already. Returns the number of events folded.
    @discardableResult
    private func fold(_ page: IndexedPage) throws -> Int {
        var folded = 0
        for (event, entry) in zip(page.events, page.entries) where event.position > index.position {
            if let key = index.apply(entry, position: event.position, stream: event.stream), cache.contains(key) {
                cache.fold(try EnvelopeDecoder.decode(event), into: key)
            }
            folded += 1
        }
        return folded
    }

    /// Persists the index if it moved since it was last persisted (a few bytes per season and competitor).
    public func persist() async throws {
        guard let snapshots, index.position != persistedPosition else { return }
        let position = index.position
        let data = try JSONEncoder().encode(index)
        try await snapshots.saveSnapshot(
            ProjectionSnapshot(
                name: Self.snapshotName, codeVersion: Self.codeVersion,
                position: position, state: data))
        persistedPosition = position
    }

    // MARK: - Queries

    /// A season's ledger as of ``position``: from the cache, or derived from the season's streams.
    ///
    /// Readers that ask for the same uncached season at once wait for one derivation (a cold cache
    /// under load would otherwise read and decode the season once per request).
    public func ledger(_ key: SeasonKey) async throws -> SeasonLedger {
        if let cached = cache.ledger(key) { return cached }
        guard let summary = index.seasons[key] else { throw PaddockError.unknownSeason(key) }
        let position = index.position
        let task: Task<SeasonLedger, any Error>
        if let running = deriving[key], running.position == position {
            task = running.task
        } else {
            let store = self.store, streams = summary.streams.sorted(), events = summary.events
            task = Task.detached { try await Self.derive(key, streams: streams, events: events, at: position, from: store) }
            deriving[key] = (position, task)
        }
        defer { if deriving[key]?.task == task { deriving[key] = nil } }
        let ledger = try await task.value
        // Events folded while the log was read are not in this ledger: keep it only if none were.
        if index.position == position { cache.insert(ledger) }
        return ledger
    }

    /// Ledgers being derived, with the position each is derived at.
    private var deriving: [SeasonKey: (position: Int64, task: Task<SeasonLedger, any Error>)] = [:]

    private static func derive(
        _ key: SeasonKey, streams: [String], events: Int, at position: Int64,
        from store: any EventStore
    ) async throws -> SeasonLedger {
        var envelopes: [DomainEnvelope] = []
        envelopes.reserveCapacity(events)
        for stream in streams {
            let read = try await store.read(EventQuery(stream: stream, atOrBeforePosition: position))
            envelopes += try EnvelopeDecoder.decode(read)
        }
        return SeasonLedger.derive(key, from: envelopes)
    }

    // The derivations below run off the actor: only fetching the ledger is isolated, so readers do
    // not queue the follower's catch-up (and the writers waiting on it) behind their computation.

    /// A season's table at a cut; with `rules`, under those rules instead of its own (nothing is written).
    public nonisolated func standings(
        _ key: SeasonKey, className: String?, kind: StandingsKind, cut: Cut,
        rules: HypotheticalRules? = nil
    ) async throws -> StandingsCalculator.Result {
        try await standingsAndLedger(key, className: className, kind: kind, cut: cut, rules: rules).result
    }

    private nonisolated func standingsAndLedger(
        _ key: SeasonKey, className: String?, kind: StandingsKind, cut: Cut,
        rules: HypotheticalRules?
    ) async throws -> (result: StandingsCalculator.Result, ledger: SeasonLedger) {
        var ledger = try await ledger(key).restricted(to: cut)
        if let rules { ledger = ledger.replacingRules(with: rules.rules) }
        let calculator = StandingsCalculator(ledger: ledger, className: className, cut: cut)
        let result = kind == .competitors ? calculator.competitors() : calculator.teams()
        try Self.requireInRange(result, key)
        return (result, ledger)
    }

    /// Two tables of a season side by side: `from` under the season's own rules, `to` under `rules`
    /// when given (a hypothesis), else its own.
    ///
    /// ```swift
    /// let what = try await projections.comparison(key, className: nil, kind: .teams,
    ///                                              from: Cut(atPosition: penalty.position - 1), to: .everything)
    /// ```
    public nonisolated func comparison(
        _ key: SeasonKey, className: String?, kind: StandingsKind, from: Cut, to: Cut,
        rules: HypotheticalRules? = nil
    ) async throws -> Comparison {
        // The two tables are independent: derived side by side, on two cores when there are two.
        async let earlier = standingsAndLedger(key, className: className, kind: kind, cut: from, rules: nil)
        async let later = standingsAndLedger(key, className: className, kind: kind, cut: to, rules: rules)
        let (before, after) = try await (earlier, later)
        return Comparison(
            from: .init(result: before.result, ledger: before.ledger, rules: .own),
            to: .init(result: after.result, ledger: after.ledger, rules: rules?.used ?? .own))
    }

    /// Another season's rules, as in force at its last round, to replay a season under them.
    public nonisolated func rules(of key: SeasonKey, className: String? = nil) async throws -> HypotheticalRules {
        guard let rules = try await ledger(key).rulesInForce(className: className) else { throw PaddockError.noRules(key) }
        return HypotheticalRules(rules: rules, used: .init(hypothetical: true, source: "the rules of \(key.championship) \(key.season)"))
    }

    /// Refuses a result holding ``Points/outOfRange``: the season's recorded values combine into a
    /// fraction exact 64-bit arithmetic cannot hold. A reader gets this error, never a wrong figure.
    static func requireInRange(_ result: StandingsCalculator.Result, _ key: SeasonKey) throws(PaddockError) {
        for row in result.table.rows + result.table.excluded
        where row.points.isOutOfRange || row.grossPoints.isOutOfRange || row.gap.isOutOfRange || row.roundScores.contains(where: \.points.isOutOfRange) {
            throw .pointsOutOfRange(key, row.competitor)
        }
        for (competitor, explanation) in result.explanations
        where explanation.total.isOutOfRange || explanation.lines.contains(where: { $0.points.isOutOfRange || $0.basePoints.isOutOfRange }) {
            throw .pointsOutOfRange(key, competitor)
        }
    }

    public nonisolated func explanation(_ key: SeasonKey, className: String?, competitor: String, cut: Cut) async throws -> Explanation {
        let result = try await standings(key, className: className, kind: .competitors, cut: cut)
        guard let explanation = result.explanations[competitor] else {
            throw PaddockError.unknownCompetitor(competitor, in: key)
        }
        return explanation
    }

    /// Title maths after one round, or after every round that has results.
    public nonisolated func titleOutlooks(_ key: SeasonKey, className: String?, afterRound: Int?) async throws -> [TitleOutlook] {
        let calculator = StandingsCalculator(ledger: try await ledger(key), className: className, cut: .everything)
        let all = calculator.competitors()
        try Self.requireInRange(all, key)
        let rounds = afterRound.map { [$0] } ?? all.table.rounds
        let outlooks = rounds.map { calculator.titleOutlook(afterRound: $0) }
        for outlook in outlooks {
            if outlook.maximumPerRound.isOutOfRange { throw PaddockError.pointsOutOfRange(key, nil) }
            for c in outlook.contenders where c.points.isOutOfRange || c.maximumPossible.isOutOfRange || c.needsToPassLeader.isOutOfRange {
                throw PaddockError.pointsOutOfRange(key, c.competitor)
            }
        }
        return outlooks
    }

    public nonisolated func calendar(_ key: SeasonKey, cut: Cut = .everything) async throws -> SeasonCalendar {
        try await ledger(key).calendar(cut: cut)
    }

    /// A competitor's career: the ledgers of every season that names them.
    public func career(_ competitor: String) async throws -> Career {
        var ledgers: [SeasonLedger] = []
        for key in index.seasons(naming: competitor) { ledgers.append(try await ledger(key)) }
        guard let career = index.career(of: competitor, in: ledgers) else { throw PaddockError.unknownCompetitor(competitor, in: nil) }
        return career
    }
}

/// Errors of the application layer, each naming what was asked for.
public enum PaddockError: Error, Equatable, CustomStringConvertible {
    case unknownSeason(SeasonKey)
    case unknownCompetitor(String, in: SeasonKey?)
    /// The season's points cannot be computed exactly (see ``Points/outOfRange``).
    case pointsOutOfRange(SeasonKey, String?)
    /// A season asked for its rules declares none.
    case noRules(SeasonKey)

    public var description: String {
        switch self {
        case .noRules(let key): "\(key.championship) \(key.season) declares no rules to borrow"
        case .pointsOutOfRange(let key, let who):
            "the points\(who.map { " of '\($0)'" } ?? "") in \(key.championship) \(key.season) cannot be computed exactly: "
                + "the season's recorded points, factors and shares combine into fractions beyond 64 bits; "
                + "correct or retract the event that introduced them"
        case .unknownSeason(let key): "no season '\(key.championship)' \(key.season) in the log"
        case .unknownCompetitor(let id, let key):
            key.map { "competitor '\(id)' has no results or entries in \($0.championship) \($0.season)" } ?? "no competitor '\(id)' in the log"
        }
    }
}
