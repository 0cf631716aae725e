import Chronology
import EventStore
import Foundation
import SeasonDomain

/// The scalar parsers: points, partial dates, occurredAt instants and the store clock's text.
enum ScalarTargets {
    /// `Points(text:)`: accepted values read back from their exact text and from their JSON form;
    /// JSON (a string, or a number without exponent) reads the same value as the text.
    static func checkPoints(_ input: [UInt8]) throws(FuzzFinding) -> FuzzOutcome {
        func finding(_ problem: String) -> FuzzFinding { FuzzFinding(.points, input, problem) }
        let text = String(decoding: input, as: UTF8.self)
        let parsed = Points(text: text)
        if let parsed {
            guard parsed.denominator >= 1 else { throw finding("denominator \(parsed.denominator)") }
            guard Points(text: parsed.exactText) == parsed else { throw finding("exactText '\(parsed.exactText)' reads back differently") }
            _ = parsed.formatted
            let json: Data
            do { json = try JSONEncoder().encode(parsed) } catch { throw finding("cannot be encoded: \(error)") }
            guard (try? JSONDecoder().decode(Points.self, from: json)) == parsed else {
                throw finding("its JSON \(String(decoding: json, as: UTF8.self)) reads back differently")
            }
        }
        // As a JSON string, Points read the text itself.
        let asString = Data(LineTargets.quoted(text).utf8)
        let fromString = try? JSONDecoder().decode(Points.self, from: asString)
        guard fromString == parsed else {
            throw finding("as a JSON string: \(fromString.map(\.exactText) ?? "refused"), as text: \(parsed.map(\.exactText) ?? "refused")")
        }
        // As a JSON number (what the fast reader hands to Points(text:)), JSONDecoder must agree with the text.
        if isPlainJSONNumber(text), let parsed {
            let fromNumber = try? JSONDecoder().decode(Points.self, from: Data(text.utf8))
            guard fromNumber == parsed else {
                throw finding("as a JSON number JSONDecoder reads \(fromNumber.map(\.exactText) ?? "nothing"), the text \(parsed.exactText)")
            }
        }
        return parsed == nil ? .refused : .accepted
    }

    /// `-?digits(.digits)?` with no leading zero: the numbers the fast reader passes on as text.
    static func isPlainJSONNumber(_ text: String) -> Bool {
        let b = Array(text.utf8)
        var i = 0
        if i < b.count, b[i] == UInt8(ascii: "-") { i += 1 }
        let digits = i
        while i < b.count, (48...57).contains(b[i]) { i += 1 }
        guard i > digits, !(b[digits] == 48 && i - digits > 1) else { return false }
        if i < b.count, b[i] == UInt8(ascii: ".") {
            i += 1
            let fraction = i
            while i < b.count, (48...57).contains(b[i]) { i += 1 }
            guard i > fraction else { return false }
        }
        return i == b.count
    }

    /// `PartialDate`, `OccurredAt` and `Timestamp.normalize` on the same text, held to each other.
    static func checkDates(_ input: [UInt8]) throws(FuzzFinding) -> FuzzOutcome {
        func finding(_ problem: String) -> FuzzFinding { FuzzFinding(.dates, input, problem) }
        let text = String(decoding: input, as: UTF8.self)
        var accepted = false
        if let date = try? PartialDate(text) {
            accepted = true
            guard date.rawValue == text, (1000...9999).contains(date.year) else { throw finding("read as \(date.rawValue), year \(date.year)") }
            guard (try? JSONDecoder().decode(PartialDate.self, from: Data(LineTargets.quoted(text).utf8))) == date else {
                throw finding("the JSON string form reads differently")
            }
            guard OccurredAt.isValid(text) else { throw finding("a partial date that is not a valid occurredAt") }
        }
        guard let start = try? OccurredAt.utcMilliseconds(text) else { return accepted ? .accepted : .refused }
        let isDate = !text.contains("T") && !text.contains("t") && !text.contains(" ")
        if isDate, Int(text.prefix(4)).map({ $0 >= 1000 }) == true, (try? PartialDate(text)) == nil {
            throw finding("an occurredAt date that PartialDate refuses")
        }
        guard let normalized = Timestamp.normalize(text) else { throw finding("a valid occurredAt that Timestamp.normalize refuses") }
        guard normalized.utf8.count == 27, let cut = try? OccurredAt.utcMilliseconds(normalized) else {
            throw finding("Timestamp.normalize gives '\(normalized)', not store-clock text")
        }
        // The store clock writes years 0000...9999: an instant beyond is cut at the nearest end.
        func clamped(_ millis: Int64) -> Int64 {
            min(max(millis, Timestamp.representable.lowerBound / 1000), Timestamp.representable.upperBound / 1000)
        }
        if isDate {
            let end = Timestamp.endOfPeriodMillis(text, start: start)
            guard end > start, cut == clamped(end - 1) else {
                throw finding("normalized to '\(normalized)' (\(cut) ms), the period is \(start)..<\(end) ms")
            }
        } else {
            guard cut == clamped(start) else { throw finding("normalized to '\(normalized)' (\(cut) ms), the instant is \(start) ms") }
        }
        return .accepted
    }

    /// The store clock's text of any instant of years 0...9999 reads back as that instant (to the millisecond).
    static func checkTimestamp(micros: Int64) throws(FuzzFinding) {
        let text = Timestamp.format(micros: micros)
        let millis = micros >= 0 ? micros / 1000 : (micros - 999) / 1000
        guard (try? OccurredAt.utcMilliseconds(text)) == millis else {
            throw FuzzFinding(.dates, Array(text.utf8), "Timestamp.format(micros: \(micros)) reads back as another instant")
        }
    }
}
