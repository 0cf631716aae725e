import Foundation

/// One catalogue entry: the type and a decoder specialised for it (no dynamic casts on the hot path).
struct CatalogueEntry: Sendable {
    let type: any DomainEvent.Type
    let decode: @Sendable (JSONDecoder, Data) throws -> SeasonEvent
    /// A hand-written reader tried first on the lenient path; nil when it gives up.
    let fast: (@Sendable (Data) -> SeasonEvent?)?

    static func of<E: DomainEvent>(
        _ type: E.Type, _ wrap: @escaping @Sendable (E) -> SeasonEvent,
        fast: (@Sendable (Data) -> E?)? = nil
    ) -> CatalogueEntry {
        let decode: @Sendable (JSONDecoder, Data) throws -> SeasonEvent = { decoder, data in
            wrap(try decoder.decode(E.self, from: data))
        }
        guard let fast else { return CatalogueEntry(type: type, decode: decode, fast: nil) }
        let fastWrapped: @Sendable (Data) -> SeasonEvent? = { data in
            guard let event = fast(data) else { return nil }
            return wrap(event)
        }
        return CatalogueEntry(type: type, decode: decode, fast: fastWrapped)
    }
}

extension EventCatalogue {
    /// Every event type, by its envelope name. An immutable lookup table.
    static let registry: [String: CatalogueEntry] = {
        let entries: [CatalogueEntry] = [
            .of(ChampionshipRegistered.self, SeasonEvent.championshipRegistered),
            .of(SeasonOpened.self, SeasonEvent.seasonOpened),
            .of(RulesDeclared.self, SeasonEvent.rulesDeclared),
            .of(RulesAmended.self, SeasonEvent.rulesAmended),
            .of(RoundScheduled.self, SeasonEvent.roundScheduled, fast: RoundScheduled.init(fast:)),
            .of(RoundRescheduled.self, SeasonEvent.roundRescheduled),
            .of(RoundCancelled.self, SeasonEvent.roundCancelled),
            .of(CompetitorRegistered.self, SeasonEvent.competitorRegistered),
            .of(TeamRegistered.self, SeasonEvent.teamRegistered),
            .of(EntryConfirmed.self, SeasonEvent.entryConfirmed, fast: EntryConfirmed.init(fast:)),
            .of(TeamChanged.self, SeasonEvent.teamChanged),
            .of(CarChanged.self, SeasonEvent.carChanged),
            .of(SessionClassified.self, SeasonEvent.sessionClassified, fast: SessionClassified.init(fast:)),
            .of(RetirementRecorded.self, SeasonEvent.retirementRecorded, fast: RetirementRecorded.init(fast:)),
            .of(PenaltyApplied.self, SeasonEvent.penaltyApplied),
            .of(ResultCorrected.self, SeasonEvent.resultCorrected, fast: ResultCorrected.init(fast:)),
            .of(EventRetracted.self, SeasonEvent.eventRetracted),
            .of(RoundMultiplierDecided.self, SeasonEvent.roundMultiplierDecided),
            .of(TitleAwarded.self, SeasonEvent.titleAwarded),
            .of(PointsAdjusted.self, SeasonEvent.pointsAdjusted),
            .of(StandingsPublished.self, SeasonEvent.standingsPublished),
            .of(Note.self, SeasonEvent.note, fast: Note.init(fast:)),
            .of(CircuitRegistered.self, SeasonEvent.circuitRegistered),
            .of(CompetitorDetailsRecorded.self, SeasonEvent.competitorDetailsRecorded),
            .of(TeamDetailsRecorded.self, SeasonEvent.teamDetailsRecorded),
            .of(AliasRecorded.self, SeasonEvent.aliasRecorded),
            .of(RoundDetailsRecorded.self, SeasonEvent.roundDetailsRecorded),
            .of(StartingGridRecorded.self, SeasonEvent.startingGridRecorded, fast: StartingGridRecorded.init(fast:)),
            .of(FastestLapsRecorded.self, SeasonEvent.fastestLapsRecorded, fast: FastestLapsRecorded.init(fast:)),
            .of(QualifyingRecorded.self, SeasonEvent.qualifyingRecorded, fast: QualifyingRecorded.init(fast:)),
            .of(PitStopsRecorded.self, SeasonEvent.pitStopsRecorded, fast: PitStopsRecorded.init(fast:))
        ]
        return Dictionary(uniqueKeysWithValues: entries.map { ($0.type.eventType, $0) })
    }()
}
