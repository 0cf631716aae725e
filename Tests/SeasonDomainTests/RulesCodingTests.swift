import Foundation
import Testing

@testable import SeasonDomain

@Suite("Rules as JSON")
struct RulesCodingTests {
    private func encode<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    private func decode<T: Decodable>(_ type: T.Type, _ json: String) throws -> T {
        try JSONDecoder().decode(T.self, from: Data(json.utf8))
    }

    @Test func countingRuleForms() throws {
        #expect(try encode(CountingRule.all) == #"{"mode":"all"}"#)
        #expect(try encode(CountingRule.best(11)) == #"{"count":11,"mode":"best"}"#)
        #expect(
            try encode(CountingRule.split(firstRounds: 6, bestOfFirst: 5, bestOfRest: 4))
                == #"{"bestOfFirst":5,"bestOfRest":4,"firstRounds":6,"mode":"split"}"#)
        #expect(try decode(CountingRule.self, #"{"mode":"all"}"#) == .all)
        #expect(try decode(CountingRule.self, #"{"mode":"best","count":11}"#) == .best(11))
        #expect(
            try decode(CountingRule.self, #"{"mode":"split","firstRounds":6,"bestOfFirst":5,"bestOfRest":4}"#)
                == .split(firstRounds: 6, bestOfFirst: 5, bestOfRest: 4))
    }

    @Test func countingRuleErrors() {
        #expect(throws: DecodingError.self) { try decode(CountingRule.self, #"{"mode":"worst"}"#) }
        #expect(throws: DecodingError.self) { try decode(CountingRule.self, #"{"mode":"best"}"#) }
        #expect(throws: DecodingError.self) { try decode(CountingRule.self, #"{"all":{}}"#) }
    }

    @Test func teamScoringForms() throws {
        #expect(try encode(TeamScoring.bestCars(2)) == #"{"count":2,"mode":"bestCars"}"#)
        #expect(try decode(TeamScoring.self, #"{"mode":"bestCarOnly"}"#) == .bestCarOnly)
    }

    @Test func ruleSetDefaults() throws {
        let rules = try decode(RuleSet.self, #"{"scoring":[{"kinds":["race"],"points":[9,6,4,3,2,1]}]}"#)
        #expect(rules == RuleSet(scoring: [SessionScoring(kinds: [.race], points: [9, 6, 4, 3, 2, 1])]))
        #expect(rules.bonuses.isEmpty)
        #expect(rules.sharedDrives == .splitEqually)
        #expect(rules.counting == .all)
        #expect(rules.tieBreak == [.countback])
        #expect(rules.eligibility == Eligibility(registeredEntriesOnly: false, scoringStatuses: [.classified]))
        #expect(rules.teams == nil)
        #expect(rules.scoring(for: .race)?.points(forPosition: 2) == 6)
        #expect(rules.scoring(for: .race)?.points(forPosition: 7) == .zero)
        #expect(rules.scoring(for: .sprint) == nil)

        let bonus = try decode(BonusRule.self, #"{"kind":"fastestLap","points":1}"#)
        #expect(bonus == BonusRule(kind: .fastestLap, points: 1, sessions: [.race], requiresFinish: false, tie: .split))
        let teams = try decode(TeamRules.self, "{}")
        #expect(teams == TeamRules(scoring: .allCars, counting: .all, bonusesCount: true))
    }

    @Test func f1_2019RulesJSON() throws {
        let rules = RuleSet(
            scoring: [SessionScoring(kinds: [.race], points: [25, 18, 15, 12, 10, 8, 6, 4, 2, 1])],
            bonuses: [BonusRule(kind: .fastestLap, points: 1, onlyIfClassifiedWithin: 10)])
        let json = try encode(rules)
        #expect(
            json == #"{"bonuses":[{"kind":"fastestLap","onlyIfClassifiedWithin":10,"points":1,"requiresFinish":false,"#
                + #""sessions":["race"],"tie":"split"}],"counting":{"mode":"all"},"eligibility":{"registeredEntriesOnly":false,"#
                + #""scoringStatuses":["classified"]},"listing":"participants","multipliers":[],"scoring":[{"kinds":["race"],"#
                + #""points":[25,18,15,12,10,8,6,4,2,1]}],"sharedDrives":"splitEqually","tieBreak":["countback"]}"#)
        #expect(try decode(RuleSet.self, json) == rules)
    }

    @Test func fractionalRulesRoundTrip() throws {
        let json = try encode(Samples.f1Rules)
        #expect(json.contains(#""whenCompletedDistanceBelow":0.75"#))
        #expect(json.contains(#""factor":0.5"#))
        #expect(try decode(RuleSet.self, json) == Samples.f1Rules)
        #expect(try decode(RuleSet.self, try encode(Samples.rallycrossRules)) == Samples.rallycrossRules)
    }
}
