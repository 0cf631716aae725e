import Foundation
import SeasonDomain

/// RFC 5545 iCalendar text for a season's calendar: one all-day VEVENT per round that has a
/// day-precise date (rounds known only to the month are listed in the calendar's description).
///
/// ```swift
/// let ics = ICalendar.render(calendar, championshipName: "FIA World Rallycross")
/// ```
public enum ICalendar {
    public static func render(_ calendar: SeasonCalendar, championshipName: String?, stamp: String) -> String {
        let title = "\(championshipName ?? calendar.championship) \(calendar.season)"
        var lines = [
            "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Paddock//Season calendar//EN", "CALSCALE:GREGORIAN",
            "METHOD:PUBLISH", "X-WR-CALNAME:\(escape(title))"
        ]
        let vague = calendar.rounds.filter { $0.startDate?.precision != .day }
        if !vague.isEmpty {
            let text = vague.map { "Round \($0.round): \($0.venue ?? $0.name ?? "venue to be confirmed") (\($0.startDate?.rawValue ?? "date unknown"))" }
            lines.append("X-WR-CALDESC:\(escape("Dates not yet fixed to the day: " + text.joined(separator: "; ")))")
        }
        for round in calendar.rounds {
            guard let start = round.startDate, start.precision == .day else { continue }
            let end = round.endDate.flatMap { $0.precision == .day ? $0 : nil } ?? start
            var summary = "\(title) – Round \(round.round)"
            if let place = round.name ?? round.venue { summary += ": \(place)" }
            if round.status == .cancelled { summary += " (cancelled)" }
            lines += [
                "BEGIN:VEVENT",
                "UID:\(calendar.championship)-\(calendar.season)-round-\(round.round)@paddock",
                "DTSTAMP:\(stamp)",
                "DTSTART;VALUE=DATE:\(compact(start.rawValue))",
                "DTEND;VALUE=DATE:\(compact(PartialDate.text(ofDay: end.days.upperBound)))",
                "SUMMARY:\(escape(summary))"
            ]
            let location = [round.venue, round.country].compactMap { $0 }.joined(separator: ", ")
            if !location.isEmpty { lines.append("LOCATION:\(escape(location))") }
            var description: [String] = []
            if round.dateHistory.count > 1 {
                description.append("Rescheduled; earlier dates: " + round.dateHistory.dropLast().map(\.startDate.rawValue).joined(separator: ", "))
            }
            if let reason = round.cancellationReason { description.append("Cancelled: \(reason)") }
            if !round.winners.isEmpty { description.append("Winner(s): " + round.winners.map(\.competitor).joined(separator: ", ")) }
            if !description.isEmpty { lines.append("DESCRIPTION:\(escape(description.joined(separator: ". ")))") }
            lines.append("STATUS:\(round.status == .cancelled ? "CANCELLED" : "CONFIRMED")")
            lines.append("END:VEVENT")
        }
        lines.append("END:VCALENDAR")
        return lines.map(fold).joined(separator: "\r\n") + "\r\n"
    }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: ";", with: "\\;")
            .replacingOccurrences(of: ",", with: "\\,").replacingOccurrences(of: "\n", with: "\\n")
    }

    /// Folds a content line at 75 octets without splitting a UTF-8 character.
    static func fold(_ line: String) -> String {
        var result = ""
        var current = ""
        var octets = 0
        for character in line {
            let size = String(character).utf8.count
            if octets + size > 75 {
                result += current + "\r\n "
                current = ""
                octets = 1
            }
            current.append(character)
            octets += size
        }
        return result + current
    }

    static func compact(_ date: String) -> String { date.replacingOccurrences(of: "-", with: "") }
}
