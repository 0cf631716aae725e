import Foundation
import Testing

@testable import SeasonDomain

@Suite("Payload errors")
struct PayloadErrorTests {
    private func error(_ type: String, _ payload: String, version: Int = 1, strict: Bool = true) -> EventPayloadError? {
        do {
            if strict {
                _ = try EventCatalogue.decodeStrict(type: type, schemaVersion: version, payload: Data(payload.utf8))
            } else {
                _ = try EventCatalogue.decode(type: type, schemaVersion: version, payload: Data(payload.utf8))
            }
            return nil
        } catch {
            return error
        }
    }

    private let cancelled = #"{"championship":"euro-rx","season":2020,"round":3}"#

    private func classified(_ results: String, extra: String = "") -> String {
        #"{"championship":"f1","season":2019,"round":1,"session":"race","kind":"race"\#(extra),"results":\#(results)}"#
    }

    @Test func unknownTypeNamesTheTypeAndListsKnownOnes() throws {
        let e = try #require(error("SessionClasified", cancelled))
        #expect(e.kind == .unknownType)
        #expect(e.path == "type")
        #expect(e.description.hasPrefix("type: unknown event type 'SessionClasified'; known types: AliasRecorded, CarChanged, "))
        #expect(e.description.contains("SessionClassified"))
        #expect(e.description.contains("RoundCancelled"))
    }

    @Test func newerSchemaVersionIsRefused() throws {
        let e = try #require(error("RoundCancelled", cancelled, version: 2))
        #expect(e.kind == .unsupportedSchemaVersion)
        #expect(e.path == "schemaVersion")
        #expect(e.message.contains("2"))
        #expect(error("RoundCancelled", cancelled, version: 0)?.kind == .unsupportedSchemaVersion)
    }

    @Test func missingFieldNamesItsPath() throws {
        let e = try #require(error("RoundCancelled", #"{"championship":"euro-rx","season":2020}"#))
        #expect(e.kind == .missingField)
        #expect(e.description == "payload.round: missing")
        let nested = try #require(error("SessionClassified", classified(#"[{"position":1},{"competitor":"b","position":2}]"#)))
        #expect(nested.description == "payload.results[0].competitor: missing")
        let statusless = try #require(error("SessionClassified", classified(#"[{"competitor":"a","position":1},{"competitor":"b"}]"#)))
        #expect(statusless.description == "payload.results[1].status: missing")
        let null = try #require(error("RoundCancelled", #"{"championship":null,"season":2020,"round":3}"#))
        #expect(null.kind == .missingField)
        #expect(null.path == "payload.championship")
    }

    @Test func badEnumValueNamesPathAndAllowedValues() throws {
        let results = #"[{"competitor":"a","position":1},{"competitor":"b","position":2},{"competitor":"c","status":"DNX"}]"#
        let e = try #require(error("SessionClassified", classified(results)))
        #expect(e.kind == .invalidValue)
        #expect(e.description == #"payload.results[2].status: "DNX" is not one of classified, DNF, DNS, DSQ, NC, EX"#)
        let kind = try #require(error("SessionClassified", #"{"championship":"f1","season":2019,"round":1,"session":"race","kind":"grandPrix","results":[]}"#))
        #expect(kind.path == "payload.kind")
        #expect(kind.message.contains("heat, intermediate, semiFinal, final, race"))
    }

    @Test func badNestedRuleValues() throws {
        let counting = try #require(
            error(
                "RulesDeclared",
                #"{"championship":"f1","season":2019,"rules":{"scoring":[{"kinds":["race"],"points":[1]}],"counting":{"mode":"worst"}}}"#))
        #expect(counting.description == #"payload.rules.counting.mode: "worst" is not one of all, best, split"#)
        let count = try #require(
            error(
                "RulesDeclared",
                #"{"championship":"f1","season":2019,"rules":{"scoring":[{"kinds":["race"],"points":[1]}],"counting":{"mode":"best"}}}"#))
        #expect(count.description == "payload.rules.counting.count: missing")
        let points = try #require(
            error(
                "RulesDeclared",
                #"{"championship":"f1","season":2019,"rules":{"scoring":[{"kinds":["race"],"points":[25,"x"]}]}}"#))
        #expect(points.path == "payload.rules.scoring[0].points[1]")
        #expect(points.kind == .invalidValue)
    }

    @Test func unknownKeyIsNamed() throws {
        let typo = classified("[]").replacingOccurrences(of: "\"results\"", with: "\"resluts\"")
        // Lenient decode reports the missing field first; strict reports it too (decoding comes first).
        #expect(error("SessionClassified", typo)?.description == "payload.results: missing")
        let extra = try #require(error("RoundCancelled", #"{"championship":"euro-rx","season":2020,"round":3,"reasno":"rain"}"#))
        #expect(extra.kind == .unknownField)
        #expect(extra.description.hasPrefix("payload.reasno: unknown field"))
        let nested = try #require(
            error(
                "SessionClassified",
                classified(#"[{"competitor":"a","position":1},{"competitor":"b","position":2,"fastLap":true}]"#)))
        #expect(nested.kind == .unknownField)
        #expect(nested.path == "payload.results[1].fastLap")
        let deep = try #require(
            error(
                "RulesDeclared",
                #"{"championship":"f1","season":2019,"rules":{"scoring":[{"kinds":["race"],"points":[1],"minimumDistanse":0.5}]}}"#))
        #expect(deep.path == "payload.rules.scoring[0].minimumDistanse")
        // The fast path does not look for unknown fields.
        #expect(error("RoundCancelled", #"{"championship":"euro-rx","season":2020,"round":3,"reasno":"rain"}"#, strict: false) == nil)
    }

    @Test func wrongTypeSaysWhatWasExpectedAndFound() throws {
        let e = try #require(error("RoundCancelled", #"{"championship":"euro-rx","season":"2020","round":3}"#))
        #expect(e.kind == .wrongType)
        #expect(e.description == "payload.season: expected an integer, found a string")
        let list = try #require(error("SessionClassified", classified(#"{"competitor":"a"}"#)))
        #expect(list.description == "payload.results: expected a list, found an object")
        let fraction = try #require(error("RoundCancelled", #"{"championship":"euro-rx","season":2020,"round":2.5}"#))
        #expect(fraction.description == "payload.round: expected an integer, found the number 2.5")
        let text = try #require(error("RoundCancelled", #"{"championship":7,"season":2020,"round":3}"#))
        #expect(text.description == "payload.championship: expected a string, found the number 7")
    }

    @Test func invalidJSON() throws {
        #expect(error("RoundCancelled", "{nope")?.kind == .invalidJSON)
        #expect(error("RoundCancelled", "[1,2]")?.kind == .invalidJSON)
        #expect(error("RoundCancelled", "{nope")?.path == "payload")
    }

    @Test func badDateNamesThePath() throws {
        let e = try #require(error("RoundScheduled", #"{"championship":"x","season":2021,"round":1,"startDate":"2021-13"}"#))
        #expect(e.kind == .invalidValue)
        #expect(e.path == "payload.startDate")
        #expect(e.message.contains("2021-13"))
    }
}
