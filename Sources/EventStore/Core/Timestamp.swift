import Chronology
import Foundation

/// The store clock's text form: UTC with microseconds, fixed width, so that text order is time order.
///
/// ```swift
/// Timestamp.format(micros: 1_781_000_000_000_000)  // "2026-06-09T10:13:20.000000Z"
/// ```
public enum Timestamp {
    /// The instants the text form can write: 0000-01-01T00:00:00.000000Z ... 9999-12-31T23:59:59.999999Z.
    public static let representable: ClosedRange<Int64> = -62_167_219_200_000_000...253_402_300_799_999_999

    /// Formats microseconds since 1970 as `YYYY-MM-DDTHH:MM:SS.ffffffZ`. An instant outside years
    /// 0000...9999 is written as the nearest end of that range: the text has four digits for the year,
    /// and as a cut (`knownAt`) the nearest end keeps exactly the same events.
    public static func format(micros unclamped: Int64) -> String {
        let micros = min(max(unclamped, representable.lowerBound), representable.upperBound)
        let seconds = micros >= 0 ? micros / 1_000_000 : (micros - 999_999) / 1_000_000
        let fraction = Int(micros - seconds * 1_000_000)
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let secondOfDay = Int(seconds - days * 86_400)
        let (y, m, d) = CivilCalendar.civilFromDays(Int(days))
        var bytes = [UInt8](repeating: 0, count: 27)
        func put(_ value: Int, _ at: Int, _ width: Int) {
            var v = value
            for i in stride(from: at + width - 1, through: at, by: -1) {
                bytes[i] = UInt8(48 + v % 10)
                v /= 10
            }
        }
        put(y, 0, 4); bytes[4] = 45; put(m, 5, 2); bytes[7] = 45; put(d, 8, 2); bytes[10] = 84
        put(secondOfDay / 3600, 11, 2); bytes[13] = 58; put(secondOfDay / 60 % 60, 14, 2); bytes[16] = 58
        put(secondOfDay % 60, 17, 2); bytes[19] = 46; put(fraction, 20, 6); bytes[26] = 90
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Formats a date as the store clock's text.
    public static func format(_ date: Date) -> String { format(micros: micros(date)) }

    /// Microseconds since 1970 of a date.
    public static func micros(_ date: Date) -> Int64 {
        let micros = (date.timeIntervalSince1970 * 1_000_000).rounded(.down)
        // Clamped, not trapping, for dates far beyond the representable years (Date.distantFuture and past).
        if !(micros < Double(representable.upperBound)) { return representable.upperBound }  // and NaN
        if micros <= Double(representable.lowerBound) { return representable.lowerBound }
        return Int64(micros)
    }

    /// Parses any `occurredAt`-style text (with offset) into store-clock text, for `recorded_at` cuts
    /// (an instant whose UTC falls outside years 0000...9999 becomes the nearest end of that range).
    public static func normalize(_ text: String) -> String? {
        guard let millis = try? OccurredAt.utcMilliseconds(text) else { return nil }
        if text.count <= 10 {  // a date: the whole day counts, so the cut is its last microsecond
            let periodEnd = endOfPeriodMillis(text, start: millis)
            return format(micros: periodEnd * 1000 - 1)
        }
        let subMillis = fractionalMicrosBeyondMillis(text)
        return format(micros: millis * 1000 + subMillis)
    }

    private static func fractionalMicrosBeyondMillis(_ text: String) -> Int64 {
        guard let dot = text.firstIndex(where: { $0 == "." || $0 == "," }) else { return 0 }
        let digits = text[text.index(after: dot)...].prefix(while: \.isNumber)
        guard digits.count > 3 else { return 0 }
        let extra = digits.dropFirst(3).prefix(3)
        return Int64(extra.padding(toLength: 3, withPad: "0", startingAt: 0)) ?? 0
    }

    /// The first millisecond after the period a reduced-precision date names (`2018`, `2018-06`, `2018-06-10`).
    public static func endOfPeriodMillis(_ text: String, start: Int64) -> Int64 {
        guard let period = PartialDate(anyYear: text) else { return start + 86_400_000 }
        return Int64(period.days.upperBound) * 86_400_000
    }
}
