import Foundation
import SeasonDomain
import Testing

/// Every number a payload carries has a documented range: hostile values are named errors, never traps.
@Suite("Ranges and ids")
struct LimitsTests {
    func decode(_ type: String, _ payload: String) -> EventPayloadError? {
        do {
            _ = try EventCatalogue.decodeStrict(type: type, schemaVersion: 1, payload: Data(payload.utf8))
            return nil
        } catch {
            return error
        }
    }

    @Test(arguments: [
        // The line from the report: a denominator of Int64.min trapped in Points.init.
        (
            "RulesDeclared",
            #"{"championship":"euro-rx-super1600","season":2018,"rules":{"scoring":[{"kinds":["final"],"points":["1/-9223372036854775808"]}]}}"#,
            "payload.rules.scoring[0].points[0]"
        ),
        (
            "RulesDeclared", #"{"championship":"x","season":2018,"rules":{"scoring":[{"kinds":["final"],"points":[9223372036854775807]}]}}"#,
            "payload.rules.scoring[0].points[0]"
        ),
        (
            "RulesDeclared", #"{"championship":"x","season":2018,"rules":{"scoring":[{"kinds":["final"],"points":["1/9999991"]}]}}"#,
            "payload.rules.scoring[0].points[0]"
        ),
        ("RoundMultiplierDecided", #"{"championship":"x","season":2018,"round":1,"factor":9223372036854775807,"reason":"r"}"#, "payload.factor"),
        ("RoundMultiplierDecided", #"{"championship":"x","season":2018,"round":1,"factor":"1/1000000","reason":"r"}"#, "payload.factor"),
        (
            "SessionClassified",
            #"{"championship":"x","season":2018,"round":1,"session":"final","kind":"final","results":[{"position":1000000000,"competitor":"a"}]}"#,
            "payload.results[0].position"
        ),
        (
            "SessionClassified",
            #"{"championship":"x","season":2018,"round":1,"session":"final","kind":"final","results":[{"position":1,"competitor":"a","laps":-1}]}"#,
            "payload.results[0].laps"
        ),
        (
            "SessionClassified",
            #"{"championship":"x","season":2018,"round":1,"session":"final","kind":"final","number":100000,"results":[{"position":1,"competitor":"a"}]}"#,
            "payload.number"
        ),
        (
            "PenaltyApplied",
            #"{"championship":"x","season":2018,"round":1,"session":"final","competitor":"a","kind":"positions","positions":9223372036854775807,"reason":"r"}"#,
            "payload.positions"
        ),
        (
            "PenaltyApplied", #"{"championship":"x","season":2018,"round":1,"competitor":"a","kind":"time","seconds":1e300,"reason":"r"}"#,
            "payload.seconds"
        ),
        (
            "PenaltyApplied", #"{"championship":"x","season":2018,"round":1,"competitor":"a","kind":"points","points":1000001,"reason":"r"}"#,
            "payload.points"
        ),
        (
            "PointsAdjusted", #"{"championship":"x","season":2018,"competitor":"a","points":-9223372036854775807,"mode":"delta","reason":"r"}"#,
            "payload.points"
        ),
        ("RoundScheduled", #"{"championship":"x","season":2018,"round":2147483648,"startDate":"2018-06-01"}"#, "payload.round"),
        (
            "RulesDeclared",
            #"{"championship":"x","season":2018,"rules":{"scoring":[{"kinds":["race"],"points":[1]}],"counting":{"mode":"best","count":9223372036854775807}}}"#,
            "payload.rules.counting.count"
        ),
        (
            "RulesDeclared",
            #"{"championship":"x","season":2018,"rules":{"scoring":[{"kinds":["race"],"points":[1]}],"bonuses":[{"kind":"fastestLap","points":1,"onlyIfClassifiedWithin":0}]}}"#,
            "payload.rules.bonuses[0].onlyIfClassifiedWithin"
        ),
        (
            "StandingsPublished", #"{"championship":"x","season":2018,"rows":[{"competitor":"a","position":10000}],"reason":"r"}"#,
            "payload.rows[0].position"
        )
    ])
    func outOfRangeIsANamedError(type: String, payload: String, path: String) {
        let error = decode(type, payload)
        #expect(error != nil, "accepted: \(payload)")
        #expect(error?.path == path, "\(error?.description ?? "no error")")
    }

    @Test func theEdgesOfEachRangeAreAccepted() {
        #expect(
            decode(
                "SessionClassified",
                #"{"championship":"x","season":2100,"round":999,"session":"s","kind":"final","number":999,"results":[{"position":9999,"competitor":"a","laps":99999}]}"#
            ) == nil)
        #expect(decode("RoundMultiplierDecided", #"{"championship":"x","season":1900,"round":1,"factor":"1/10000","reason":"r"}"#) == nil)
        #expect(decode("RoundMultiplierDecided", #"{"championship":"x","season":1900,"round":1,"factor":100,"reason":"r"}"#) == nil)
        #expect(decode("PointsAdjusted", #"{"championship":"x","season":2018,"competitor":"a","points":-100000,"mode":"delta","reason":"r"}"#) == nil)
        #expect(decode("PenaltyApplied", #"{"championship":"x","season":2018,"round":1,"competitor":"a","kind":"time","seconds":86400,"reason":"r"}"#) == nil)
    }

    @Test(arguments: [
        ("Jesse-Kallio", "jesse-kallio"),
        ("kimi räikkönen", "kimi-raikkonen"),
        ("euro rx:2018", "euro-rx-2018"),
        ("-leading", "leading")
    ])
    func idsHaveOneSpellingAndTheErrorSuggestsIt(given: String, suggestion: String) {
        let error = decode("CompetitorRegistered", #"{"competitor":"\#(given)","name":"N"}"#)
        #expect(error?.path == "payload.competitor")
        #expect(error?.message.contains("did you mean \"\(suggestion)\"") == true, "\(error?.message ?? "")")
    }

    @Test func idsAndTextsRefuseControlCharacters() {
        let id = decode("CompetitorRegistered", #"{"competitor":"a\u0000b","name":"N"}"#)
        #expect(id?.path == "payload.competitor")
        #expect(id?.message.contains("\\u{0}") == true || id?.message.contains("\\0") == true, "\(id?.message ?? "")")
        let text = decode("Note", #"{"text":"line\u0007bell"}"#)
        #expect(text?.path == "payload.text")
        #expect(text?.message.contains("U+7") == true)
        #expect(decode("Note", "{\"text\":\"tab\\there\\nand a new line\"}") == nil)
    }

    @Test func theIdGrammar() {
        #expect(Validator.isID("f1"))
        #expect(Validator.isID("euro-rx-super1600"))
        #expect(Validator.isID("a.b_c-9"))
        #expect(!Validator.isID(""))
        #expect(!Validator.isID("F1"))
        #expect(!Validator.isID("-f1"))
        #expect(!Validator.isID("f 1"))
        #expect(!Validator.isID("sébastien"))
        #expect(!Validator.isID(String(repeating: "a", count: 101)))
        #expect(Validator.isID(String(repeating: "a", count: 100)))
    }
}
