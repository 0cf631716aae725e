import Foundation
import Paddock
import SeasonDomain

/// A season's rule file, `EventLog/rules/f1/<year>.json`:
///
/// ```json
/// {"note": "where the rules come from",
///  "rules": { ...the rules object of a RulesDeclared payload... },
///  "exceptions": [
///    {"type": "PenaltyApplied", "payload": {"round": 7, "session": "race", "competitor": "bruce-mclaren",
///                                           "kind": "pointsWithheld", "reason": "..."}},
///    {"type": "FastestLapAwarded", "payload": {"round": 4, "competitor": "juan-manuel-fangio", "reason": "..."}}
///  ]}
/// ```
///
/// Exceptions are event payloads without `championship` and `season` (the importer adds them) and
/// are validated like any appended line. `FastestLapAwarded` is not an event: it says which of the
/// drivers F1DB lists with the fastest lap holds it in the classification (1953 France).
struct F1DBRuleFile: Sendable {
    struct FastestLapAward: Sendable {
        var round: Int
        var competitor: String
        var reason: String
    }

    var path: String
    var declaration: RulesDeclared
    var exceptions: [(key: String, event: SeasonEvent)]
    var fastestLapAwards: [FastestLapAward]

    static func load(_ directory: URL, _ year: Int) throws -> F1DBRuleFile {
        let url = directory.appendingPathComponent("\(year).json")
        let path = url.path
        guard let data = FileManager.default.contents(atPath: path) else { throw F1DBError(file: path, "missing rule file for \(year)") }
        let top: [String: Any]
        do {
            guard let object = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
                throw F1DBError(file: path, "expected a JSON object")
            }
            top = object
        } catch let error as F1DBError {
            throw error
        } catch {
            throw F1DBError(file: path, "not valid JSON: \(error.localizedDescription)")
        }
        if let unknown = top.keys.sorted().first(where: { !["note", "rules", "exceptions"].contains($0) }) {
            throw F1DBError(file: path, "unknown field '\(unknown)' (expected note, rules, exceptions)")
        }
        guard let note = top["note"] as? String, !note.isEmpty else { throw F1DBError(file: path, "note: required text saying where the rules come from") }
        guard let rules = top["rules"] as? [String: Any] else { throw F1DBError(file: path, "rules: required object") }
        let declared = try decode(
            "RulesDeclared", ["championship": F1DBImporter.championship, "season": year, "rules": rules, "note": note],
            path: path, at: "rules")
        guard case .rulesDeclared(let declaration) = declared else { throw F1DBError(file: path, "rules: not a rule set") }

        var exceptions: [(String, SeasonEvent)] = []
        var awards: [FastestLapAward] = []
        for (i, item) in ((top["exceptions"] as? [Any]) ?? []).enumerated() {
            guard let object = item as? [String: Any], let type = object["type"] as? String,
                var payload = object["payload"] as? [String: Any]
            else {
                throw F1DBError(file: path, "exceptions[\(i)]: expected {\"type\": ..., \"payload\": {...}}")
            }
            if type == "FastestLapAwarded" {
                guard let round = payload["round"] as? Int, let competitor = payload["competitor"] as? String,
                    let reason = payload["reason"] as? String, payload.count == 3
                else {
                    throw F1DBError(file: path, "exceptions[\(i)].payload: FastestLapAwarded takes exactly round, competitor, reason")
                }
                awards.append(FastestLapAward(round: round, competitor: competitor, reason: reason))
                continue
            }
            payload["championship"] = F1DBImporter.championship
            payload["season"] = year
            let event = try decode(type, payload, path: path, at: "exceptions[\(i)]")
            exceptions.append((key(of: event, year: year), event))
        }
        return F1DBRuleFile(path: path, declaration: declaration, exceptions: exceptions, fastestLapAwards: awards)
    }

    private static func decode(_ type: String, _ payload: [String: Any], path: String, at: String) throws -> SeasonEvent {
        let data = try JSONSerialization.data(withJSONObject: payload)
        do {
            return try EventCatalogue.decodeStrict(type: type, schemaVersion: EventCatalogue.currentSchemaVersion(of: type) ?? 1, payload: data)
        } catch {
            throw F1DBError(file: path, "\(at): \(error.description.replacingOccurrences(of: "payload.", with: "payload."))")
        }
    }

    /// A stable key from what the exception is about (not from its wording).
    private static func key(of event: SeasonEvent, year: Int) -> String {
        switch event {
        case .penaltyApplied(let p):
            // A penalty for one table only is another penalty than the same one for every table.
            "\(year):penalty:\(p.round):\(p.session ?? "-"):\(p.competitor):\(p.kind.rawValue)\(p.table.map { ":\($0.rawValue)" } ?? "")"
        case .pointsAdjusted(let a): "\(year):adjustment:\(a.competitor ?? "-"):\(a.team ?? "-"):\(a.afterRound ?? 0)"
        case .roundMultiplierDecided(let m): "\(year):multiplier:\(m.round)"
        default: "\(year):exception:\(event.eventType):\(event.round ?? 0):\(EventCatalogue.encode(event).payload)"
        }
    }
}
