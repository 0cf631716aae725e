import EventStore
import Foundation
import Hummingbird
import JSONToolkit
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
        Route(.post, season + "/rounds", desk(RoundScheduled.eventType)),
        Route(.post, round + "/reschedule", desk(RoundRescheduled.eventType, withRound: true)),
        Route(.post, season + "/entries", desk(EntryConfirmed.eventType)),
        Route(.post, season + "/team-changes", desk(TeamChanged.eventType)),
        Route(.post, round + "/sessions", desk(SessionClassified.eventType, withRound: true)),
        Route(.post, round + "/retirements", desk(RetirementRecorded.eventType, withRound: true)),
        Route(.post, round + "/penalties", desk(PenaltyApplied.eventType, withRound: true)),
        Route(.post, round + "/corrections", desk(ResultCorrected.eventType, withRound: true))
    ]

    /// A route recording one `type` of event; the role it needs is the type's (``Role/needed(forEventType:)``).
    static func desk(_ type: String, withRound: Bool = false) -> Route.Handler {
        { request, context, state in
            let key = try RequestInput.season(context)
            let round = withRound ? try RequestInput.pathInt("round", context) : nil
            let caller = try await state.auth.require(Role.needed(forEventType: type), of: request)
            let expected = try RequestInput.ifMatch(request)
            let text = try await RequestInput.body(request, context)
            return Appending.response(
                try await record(
                    type, season: key, round: round, caller: caller, expected: expected,
                    body: text, state: state))
        }
    }

    /// Records one desk event: the one function both the JSON desk routes and the web desk's forms
    /// call. `body` is the event's payload without what `key` (and `round`, when given) say, plus
    /// optional envelope fields; it goes through the ``Recorder`` (role, catalogue, season: 422
    /// naming the field), appended to the season's stream with optimistic concurrency (`expected`,
    /// or the body's `expectedVersion`) and idempotent event ids.
    static func record(
        _ type: String, season key: SeasonKey, round: Int?, caller: Caller, expected: ExpectedVersion?,
        body text: String, state: ServerState
    ) async throws -> AppendOutcome {
        try state.auth.authorize(caller, Role.needed(forEventType: type), what: "recording a \(type)")
        let members = try RequestJSON.members(ofObject: text, notObject: "expected a JSON object: the event's payload")
        var fromPath: [RequestJSON.Member] = [("championship", JSONWriter.quoted(key.championship)), ("season", String(key.season))]
        if let round { fromPath.append(("round", String(round))) }
        var envelope: [RequestJSON.Member] = [("type", JSONWriter.quoted(type))]
        var payload = fromPath
        for member in members {
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
            envelope.append(("occurredAt", JSONWriter.quoted(Self.now())))
        }
        let stream = StreamName.season(key.championship, key.season).text
        let line = try Appending.lineText(envelope + [("payload", RequestJSON.object(payload))], stream: stream, index: 1)
        guard await state.live.index().seasons[key] != nil else {
            throw Problem.notFound("no season '\(key.championship)' \(key.season) in the log")
        }
        return try await Appending.record([line], to: stream, expected: expected, caller: caller, state: state)
    }

    /// The current UTC time, to the second: `2026-05-01T14:03:07Z`.
    static func now() -> String {
        String(Timestamp.format(Date()).prefix(19)) + "Z"
    }
}
