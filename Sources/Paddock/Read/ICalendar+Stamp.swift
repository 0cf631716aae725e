import EventStore
import Foundation
import Projections

extension ICalendar {
    /// A season's iCalendar file stamped (`DTSTAMP`) with the moment it is written: the one export
    /// behind both `paddock calendar --ics` and `GET …/calendar.ics`.
    ///
    /// ```swift
    /// let ics = ICalendar.render(calendar, championshipName: "FIA World Rallycross", stampedAt: Date())
    /// ```
    public static func render(_ calendar: SeasonCalendar, championshipName: String?, stampedAt date: Date) -> String {
        render(calendar, championshipName: championshipName, stamp: stamp(date))
    }

    /// RFC 5545's UTC date-time form of an instant, to the second (`20260609T101320Z`).
    public static func stamp(_ date: Date) -> String {
        Timestamp.format(date).prefix(19).replacingOccurrences(of: "-", with: "").replacingOccurrences(of: ":", with: "") + "Z"
    }
}
