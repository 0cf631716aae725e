import Foundation

/// Every event of the season domain as one closed type, for folds to switch over.
/// Each case carries the typed payload of the event type of the same name.
public enum SeasonEvent: Sendable, Hashable {
    case championshipRegistered(ChampionshipRegistered)
    case seasonOpened(SeasonOpened)
    case rulesDeclared(RulesDeclared)
    case rulesAmended(RulesAmended)
    case roundScheduled(RoundScheduled)
    case roundRescheduled(RoundRescheduled)
    case roundCancelled(RoundCancelled)
    case competitorRegistered(CompetitorRegistered)
    case teamRegistered(TeamRegistered)
    case entryConfirmed(EntryConfirmed)
    case teamChanged(TeamChanged)
    case carChanged(CarChanged)
    case sessionClassified(SessionClassified)
    case retirementRecorded(RetirementRecorded)
    case penaltyApplied(PenaltyApplied)
    case resultCorrected(ResultCorrected)
    case eventRetracted(EventRetracted)
    case roundMultiplierDecided(RoundMultiplierDecided)
    case titleAwarded(TitleAwarded)
    case pointsAdjusted(PointsAdjusted)
    case standingsPublished(StandingsPublished)
    case note(Note)
    // Reference and timing data (Ergast's facts beyond standings).
    case circuitRegistered(CircuitRegistered)
    case competitorDetailsRecorded(CompetitorDetailsRecorded)
    case teamDetailsRecorded(TeamDetailsRecorded)
    case aliasRecorded(AliasRecorded)
    case roundDetailsRecorded(RoundDetailsRecorded)
    case startingGridRecorded(StartingGridRecorded)
    case fastestLapsRecorded(FastestLapsRecorded)
    case qualifyingRecorded(QualifyingRecorded)
    case pitStopsRecorded(PitStopsRecorded)

    /// The wrapped event, as its protocol.
    public var event: any DomainEvent {
        switch self {
        case .championshipRegistered(let e): e
        case .seasonOpened(let e): e
        case .rulesDeclared(let e): e
        case .rulesAmended(let e): e
        case .roundScheduled(let e): e
        case .roundRescheduled(let e): e
        case .roundCancelled(let e): e
        case .competitorRegistered(let e): e
        case .teamRegistered(let e): e
        case .entryConfirmed(let e): e
        case .teamChanged(let e): e
        case .carChanged(let e): e
        case .sessionClassified(let e): e
        case .retirementRecorded(let e): e
        case .penaltyApplied(let e): e
        case .resultCorrected(let e): e
        case .eventRetracted(let e): e
        case .roundMultiplierDecided(let e): e
        case .titleAwarded(let e): e
        case .pointsAdjusted(let e): e
        case .standingsPublished(let e): e
        case .note(let e): e
        case .circuitRegistered(let e): e
        case .competitorDetailsRecorded(let e): e
        case .teamDetailsRecorded(let e): e
        case .aliasRecorded(let e): e
        case .roundDetailsRecorded(let e): e
        case .startingGridRecorded(let e): e
        case .fastestLapsRecorded(let e): e
        case .qualifyingRecorded(let e): e
        case .pitStopsRecorded(let e): e
        }
    }

    /// The envelope `type` ("SessionClassified").
    public var eventType: String { Swift.type(of: event).eventType }
    /// The payload's current schema version.
    public var schemaVersion: Int { Swift.type(of: event).schemaVersion }

    /// Throws the first validation problem of the payload.
    public func validate() throws(EventValidationError) {
        var check = Validator()
        event.validate(&check)
        if let failure = check.failure { throw failure }
    }

    /// The championship the event is about, when it is about one.
    public var championship: String? {
        switch self {
        case .championshipRegistered(let e): e.championship
        case .seasonOpened(let e): e.championship
        case .rulesDeclared(let e): e.championship
        case .rulesAmended(let e): e.championship
        case .roundScheduled(let e): e.championship
        case .roundRescheduled(let e): e.championship
        case .roundCancelled(let e): e.championship
        case .entryConfirmed(let e): e.championship
        case .teamChanged(let e): e.championship
        case .carChanged(let e): e.championship
        case .sessionClassified(let e): e.championship
        case .retirementRecorded(let e): e.championship
        case .penaltyApplied(let e): e.championship
        case .resultCorrected(let e): e.championship
        case .roundMultiplierDecided(let e): e.championship
        case .titleAwarded(let e): e.championship
        case .pointsAdjusted(let e): e.championship
        case .standingsPublished(let e): e.championship
        case .roundDetailsRecorded(let e): e.championship
        case .startingGridRecorded(let e): e.championship
        case .fastestLapsRecorded(let e): e.championship
        case .qualifyingRecorded(let e): e.championship
        case .pitStopsRecorded(let e): e.championship
        case .competitorRegistered, .teamRegistered, .eventRetracted, .note: nil
        case .circuitRegistered, .competitorDetailsRecorded, .teamDetailsRecorded, .aliasRecorded: nil
        }
    }

