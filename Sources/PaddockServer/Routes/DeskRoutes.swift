import EventStore
import Foundation
import Hummingbird
import Paddock
import Projections
import SeasonDomain

/// Convenience routes for a timing desk: the body is the event's payload without the fields the
/// path gives (championship, season, round), plus optional envelope fields (`occurredAt`, default
/// now; `eventId`; `correlationId`; `causationId`; `expectedVersion` or `If-Match`). Each is checked
/// against the catalogue and then against the season: an unknown round, competitor, team, entry or
/// corrected event is a 422 naming the field.
enum DeskRoutes {
    static let season = ReadRoutes.season
    static let round = season + "/rounds/{round}"

    static let routes: [Route] = [
        Route(.post, season + "/rounds", desk("RoundScheduled")),
        Route(.post, round + "/reschedule", desk("RoundRescheduled", withRound: true)),
        Route(.post, season + "/entries", desk("EntryConfirmed")),
        Route(.post, season + "/team-changes", desk("TeamChanged")),
        Route(.post, round + "/sessions", desk("SessionClassified", withRound: true)),
        Route(.post, round + "/retirements", desk("RetirementRecorded", withRound: true)),
        Route(.post, round + "/penalties", desk("PenaltyApplied", withRound: true)),
        Route(.post, round + "/corrections", desk("ResultCorrected", withRound: true)),
    ]

    static func desk(_ type: String, withRound: Bool = false) -> Route.Handler {
        { request, context, state in
            let key = try RequestInput.season(context)
            let round = withRound ? try RequestInput.pathInt("round", context) : nil
            let caller = try await state.auth.require(Role.needed(forEventType: type), of: request)
            let expected = try RequestInput.ifMatch(request)
            let text = try await RequestInput.body(request, context)
            return Appending.response(try await record(type, season: key, round: round, caller: caller, expected: expected,
                                                       body: text, state: state))
        }
    }

    /// Records one desk event: the one function both the JSON desk routes and the web desk's forms
    /// call. `body` is the event's payload without what `key` (and `round`, when given) say, plus
    /// optional envelope fields; it is checked against the catalogue, then against the season as
    /// the projections know it (422 naming the field), and appended to the season's stream with
    /// optimistic concurrency (`expected`, or the body's `expectedVersion`) and idempotent event ids.
    static func record(_ type: String, season key: SeasonKey, round: Int?, caller: Caller, expected: ExpectedVersion?,
                       body text: String, state: ServerState) async throws -> AppendOutcome {
        try state.auth.authorize(caller, Role.needed(forEventType: type), what: "recording a \(type)")
        guard try RawJSON.check(text) == .object else { throw Problem.badBody("expected a JSON object: the event's payload") }
        var fromPath: [(key: String, value: String)] = [("championship", RawJSON.quoted(key.championship)), ("season", String(key.season))]
        if let round { fromPath.append(("round", String(round))) }
        var envelope: [(key: String, value: String)] = [("type", RawJSON.quoted(type))]
        var payload = fromPath
        for member in RawJSON.members(ofObject: text) {
            if Appending.envelopeKeys.contains(member.key) {
                envelope.append(member)
            } else if let given = fromPath.first(where: { $0.key == member.key }) {
                guard member.value == given.value else {
                    throw Problem.invalid("payload.\(member.key)", "payload.\(member.key): comes from the path (\(given.value)); leave it out")
                }
            } else {
                payload.append(member)
            }
        }
        if !envelope.contains(where: { $0.key == "occurredAt" }) {
            envelope.append(("occurredAt", RawJSON.quoted(Self.now())))
        }
        let stream = StreamNames.season(key.championship, key.season)
        let line = try Appending.line(RawJSON.object(envelope + [("payload", RawJSON.object(payload))]),
                                      stream: stream, index: 1, caller: caller)
        let index = await state.live.index()
        guard index.seasons[key] != nil else {
            throw Problem.notFound("no season '\(key.championship)' \(key.season) in the log")
        }
        let ledger = try await state.live.service.ledger(key)
        try SeasonChecks.check(line.domainEvent, ledger: ledger, registries: index)
        return try await Appending.record([line], to: stream, expected: expected, state: state)
    }

