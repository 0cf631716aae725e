import Foundation
import JSONToolkit

// Hand-written readers for the other events a season has many of (entries, rounds, retirements,
// notes), mirroring their synthesized `init(from:)`: required members present and non-null, optional
// members null or absent, unknown keys ignored. Any doubt returns nil and JSONDecoder takes over.

private func fastInts(_ value: JSONValue) -> [Int]? {
    guard case .array(let items) = value else { return nil }
    var out: [Int] = []
    out.reserveCapacity(items.count)
    for item in items { guard let i = item.int else { return nil }; out.append(i) }
    return out
}

private func fastDate(_ value: JSONValue) -> PartialDate? { value.string.flatMap { try? PartialDate($0) } }

extension EntryConfirmed {
    init?(fast data: Data) {
        guard let root = JSONValue.parse(data), case .object(let members) = root else { return nil }
        var seen = Seen()
        var championship: String?, season: Int?, className: String??, competitor: String?, coDriver: String??
        var team: String??, car: String??, number: String??, rounds: [Int]??
        for (key, v) in members {
            switch key {
            case "championship": guard seen.first(0), let x = v.string else { return nil }; championship = x
            case "season": guard seen.first(1), let x = v.int else { return nil }; season = x
            case "class": guard seen.first(2), let x = fastOptional(v, { $0.string }) else { return nil }; className = x
            case "competitor": guard seen.first(3), let x = v.string else { return nil }; competitor = x
            case "coDriver": guard seen.first(4), let x = fastOptional(v, { $0.string }) else { return nil }; coDriver = x
            case "team": guard seen.first(5), let x = fastOptional(v, { $0.string }) else { return nil }; team = x
            case "car": guard seen.first(6), let x = fastOptional(v, { $0.string }) else { return nil }; car = x
            case "number": guard seen.first(7), let x = fastOptional(v, { $0.string }) else { return nil }; number = x
            case "rounds": guard seen.first(8), let x = fastOptional(v, fastInts) else { return nil }; rounds = x
            default: continue
            }
        }
        guard let championship, let season, let competitor else { return nil }
        self.init(
            championship: championship, season: season, className: className ?? nil, competitor: competitor,
            coDriver: coDriver ?? nil, team: team ?? nil, car: car ?? nil, number: number ?? nil, rounds: rounds ?? nil)
    }
}

extension RoundScheduled {
    init?(fast data: Data) {
        guard let root = JSONValue.parse(data), case .object(let members) = root else { return nil }
        var seen = Seen()
        var championship: String?, season: Int?, round: Int?, name: String??, venue: String??, country: String??
        var startDate: PartialDate?, endDate: PartialDate??
        for (key, v) in members {
            switch key {
            case "championship": guard seen.first(0), let x = v.string else { return nil }; championship = x
            case "season": guard seen.first(1), let x = v.int else { return nil }; season = x
            case "round": guard seen.first(2), let x = v.int else { return nil }; round = x
            case "name": guard seen.first(3), let x = fastOptional(v, { $0.string }) else { return nil }; name = x
            case "venue": guard seen.first(4), let x = fastOptional(v, { $0.string }) else { return nil }; venue = x
            case "country": guard seen.first(5), let x = fastOptional(v, { $0.string }) else { return nil }; country = x
            case "startDate": guard seen.first(6), let x = fastDate(v) else { return nil }; startDate = x
            case "endDate": guard seen.first(7), let x = fastOptional(v, fastDate) else { return nil }; endDate = x
            default: continue
            }
        }
        guard let championship, let season, let round, let startDate else { return nil }
        self.init(
            championship: championship, season: season, round: round, name: name ?? nil, venue: venue ?? nil,
            country: country ?? nil, startDate: startDate, endDate: endDate ?? nil)
    }
}

extension RetirementRecorded {
    init?(fast data: Data) {
        guard let root = JSONValue.parse(data), case .object(let members) = root else { return nil }
        var seen = Seen()
        var championship: String?, season: Int?, round: Int?, className: String??, session: String??
        var competitor: String?, reason: String?, lap: Int??
        for (key, v) in members {
            switch key {
            case "championship": guard seen.first(0), let x = v.string else { return nil }; championship = x
            case "season": guard seen.first(1), let x = v.int else { return nil }; season = x
            case "round": guard seen.first(2), let x = v.int else { return nil }; round = x
            case "class": guard seen.first(3), let x = fastOptional(v, { $0.string }) else { return nil }; className = x
            case "session": guard seen.first(4), let x = fastOptional(v, { $0.string }) else { return nil }; session = x
            case "competitor": guard seen.first(5), let x = v.string else { return nil }; competitor = x
            case "reason": guard seen.first(6), let x = v.string else { return nil }; reason = x
            case "lap": guard seen.first(7), let x = fastOptional(v, { $0.int }) else { return nil }; lap = x
            default: continue
            }
        }
        guard let championship, let season, let round, let competitor, let reason else { return nil }
        self.init(
            championship: championship, season: season, round: round, className: className ?? nil, session: session ?? nil,
            competitor: competitor, reason: reason, lap: lap ?? nil)
    }
}

extension SourceCitation {
    init?(fast value: JSONValue) {
        guard case .object(let members) = value else { return nil }
        var seen = Seen()
        var title: String?, url: String??, quote: String??, language: String??
        for (key, v) in members {
            switch key {
            case "title": guard seen.first(0), let x = v.string else { return nil }; title = x
            case "url": guard seen.first(1), let x = fastOptional(v, { $0.string }) else { return nil }; url = x
            case "quote": guard seen.first(2), let x = fastOptional(v, { $0.string }) else { return nil }; quote = x
            case "language": guard seen.first(3), let x = fastOptional(v, { $0.string }) else { return nil }; language = x
            default: continue
            }
        }
        guard let title else { return nil }
        self.init(title: title, url: url ?? nil, quote: quote ?? nil, language: language ?? nil)
    }
}

extension Note {
    init?(fast data: Data) {
        guard let root = JSONValue.parse(data), case .object(let members) = root else { return nil }
        var seen = Seen()
        var text: String?, source: SourceCitation??, about: [UUID]??, subject: String??
        for (key, v) in members {
            switch key {
            case "text": guard seen.first(0), let x = v.string else { return nil }; text = x
            case "source": guard seen.first(1), let x = fastOptional(v, SourceCitation.init(fast:)) else { return nil }; source = x
            case "about":
                guard seen.first(2),
                    let x = fastOptional(
                        v,
                        { value -> [UUID]? in
                            guard case .array(let items) = value else { return nil }
                            var ids: [UUID] = []
                            for item in items { guard let id = item.uuid else { return nil }; ids.append(id) }
                            return ids
                        })
                else { return nil }
                about = x
            case "subject": guard seen.first(3), let x = fastOptional(v, { $0.string }) else { return nil }; subject = x
            default: continue
            }
        }
        guard let text else { return nil }
        self.init(text: text, source: source ?? nil, about: about ?? nil, subject: subject ?? nil)
    }
}
