import Foundation
import Testing

/// The contract check can fail: wrong bodies, statuses, content types and headers are each caught
/// and named (path and rule), against the served document and against small schemas of their own.
@Suite struct SchemaValidatorTests {
    static func json(_ text: String) -> JSONValue {
        (try? JSONValue(parsing: Data(text.utf8))) ?? .string("unparsable test input: " + text)
    }

    static let schemas = json(
        #"""
        {"components":{"schemas":{
          "Row":{"type":"object","required":["id","points"],"additionalProperties":false,
                 "properties":{"id":{"type":"string","pattern":"^[a-z-]+$"},"points":{"type":"number","minimum":0,"maximum":100},
                               "class":{"type":["string","null"]},"kind":{"enum":["race","sprint"]},"version":{"const":1},
                               "tags":{"type":"array","minItems":1,"items":{"type":"string"}},
                               "when":{"oneOf":[{"type":"integer"},{"type":"string","pattern":"^[0-9]{4}$"}]},
                               "either":{"anyOf":[{"type":"boolean"},{"type":"integer","minimum":1}]}}},
          "Table":{"type":"object","properties":{"rows":{"type":"array","items":{"$ref":"#/components/schemas/Row"}}}},
          "Odd":{"type":"object","patternProperties":{}},
          "Lost":{"$ref":"#/components/schemas/Nowhere"}}}}
        """#)

    func violations(_ body: String, _ name: String) -> [String] {
        SchemaValidator(root: Self.schemas)
            .validate(Self.json(body), against: .object(["$ref": .string("#/components/schemas/\(name)")]))
            .map(\.description)
    }

    @Test func aConformingBodyPasses() {
        let body =
            #"{"rows":[{"id":"jesse-kallio","points":12.5,"class":null,"kind":"race","version":1,"tags":["a"],"when":"2018","either":true},{"id":"a","points":0,"when":3,"either":2}]}"#
        #expect(violations(body, "Table") == [])
    }

    @Test func eachRuleBrokenIsNamedWithItsPath() {
        #expect(violations(#"{"rows":[{"id":"x"}]}"#, "Table") == ["$.rows[0]: required: points is missing"])
        #expect(violations(#"{"rows":[{"id":"x","points":"3"}]}"#, "Table") == [#"$.rows[0].points: type must be number, is string"#])
        #expect(violations(#"{"id":"x","points":true}"#, "Row") == ["$.points: type must be number, is boolean"], "true is not a number")
        #expect(violations(#"{"id":"x","points":1,"extra":2}"#, "Row") == ["$.extra: additionalProperties: extra is not a documented property"])
        #expect(violations(#"{"id":"X Y","points":1}"#, "Row") == [#"$.id: pattern ^[a-z-]+$: "X Y" does not match"#])
        #expect(violations(#"{"id":"x","points":-1}"#, "Row") == ["$.points: minimum 0: is -1"])
        #expect(violations(#"{"id":"x","points":101}"#, "Row") == ["$.points: maximum 100: is 101"])
        #expect(violations(#"{"id":"x","points":1,"class":3}"#, "Row") == ["$.class: type must be string or null, is integer"])
        #expect(violations(#"{"id":"x","points":1,"kind":"final"}"#, "Row") == [#"$.kind: enum: "final" is not one of ["race","sprint"]"#])
        #expect(violations(#"{"id":"x","points":1,"version":2}"#, "Row") == ["$.version: const: must be 1, is 2"])
        #expect(violations(#"{"id":"x","points":1,"tags":[]}"#, "Row") == ["$.tags: minItems 1: has 0"])
        #expect(violations(#"{"id":"x","points":1,"tags":["a",2]}"#, "Row") == ["$.tags[1]: type must be string, is integer"])
        #expect(
            violations(#"{"id":"x","points":1,"either":0}"#, "Row")
                == ["$.either: anyOf: no branch matches ($.either: minimum 1: is 0)"])
        #expect(
            violations(#"{"id":"x","points":1,"when":"spring"}"#, "Row")
                == [#"$.when: oneOf: no branch matches ($.when: pattern ^[0-9]{4}$: "spring" does not match)"#])
        #expect(violations("[]", "Table") == ["$: type must be object, is array"])
    }

    @Test func whatTheValidatorCannotCheckIsAViolationNotAPass() {
        #expect(violations("{}", "Odd") == ["$: keyword patternProperties is not supported by this validator"])
        #expect(violations("{}", "Lost") == [##"$: $ref "#/components/schemas/Nowhere" does not resolve"##])
    }

    @Test func numbersAreComparedAsJSONDoes() {
        #expect(violations(#"{"id":"x","points":1,"version":1.0}"#, "Row") == [], "1.0 is the const 1")
        #expect(SchemaValidator.matches(Self.json("2.0"), type: "integer"))
        #expect(!SchemaValidator.matches(Self.json("2.5"), type: "integer"))
        #expect(!SchemaValidator.matches(Self.json("false"), type: "integer"))
    }

    // MARK: - Against the served document

    @Test func theServedDocumentCatchesADriftedAnswer() throws {
        let contract = try OpenAPIContract.served()
        let json = ["content-type": "application/problem+json"]
        let goodProblem = #"{"type":"urn:paddock:problem:not-found","title":"Not found","status":404,"detail":"no such competitor"}"#
        #expect(contract.check(route: "GET /competitors/{id}/career", status: 404, headers: json, body: goodProblem) == [])

        let wrongProblem = #"{"type":"urn:paddock:problem:not-found","status":"404","detail":"no such competitor"}"#
        let broken = contract.check(route: "GET /competitors/{id}/career", status: 404, headers: json, body: wrongProblem)
        #expect(broken.contains("GET /competitors/{id}/career → 404: $: required: title is missing"), "\(broken)")
        #expect(broken.contains("GET /competitors/{id}/career → 404: $.status: type must be integer, is string"), "\(broken)")

        #expect(
            contract.check(route: "GET /competitors/{id}/career", status: 418, headers: json, body: goodProblem)
                == ["GET /competitors/{id}/career: status 418 is not documented"])
        #expect(
            contract.check(route: "GET /competitors/{id}/career", status: 404, headers: ["content-type": "text/html"], body: "<p>")
                == [#"GET /competitors/{id}/career → 404: content type text/html is not one of ["application/problem+json"]"#])
        #expect(contract.check(route: "GET /nowhere", status: 200, headers: [:], body: "") == ["GET /nowhere: not an operation of the document"])
        #expect(
            contract.check(route: "GET /competitors/{id}/career", status: 404, headers: json, body: "{oops")
                == ["GET /competitors/{id}/career → 404: the body is not JSON: {oops"])
    }

    @Test func theServedDocumentCatchesADriftedHeaderAndABodyWhereNoneIsDocumented() throws {
        let contract = try OpenAPIContract.served()
        let head = #"{"position":3,"hash":"\#(String(repeating: "0", count: 64))"}"#
        let body = #"{"championships":[],"logHead":\#(head)}"#
        let good = ["content-type": "application/json", "paddock-log-head": "3:" + String(repeating: "0", count: 64)]
        #expect(contract.check(route: "GET /championships", status: 200, headers: good, body: body) == [])
        var bad = good
        bad["paddock-log-head"] = "3"
        #expect(
            contract.check(route: "GET /championships", status: 200, headers: bad, body: body)
                == [#"GET /championships → 200: header Paddock-Log-Head: pattern ^[0-9]+:[0-9a-f]{64}$: "3" does not match"#])
        #expect(
            contract.check(route: "GET /ergast/{championship}", status: 304, headers: [:], body: "{}")
                == ["GET /ergast/{championship} → 304: a body (2 bytes) where the document has none"])
    }
}
