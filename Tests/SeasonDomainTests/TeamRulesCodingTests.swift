import Foundation
import Testing

@testable import SeasonDomain

@Suite("Teams' scales, countback and one-table penalties as JSON")
struct TeamRulesCodingTests {
    private func decodeStrict(_ type: String, _ payload: String) throws -> SeasonEvent {
        try EventCatalogue.decodeStrict(type: type, schemaVersion: 1, payload: Data(payload.utf8))
    }

    @Test func teamsDefaultToTheDriversScaleAndTheBestCarsCountback() throws {
        let teams = try JSONDecoder().decode(TeamRules.self, from: Data("{}".utf8))
        #expect(teams.pointsScales == nil)
        #expect(teams.countback == .bestCar)
        let drivers = [SessionScoring(kinds: [.race], points: [9, 6, 4, 3, 2, 1])]
        #expect(teams.scoring(replacing: drivers) == drivers)
    }

    @Test func aTeamsScaleComesBeforeTheDriversScales() throws {
        let json = #"{"pointsScales":[{"kinds":["race"],"points":[8,6,4,3,2,1]}],"countback":"everyCar"}"#
        let teams = try JSONDecoder().decode(TeamRules.self, from: Data(json.utf8))
        #expect(teams.countback == .everyCar)
        let drivers = [SessionScoring(kinds: [.race], points: [9, 6, 4, 3, 2, 1]), SessionScoring(kinds: [.sprint], points: [3, 2, 1])]
        let merged = teams.scoring(replacing: drivers)
        // The race scores 8 for a win for teams; the sprint keeps the drivers' 3-2-1.
        #expect(merged.first { $0.kinds.contains(.race) }?.points(forPosition: 1) == 8)
        #expect(merged.first { $0.kinds.contains(.sprint) }?.points(forPosition: 1) == 3)
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(TeamRules.self, from: Data(#"{"countback":"worstCar"}"#.utf8))
        }
    }

    @Test func aNegativeTeamsScaleIsRefused() throws {
        let payload =
            #"{"championship":"f1","season":1961,"rules":{"scoring":[{"kinds":["race"],"points":[9,6]}],"#
            + #""teams":{"pointsScales":[{"kinds":["race"],"points":[8,-1]}]}}}"#
        #expect { try decodeStrict("RulesDeclared", payload) } throws: { error in
            "\(error)".contains("rules.teams.pointsScales[0].points[1]")
        }
    }

    @Test func aPenaltyNamesTheTableItAppliesTo() throws {
        let payload =
            #"{"championship":"f1","season":2007,"round":1,"competitor":"mclaren","kind":"exclusion","#
            + #""reason":"excluded from the constructors' championship","table":"teams"}"#
        guard case .penaltyApplied(let penalty) = try decodeStrict("PenaltyApplied", payload) else {
            Issue.record("not a penalty")
            return
        }
        #expect(penalty.table == .teams)
        #expect(penalty.applies(to: .teams))
        #expect(!penalty.applies(to: .competitors))
        // Without a table the penalty shapes every table, as before.
        var everywhere = penalty
        everywhere.table = nil
        #expect(everywhere.applies(to: .teams))
        #expect(everywhere.applies(to: .competitors))
        #expect(EventCatalogue.encode(.penaltyApplied(penalty)).payload.contains(#""table":"teams""#))
        #expect(throws: EventPayloadError.self) {
            try decodeStrict("PenaltyApplied", payload.replacingOccurrences(of: #""table":"teams""#, with: #""table":"drivers""#))
        }
    }
}
