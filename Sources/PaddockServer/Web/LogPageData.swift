import Chronology
import EventStore
import Foundation
import Hummingbird
import Paddock
import PaddockWeb
import Projections
import SeasonDomain

/// Reads the log newest first for the log page: the store reads in position order, so the page
/// reads windows of positions backwards until it has a page's worth of matches. Bounded: each
/// window holds at most ``maxWindow`` positions, and one request looks at most ``maxScanned``
/// positions back (the page then offers to look further).
enum LogPageData {
    static let pageSize = 50
    static let maxWindow: Int64 = 8192
    static let maxScanned: Int64 = 262_144

    static func filter(_ request: Request) throws -> (LogFilter, problem: String?) {
        func text(_ name: String) -> String? { RequestInput.query(name, request).flatMap { $0.isEmpty ? nil : $0 } }
        var filter = LogFilter(
            stream: text("stream"), type: text("type"), occurredFrom: text("from"), occurredBefore: text("to"),
            before: try RequestInput.queryInt("before", request, minimum: 1))
        var problem: String?
        for (name, value) in [("from", filter.occurredFrom), ("to", filter.occurredBefore)] {
            if let value, !OccurredAt.isValid(value) {
                problem = "\(name): '\(value.prefix(40))' is not a date or time (use 2021-06, 2021-06-12 or 2021-06-12T14:00:00+02:00); it was left out"
                if name == "from" { filter.occurredFrom = nil } else { filter.occurredBefore = nil }
            }
        }
        return (filter, problem)
    }

    static func page(_ filter: LogFilter, problem: String?, state: ServerState) async throws -> LogView {
        let head = try await state.store.headPosition()
        var high = min(filter.before ?? head, head)
        var found: [RecordedEvent] = []
        var window = Int64(pageSize + 1)
        var scanned: Int64 = 0
        while high > 0, found.count <= pageSize, scanned < maxScanned {
            let low = max(0, high - window)
            let events = try await state.store.read(
                EventQuery(
                    stream: filter.stream, types: filter.type.map { [$0] }, afterPosition: low, atOrBeforePosition: high,
                    occurredFrom: filter.occurredFrom, occurredBefore: filter.occurredBefore))
            found += events.sorted { $0.position > $1.position }
            scanned += high - low
            high = low
            if found.count <= pageSize { window = min(window * 4, maxWindow) }
        }
        let older = found.count > pageSize ? found[pageSize].position : nil
        let shown = Array(found.prefix(pageSize))
        let headEvent = try await state.store.read(after: head - 1, limit: 1).first
        let entries = try await entries(shown, state: state)
        let seasonStreams = await state.live.index().seasons.keys.sorted().map { StreamName.season($0.championship, $0.season).text }
        return LogView(
            filter: filter, entries: entries, older: older, headPosition: head, headHash: headEvent?.hash,
            types: EventCatalogue.eventTypes, streams: seasonStreams,
            scannedDownTo: older == nil && high > 0 ? high : nil, problem: problem)
    }

    /// One event, by its position.
    static func event(_ position: Int64, state: ServerState) async throws -> (LogView.Entry, head: Int64) {
        let head = try await state.store.headPosition()
        guard let event = try await state.store.read(after: position - 1, limit: 1).first, event.position == position else {
            throw Problem.notFound("no event at position \(position): the log holds \(head)")
        }
        return (try await entries([event], state: state)[0], head)
    }

    /// The events with their chain links checked and the events they name found.
    static func entries(_ events: [RecordedEvent], state: ServerState) async throws -> [LogView.Entry] {
        let byPosition = Dictionary(events.map { ($0.position, $0) }, uniquingKeysWith: { a, _ in a })
        var result: [LogView.Entry] = []
        for event in events {
            let previous: RecordedEvent?
            if event.position == 1 {
                previous = nil
            } else if let known = byPosition[event.position - 1] {
                previous = known
            } else {
                previous = try await state.store.read(after: event.position - 2, limit: 1).first
            }
            let chain: LogView.Chain
            if event.position > 1, previous?.position != event.position - 1 {
                chain = .unchecked
            } else if event.expectedHash(after: previous?.hash) == event.hash {
                chain = .linked
            } else {
                chain = .broken("the hash does not match the event's content and the previous hash: edited, inserted or swapped")
            }
            result.append(LogView.Entry(event: event, chain: chain, references: await references(event, state: state)))
        }
        return result
    }

    /// What an event names and what names it: a correction's classifications, a retraction's
    /// event, a note's events; the corrections and retractions of this one.
    static func references(_ event: RecordedEvent, state: ServerState) async -> [LogView.Reference] {
        var named: [(String, String)] = []
        if let object = (try? JSONSerialization.jsonObject(with: Data(event.payload.utf8))) as? [String: Any] {
            for id in object["corrects"] as? [String] ?? [] { named.append(("corrects", id)) }
            if let id = object["retracts"] as? String { named.append(("retracts", id)) }
            for id in object["about"] as? [String] ?? [] { named.append(("about", id)) }
        }
        guard let key = Timeline.seasonKey(ofStream: event.stream), let ledger = try? await state.live.service.ledger(key) else {
            return named.map { LogView.Reference(relation: $0.0, eventId: $0.1.lowercased(), position: nil) }
        }
        var references = named.map { relation, id in
            LogView.Reference(relation: relation, eventId: id.lowercased(), position: UUID(uuidString: id).flatMap { position(of: $0, in: ledger) })
        }
        for correction in ledger.classifications where correction.fact.corrects.contains(event.eventId) {
            references.append(.init(relation: "corrected by", eventId: correction.meta.eventId.uuidString.lowercased(), position: correction.meta.position))
        }
        if let retraction = ledger.retracted[event.eventId] {
            references.append(.init(relation: "retracted by", eventId: retraction.eventId.uuidString.lowercased(), position: retraction.position))
        }
        return references
    }

    /// Where a season's ledger holds an event.
    static func position(of id: UUID, in ledger: SeasonLedger) -> Int64? {
        var metas: [EventMeta] = ledger.classifications.map(\.meta) + ledger.penalties.map(\.meta) + ledger.entries.map(\.meta)
        metas += ledger.rules.map(\.meta) + ledger.retirements.map(\.meta) + ledger.adjustments.map(\.meta) + ledger.titles.map(\.meta)
        metas += ledger.teamChanges.map(\.meta) + ledger.carChanges.map(\.meta) + ledger.published.map(\.meta)
        metas += ledger.multiplierDecisions.map(\.meta)
        metas += ledger.rounds.values.flatMap { $0.schedules.map(\.meta) + $0.reschedules.map(\.meta) + $0.cancellations.map(\.meta) }
        return metas.first { $0.eventId == id }?.position
    }
}
