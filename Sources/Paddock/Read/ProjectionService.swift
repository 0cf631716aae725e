import EventStore
import Foundation
import Projections
import SeasonDomain

/// Keeps the projections up to date with the log: loads the last persisted state, catches up
/// incrementally, and rebuilds from scratch when the projections' code version changes.
///
/// ```swift
/// let projections = ProjectionService(store: store)
/// try await projections.catchUp()
/// let table = try await projections.standings(SeasonKey("f1", 1988), className: nil, kind: .competitors,
///                                             cut: Cut(afterRound: 16))
/// ```
public actor ProjectionService {
    /// Bump when a fold or derivation changes meaning: persisted state of another version is rebuilt.
    public static let codeVersion = 2
    static let snapshotName = "timeline"

    public let store: any EventStore
    let snapshots: (any ProjectionSnapshotStore)?
    public private(set) var timeline = Timeline()
    private var persistedPosition: Int64 = 0

    public init(store: any EventStore, snapshots: (any ProjectionSnapshotStore)? = nil) {
        self.store = store
        self.snapshots = snapshots ?? (store as? any ProjectionSnapshotStore)
    }

    /// Loads the persisted state (when its version matches) and folds every event after it.
    /// Returns the number of events folded.
    @discardableResult
    public func catchUp(pageSize: Int = 20_000) async throws -> Int {
        if timeline.position == 0, let snapshots, let saved = try await snapshots.loadSnapshot(named: Self.snapshotName),
           saved.codeVersion == Self.codeVersion, let restored = try? JSONDecoder().decode(Timeline.self, from: saved.state) {
            timeline = restored
            persistedPosition = saved.position
        }
        var timeline = self.timeline
        let folded = try await EnvelopeDecoder.forEachPage(of: store, after: timeline.position, pageSize: pageSize) { page in
            for envelope in page { timeline.apply(envelope) }
        }
        self.timeline = timeline
        return folded
    }

    /// Folds everything from the start, ignoring persisted state.
    @discardableResult
    public func rebuild() async throws -> Int {
        timeline = Timeline()
        persistedPosition = 0
        return try await catchUp()
    }

    /// Persists the state if it moved since it was last persisted.
    public func persist() async throws {
        guard let snapshots, timeline.position != persistedPosition else { return }
        let data = try JSONEncoder().encode(timeline)
        try await snapshots.saveSnapshot(ProjectionSnapshot(name: Self.snapshotName, codeVersion: Self.codeVersion,
                                                            position: timeline.position, state: data))
        persistedPosition = timeline.position
    }

    // MARK: - Queries

    public func ledger(_ key: SeasonKey) throws -> SeasonLedger {
        guard let ledger = timeline.seasons[key] else { throw PaddockError.unknownSeason(key) }
        return ledger
    }

    public func standings(_ key: SeasonKey, className: String?, kind: StandingsKind, cut: Cut) throws -> StandingsCalculator.Result {
        let calculator = StandingsCalculator(ledger: try ledger(key).restricted(to: cut), className: className, cut: cut)
        return kind == .competitors ? calculator.competitors() : calculator.teams()
    }

    public func explanation(_ key: SeasonKey, className: String?, competitor: String, cut: Cut) throws -> Explanation {
        let result = try standings(key, className: className, kind: .competitors, cut: cut)
        guard let explanation = result.explanations[competitor] else {
            throw PaddockError.unknownCompetitor(competitor, in: key)
        }
        return explanation
    }

    /// Title maths after one round, or after every round that has results.
    public func titleOutlooks(_ key: SeasonKey, className: String?, afterRound: Int?) throws -> [TitleOutlook] {
        let calculator = StandingsCalculator(ledger: try ledger(key), className: className, cut: .everything)
        let rounds = afterRound.map { [$0] } ?? calculator.competitors().table.rounds
        return rounds.map { calculator.titleOutlook(afterRound: $0) }
    }

    public func calendar(_ key: SeasonKey, cut: Cut = .everything) throws -> SeasonCalendar {
        try ledger(key).calendar(cut: cut)
    }

    public func career(_ competitor: String) throws -> Career {
        guard let career = timeline.career(of: competitor) else { throw PaddockError.unknownCompetitor(competitor, in: nil) }
        return career
    }
}

/// Errors of the application layer, each naming what was asked for.
public enum PaddockError: Error, Equatable, CustomStringConvertible {
    case unknownSeason(SeasonKey)
    case unknownCompetitor(String, in: SeasonKey?)

    public var description: String {
        switch self {
        case .unknownSeason(let key): "no season '\(key.championship)' \(key.season) in the log"
        case .unknownCompetitor(let id, let key):
            key.map { "competitor '\(id)' has no results or entries in \($0.championship) \($0.season)" } ?? "no competitor '\(id)' in the log"
        }
    }
}