    /// The current UTC time, to the second: `2026-05-01T14:03:07Z`.
    static func now() -> String {
        String(Timestamp.format(Date()).prefix(19)) + "Z"
    }
}

/// What a desk route checks against the season as the projections know it.
enum SeasonChecks {
    static func check(_ event: SeasonEvent, ledger: SeasonLedger, registries: some Registries) throws(Problem) {
        switch event {
        case .roundScheduled(let e):
            if ledger.rounds[e.round]?.scheduled != nil {
                throw Problem.invalid("payload.round", "payload.round: round \(e.round) is already scheduled; use .../rounds/\(e.round)/reschedule")
            }
        case .roundRescheduled(let e):
            try scheduled(e.round, "payload.round", ledger)
        case .entryConfirmed(let e):
            try registered(e.competitor, "payload.competitor", registries)
            if let coDriver = e.coDriver { try registered(coDriver, "payload.coDriver", registries) }
            if let team = e.team { try registeredTeam(team, "payload.team", registries) }
            for (i, round) in (e.rounds ?? []).enumerated() { try scheduled(round, "payload.rounds[\(i)]", ledger) }
        case .teamChanged(let e):
            try registered(e.competitor, "payload.competitor", registries)
            try registeredTeam(e.toTeam, "payload.toTeam", registries)
            if let from = e.fromTeam { try registeredTeam(from, "payload.fromTeam", registries) }
            if let round = e.fromRound { try scheduled(round, "payload.fromRound", ledger) }
        case .sessionClassified(let e):
            try scheduled(e.round, "payload.round", ledger)
            try results(e.results, registries)
        case .resultCorrected(let e):
            try scheduled(e.round, "payload.round", ledger)
            try results(e.results, registries)
            for (i, id) in e.corrects.enumerated() where !ledger.classifications.contains(where: { $0.meta.eventId == id }) {
                throw Problem.invalid("payload.corrects[\(i)]", "payload.corrects[\(i)]: \(id.lowercased) is not a classification of this season")
            }
        case .retirementRecorded(let e):
            try scheduled(e.round, "payload.round", ledger)
            try entered(e.competitor, round: e.round, "payload.competitor", ledger, registries)
        case .penaltyApplied(let e):
            try scheduled(e.round, "payload.round", ledger)
            try entered(e.competitor, round: e.round, "payload.competitor", ledger, registries)
        default:
            break
        }
    }

    static func scheduled(_ round: Int, _ field: String, _ ledger: SeasonLedger) throws(Problem) {
        guard ledger.rounds[round]?.scheduled != nil else {
            throw Problem.invalid(field, "\(field): round \(round) is not scheduled in \(ledger.key.championship) \(ledger.key.season)")
        }
    }

    static func registered(_ competitor: String, _ field: String, _ registries: some Registries) throws(Problem) {
        guard registries.competitors[competitor] != nil else {
            throw Problem.invalid(field, "\(field): no competitor '\(competitor)' is registered")
        }
    }

    static func registeredTeam(_ team: String, _ field: String, _ registries: some Registries) throws(Problem) {
        guard registries.teams[team] != nil else { throw Problem.invalid(field, "\(field): no team '\(team)' is registered") }
    }

    static func results(_ results: [ClassifiedResult], _ registries: some Registries) throws(Problem) {
        for (i, result) in results.enumerated() {
            try registered(result.competitor, "payload.results[\(i)].competitor", registries)
            for (j, other) in (result.sharedWith ?? []).enumerated() {
                try registered(other, "payload.results[\(i)].sharedWith[\(j)]", registries)
            }
        }
    }

    /// A registered competitor with an entry covering the round (when the season records entries at all).
    static func entered(_ competitor: String, round: Int, _ field: String, _ ledger: SeasonLedger, _ registries: some Registries) throws(Problem) {
        try registered(competitor, field, registries)
        guard !ledger.entries.isEmpty else { return }
        let entered = ledger.entries.contains { entry in
            entry.fact.competitor == competitor && !ledger.isRetracted(entry.meta) && (entry.fact.rounds?.contains(round) ?? true)
        }
        guard entered else {
            throw Problem.invalid(field, "\(field): '\(competitor)' has no entry for round \(round) of \(ledger.key.championship) \(ledger.key.season)")
        }
    }
}
