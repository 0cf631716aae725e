import Foundation
import SeasonDomain

/// A championship season's rounds: dates (with their history), venue, status and winners.
public struct SeasonCalendar: Sendable, Equatable, Codable {
    public var championship: String
    public var season: Int
    public var name: String?
    public var cut: Cut
    public var rounds: [CalendarRound]
}

public struct CalendarRound: Sendable, Equatable, Codable {
    public enum Status: String, Sendable, Codable {
        case scheduled, rescheduled, cancelled, completed
    }

    public struct DateChange: Sendable, Equatable, Codable {
        public var startDate: PartialDate
        public var endDate: PartialDate?
        public var recordedBy: UUID
        public var reason: String?
    }

    public struct Winner: Sendable, Equatable, Codable {
        public var className: String?
        public var session: String
        public var competitor: String

        enum CodingKeys: String, CodingKey { case className = "class", session, competitor }
    }

    public var round: Int
    public var name: String?
    public var venue: String?
    public var country: String?
    public var startDate: PartialDate?
    public var endDate: PartialDate?
    public var status: Status
    /// Every date the round has had, oldest first (the first is the original schedule).
    public var dateHistory: [DateChange]
    public var cancellationReason: String?
    public var winners: [Winner]
}

extension SeasonLedger {
    /// The calendar at a cut.
    public func calendar(cut: Cut = .everything) -> SeasonCalendar {
        let ledger = restricted(to: cut)
        let live = ledger.classifications.filter { !ledger.isRetracted($0.meta) }
        let superseded = Set(live.flatMap(\.fact.corrects))
        let rounds = ledger.rounds.values.sorted { $0.round < $1.round }.compactMap { record -> CalendarRound? in
            guard cut.includes(round: record.round) || record.round > 0 else { return nil }
            var history: [CalendarRound.DateChange] = []
            var venue: String?, country: String?, name: String?
            if let s = record.schedules.last(where: { !ledger.isRetracted($0.meta) }) {
                history.append(.init(startDate: s.fact.startDate, endDate: s.fact.endDate, recordedBy: s.meta.eventId, reason: nil))
                venue = s.fact.venue
                country = s.fact.country
                name = s.fact.name
            }
            for r in record.reschedules where !ledger.isRetracted(r.meta) {
                history.append(.init(startDate: r.fact.startDate, endDate: r.fact.endDate, recordedBy: r.meta.eventId, reason: r.fact.reason))
                venue = r.fact.venue ?? venue
                country = r.fact.country ?? country
            }
            let cancellation = record.cancellations.last { !ledger.isRetracted($0.meta) }
            let sessions = live.filter { $0.fact.round == record.round && !superseded.contains($0.meta.eventId) }
            let winners = sessions.filter { [.final, .race, .overall].contains($0.fact.kind) }.compactMap { s -> CalendarRound.Winner? in
                guard let first = s.fact.results.first(where: { $0.position == 1 && $0.status == .classified }) else { return nil }
                return .init(className: s.fact.className, session: s.fact.session, competitor: first.competitor)
            }
            let status: CalendarRound.Status =
                cancellation != nil ? .cancelled : !sessions.isEmpty ? .completed : history.count > 1 ? .rescheduled : .scheduled
            return CalendarRound(
                round: record.round, name: name, venue: venue, country: country, startDate: history.last?.startDate,
                endDate: history.last?.endDate, status: status, dateHistory: history,
                cancellationReason: cancellation?.fact.reason, winners: winners)
        }
        return SeasonCalendar(championship: key.championship, season: key.season, name: name, cut: cut, rounds: rounds)
    }
}
