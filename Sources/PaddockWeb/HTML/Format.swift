import Chronology
import EventStore
import SeasonDomain

/// How numbers, places and times read on a page.
public enum Format {
    /// Points as the JSON documents carry them (rounded to 2 decimals): "25", "395.5", "0.14".
    public static func points(_ value: Double) -> String {
        guard value.isFinite else { return "–" }
        let hundredths = (value * 100).rounded()
        if hundredths.truncatingRemainder(dividingBy: 100) == 0 { return String(Int64(hundredths / 100)) }
        let negative = hundredths < 0
        let magnitude = Int64(abs(hundredths))
        let fraction = magnitude % 100
        let text = "\(magnitude / 100)." + (fraction % 10 == 0 ? "\(fraction / 10)" : (fraction < 10 ? "0\(fraction)" : "\(fraction)"))
        return negative ? "-" + text : text
    }

    public static func points(_ value: Points) -> String { value.formatted }

    /// A catalogue word as words: "iceRacing" → "ice racing".
    public static func words(_ camel: String) -> String {
        var out = ""
        for character in camel {
            if character.isUppercase, !out.isEmpty { out += " " + character.lowercased() } else { out.append(character) }
        }
        return out
    }

    /// 1st, 2nd, 3rd, 4th, 11th, 21st.
    public static func ordinal(_ n: Int) -> String {
        let tens = n % 100
        if (11...13).contains(tens) { return "\(n)th" }
        switch n % 10 {
        case 1: return "\(n)st"
        case 2: return "\(n)nd"
        case 3: return "\(n)rd"
        default: return "\(n)th"
        }
    }

    static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// A date as precise as known: "12 Dec 2021", "Jun 2021", "2021".
    public static func date(_ date: PartialDate) -> String {
        guard let month = date.month, (1...12).contains(month) else { return String(date.year) }
        guard let day = date.day else { return "\(months[month - 1]) \(date.year)" }
        return "\(day) \(months[month - 1]) \(date.year)"
    }

    /// An `occurredAt` as the track's clock gave it (its own offset), with the UTC instant in
    /// `datetime` and on hover. Dates without a time are shown as dates.
    public static func occurred(_ text: String) -> HTML {
        guard text.utf8.count > 10, let millis = try? OccurredAt.utcMilliseconds(text) else {
            let shown = (try? PartialDate(String(text.prefix(10)))).map(date) ?? text
            return "<time datetime=\"\(text)\">\(shown)</time>"
        }
        let utc = Timestamp.format(micros: millis * 1000)
        let utcShort = String(utc.prefix(16)).replacingOccurrences(of: "T", with: " ") + " UTC"
        let day = (try? PartialDate(String(text.prefix(10)))).map(date) ?? String(text.prefix(10))
        let clock = String(text.dropFirst(11).prefix(5))
        let offset = Self.offset(of: text)
        return "<time datetime=\"\(String(utc.prefix(19)) + "Z")\" title=\"\(utcShort)\">\(day) \(clock) \(offset)</time>"
    }

    /// The offset a date-time carries: "+04:00", "UTC" for `Z`.
    static func offset(of text: String) -> String {
        if text.hasSuffix("Z") || text.hasSuffix("z") { return "UTC" }
        let tail = text.suffix(6)
        if let sign = tail.first, sign == "+" || sign == "-" { return String(tail) }
        return ""
    }

    /// A store-clock time (UTC, microseconds): "2026-12-01 14:03:07 UTC", exact text in `datetime`.
    public static func recorded(_ text: String) -> HTML {
        let shown = String(text.prefix(19)).replacingOccurrences(of: "T", with: " ") + " UTC"
        return "<time datetime=\"\(text)\" title=\"\(text)\">\(shown)</time>"
    }
}
