import Foundation
import Projections
import SeasonDomain

/// A rule set to replay a season under instead of its own: a hypothesis, never written to the log.
/// Read from a file in the `RulesDeclared` format, or borrowed from another season.
///
/// ```swift
/// let rules2010 = try await projections.rules(of: SeasonKey("f1", 2010))
/// let what = try await projections.comparison(SeasonKey("f1", 2021), className: nil, kind: .competitors,
///                                              from: .everything, to: .everything, rules: rules2010)
/// ```
public struct HypotheticalRules: Sendable, Equatable {
    public var rules: RuleSet
    /// Said beside every table computed under them.
    public var used: Comparison.RulesUsed

    public init(rules: RuleSet, used: Comparison.RulesUsed) {
        self.rules = rules
        self.used = used
    }

    /// Rules from JSON: a `RulesDeclared` payload (`{"championship":…,"season":…,"rules":{…}}`) or
    /// the rule set alone (`{"scoring":[…],…}`), checked as strictly as an appended event.
    public static func parse(_ data: Data, source: String) throws(EventPayloadError) -> HypotheticalRules {
        let payload: Data
        if let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any], object["rules"] != nil {
            payload = data
        } else {
            payload = Data(#"{"championship":"hypothetical","season":2000,"rules":"#.utf8) + data + Data("}".utf8)
        }
        let event = try EventCatalogue.decodeStrict(type: RulesDeclared.eventType, schemaVersion: 1, payload: payload)
        guard case .rulesDeclared(let declared) = event else {
            throw EventPayloadError(kind: .invalidJSON, path: "rules", message: "expected rules in the RulesDeclared format")
        }
        return HypotheticalRules(rules: declared.rules, used: .init(hypothetical: true, source: source))
    }
}

extension SeasonKey {
    /// A season written `CHAMPIONSHIP:SEASON` (`f1:2010`), as `--rules-of` and `rulesOf=` take it;
    /// nil for other text.
    ///
    /// ```swift
    /// SeasonKey(reference: "f1:2010")   // SeasonKey("f1", 2010)
    /// ```
    public init?(reference text: String) {
        guard let colon = text.lastIndex(of: ":"), let year = Int(text[text.index(after: colon)...]) else { return nil }
        self.init(String(text[..<colon]), year)
    }
}
