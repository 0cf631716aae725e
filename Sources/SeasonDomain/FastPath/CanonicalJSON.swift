import Foundation
import JSONToolkit

/// Writes the canonical payload of the events bulk files hold most of (notes, retirements, entries,
/// rounds) without `JSONEncoder`, byte for byte what `JSONEncoder` with `.sortedKeys` and
/// `.withoutEscapingSlashes` writes. `JSONEncoder` stays the reference: the tests hold this writer
/// to it on random and real events, and any value this writer is unsure of (a string with a control
/// character) makes it give up, so the caller encodes with `JSONEncoder` instead.
///
/// ```swift
/// let bytes = CanonicalJSON.payload(.note(Note(text: "Kallio wins"))) // Array(#"{"text":"Kallio wins"}"#.utf8)
/// ```
enum CanonicalJSON {
    /// The canonical payload, or nil when this writer does not handle the event or gives up.
    static func payload(_ event: SeasonEvent) -> [UInt8]? {
        var w = Writer()
        switch event {
        case .note(let e): w.note(e)
        case .retirementRecorded(let e): w.retirement(e)
        case .entryConfirmed(let e): w.entry(e)
        case .roundScheduled(let e): w.round(e)
        default: return nil
        }
        return w.failed ? nil : w.bytes
    }

    /// Members are written in sorted key order by hand (the order `.sortedKeys` gives these ASCII
    /// names); absent optionals are left out, as the synthesized `encode(to:)` does.
    struct Writer {
        var bytes: [UInt8] = []
        var failed = false
        private var needsComma = false

        init() { bytes.reserveCapacity(256) }

        // MARK: Events

        mutating func note(_ e: Note) {
            open()
            if let about = e.about {
                key("about")
                bytes.append(UInt8(ascii: "["))
                for (i, id) in about.enumerated() {
                    if i > 0 { bytes.append(UInt8(ascii: ",")) }
                    quoted(id.uuidString)
                }
                bytes.append(UInt8(ascii: "]"))
                needsComma = true
            }
            if let source = e.source {
                key("source")
                open()
                string("language", source.language)
                string("quote", source.quote)
                string("title", source.title)
                string("url", source.url)
                close()
            }
            string("subject", e.subject)
            string("text", e.text)
            close()
        }

        mutating func retirement(_ e: RetirementRecorded) {
            open()
            string("championship", e.championship)
            string("class", e.className)
            string("competitor", e.competitor)
            int("lap", e.lap)
            string("reason", e.reason)
            int("round", e.round)
            int("season", e.season)
            string("session", e.session)
            close()
        }

        mutating func entry(_ e: EntryConfirmed) {
            open()
            string("car", e.car)
            string("championship", e.championship)
            string("class", e.className)
            string("coDriver", e.coDriver)
            string("competitor", e.competitor)
            string("number", e.number)
            if let rounds = e.rounds {
                key("rounds")
                bytes.append(UInt8(ascii: "["))
                for (i, round) in rounds.enumerated() {
                    if i > 0 { bytes.append(UInt8(ascii: ",")) }
                    decimal(round)
                }
                bytes.append(UInt8(ascii: "]"))
                needsComma = true
            }
            int("season", e.season)
            string("team", e.team)
            close()
        }

        mutating func round(_ e: RoundScheduled) {
            open()
            string("championship", e.championship)
            string("country", e.country)
            string("endDate", e.endDate?.rawValue)
            string("name", e.name)
            int("round", e.round)
            int("season", e.season)
            string("startDate", e.startDate.rawValue)
            string("venue", e.venue)
            close()
        }

        // MARK: Members

        private mutating func open() {
            bytes.append(UInt8(ascii: "{"))
            needsComma = false
        }

        private mutating func close() {
            bytes.append(UInt8(ascii: "}"))
            needsComma = true
        }

        private mutating func key(_ name: StaticString) {
            if needsComma { bytes.append(UInt8(ascii: ",")) }
            bytes.append(UInt8(ascii: "\""))
            bytes.append(contentsOf: UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount))
            bytes.append(UInt8(ascii: "\""))
            bytes.append(UInt8(ascii: ":"))
            needsComma = false
        }

        private mutating func string(_ name: StaticString, _ value: String?) {
            guard let value else { return }
            key(name)
            quoted(value)
            needsComma = true
        }

        private mutating func int(_ name: StaticString, _ value: Int?) {
            guard let value else { return }
            key(name)
            decimal(value)
            needsComma = true
        }

        /// A string literal as ``JSONWriter`` writes it, which is JSONEncoder's spelling for text
        /// without control characters; a control character gives up (JSONEncoder decides).
        private mutating func quoted(_ value: String) {
            guard !JSONWriter.containsControlCharacter(value) else { failed = true; return }
            JSONWriter.appendQuoted(value, to: &bytes)
        }

        private mutating func decimal(_ value: Int) {
            JSONWriter.appendDecimal(value, to: &bytes)
        }
    }
}