    /// The season the event is about, when it is about one.
    public var season: Int? {
        switch self {
        case .seasonOpened(let e): e.season
        case .rulesDeclared(let e): e.season
        case .rulesAmended(let e): e.season
        case .roundScheduled(let e): e.season
        case .roundRescheduled(let e): e.season
        case .roundCancelled(let e): e.season
        case .entryConfirmed(let e): e.season
        case .teamChanged(let e): e.season
        case .carChanged(let e): e.season
        case .sessionClassified(let e): e.season
        case .retirementRecorded(let e): e.season
        case .penaltyApplied(let e): e.season
        case .resultCorrected(let e): e.season
        case .roundMultiplierDecided(let e): e.season
        case .titleAwarded(let e): e.season
        case .pointsAdjusted(let e): e.season
        case .standingsPublished(let e): e.season
        case .roundDetailsRecorded(let e): e.season
        case .startingGridRecorded(let e): e.season
        case .fastestLapsRecorded(let e): e.season
        case .qualifyingRecorded(let e): e.season
        case .pitStopsRecorded(let e): e.season
        case .championshipRegistered, .competitorRegistered, .teamRegistered, .eventRetracted, .note: nil
        case .circuitRegistered, .competitorDetailsRecorded, .teamDetailsRecorded, .aliasRecorded: nil
        }
    }

    /// The round the event is about, when it is about one (`fromRound` for an amendment).
    public var round: Int? {
        switch self {
        case .rulesAmended(let e): e.fromRound
        case .roundScheduled(let e): e.round
        case .roundRescheduled(let e): e.round
        case .roundCancelled(let e): e.round
        case .sessionClassified(let e): e.round
        case .retirementRecorded(let e): e.round
        case .penaltyApplied(let e): e.round
        case .resultCorrected(let e): e.round
        case .roundMultiplierDecided(let e): e.round
        case .roundDetailsRecorded(let e): e.round
        case .startingGridRecorded(let e): e.round
        case .fastestLapsRecorded(let e): e.round
        case .qualifyingRecorded(let e): e.round
        case .pitStopsRecorded(let e): e.round
        default: nil
        }
    }

    /// Wraps a typed event. Every `DomainEvent` of this module is in the catalogue.
    public init(_ event: any DomainEvent) {
        switch event {
        case let e as ChampionshipRegistered: self = .championshipRegistered(e)
        case let e as SeasonOpened: self = .seasonOpened(e)
        case let e as RulesDeclared: self = .rulesDeclared(e)
        case let e as RulesAmended: self = .rulesAmended(e)
        case let e as RoundScheduled: self = .roundScheduled(e)
        case let e as RoundRescheduled: self = .roundRescheduled(e)
        case let e as RoundCancelled: self = .roundCancelled(e)
        case let e as CompetitorRegistered: self = .competitorRegistered(e)
        case let e as TeamRegistered: self = .teamRegistered(e)
        case let e as EntryConfirmed: self = .entryConfirmed(e)
        case let e as TeamChanged: self = .teamChanged(e)
        case let e as CarChanged: self = .carChanged(e)
        case let e as SessionClassified: self = .sessionClassified(e)
        case let e as RetirementRecorded: self = .retirementRecorded(e)
        case let e as PenaltyApplied: self = .penaltyApplied(e)
        case let e as ResultCorrected: self = .resultCorrected(e)
        case let e as EventRetracted: self = .eventRetracted(e)
        case let e as RoundMultiplierDecided: self = .roundMultiplierDecided(e)
        case let e as TitleAwarded: self = .titleAwarded(e)
        case let e as PointsAdjusted: self = .pointsAdjusted(e)
        case let e as StandingsPublished: self = .standingsPublished(e)
        case let e as Note: self = .note(e)
        case let e as CircuitRegistered: self = .circuitRegistered(e)
        case let e as CompetitorDetailsRecorded: self = .competitorDetailsRecorded(e)
        case let e as TeamDetailsRecorded: self = .teamDetailsRecorded(e)
        case let e as AliasRecorded: self = .aliasRecorded(e)
        case let e as RoundDetailsRecorded: self = .roundDetailsRecorded(e)
        case let e as StartingGridRecorded: self = .startingGridRecorded(e)
        case let e as FastestLapsRecorded: self = .fastestLapsRecorded(e)
        case let e as QualifyingRecorded: self = .qualifyingRecorded(e)
        case let e as PitStopsRecorded: self = .pitStopsRecorded(e)
        default: preconditionFailure("\(Swift.type(of: event)) is not in the catalogue")
        }
    }
}
