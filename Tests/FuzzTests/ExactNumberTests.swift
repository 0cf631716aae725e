import Foundation
@_spi(DecodingPaths) import SeasonDomain
import Testing

/// Fuzzing found JSON numbers that Foundation reads as another value (`0.99999999999999999` as 1):
/// points decode exactly, and input carrying a number no reader keeps exactly is refused.
@Suite("Fuzzing findings: numbers JSON cannot carry exactly")
struct ExactNumberTests {
    @Test(arguments: ["123456789012345678.5", "922337203685475807.5", "1.0000000000000001", "0.99999999999999999", "0.33", "25"])
    func aJSONNumberReadsAsItsExactValue(_ number: String) throws {
        let exact = try #require(Points(text: number))
        #expect(try JSONDecoder().decode(Points.self, from: Data(number.utf8)) == exact)
    }

    @Test func theFastReaderAndJSONDecoderAgreeOnADistance() throws {
        let payload = Data(
            #"{"championship":"rx","season":2020,"round":1,"session":"final","kind":"final","completedDistance":0.99999999999999999,"results":[{"position":1,"competitor":"a"}]}"#
                .utf8)
        let fast = EventCatalogue.fastRead(type: "SessionClassified", payload: payload)
        let reference = try? EventCatalogue.jsonDecoderRead(type: "SessionClassified", payload: payload)
        #expect(fast == reference)
        #expect(throws: EventPayloadError.self) {
            try EventCatalogue.decodeStrict(type: "SessionClassified", schemaVersion: 1, payload: payload)
        }
    }

    @Test(arguments: ["25.0000000000000001", "0.100000000000000000000000000000000000000001", "12345678901234567.0"])
    func aNumberThatCannotBeStoredExactlyIsRefusedAndNamed(_ number: String) throws {
        let payload = #"{"championship":"f1","season":2019,"rules":{"scoring":[{"kinds":["race"],"points":[\#(number),18]}]}}"#
        let error = try #require(throws: EventPayloadError.self) {
            try EventCatalogue.decodeStrict(type: "RulesDeclared", schemaVersion: 1, payload: Data(payload.utf8))
        }
        #expect(error.message.contains(number))
    }

    @Test(arguments: ["25.0", "0.5", "4.25", "1e2", "-0.5", "43.734699999999997"])
    func numbersReadExactlyPass(_ number: String) {
        #expect(!ExactNumbers.isInexact(number))
    }

    @Test func numbersInsideStringsAreNotNumbers() {
        #expect(ExactNumbers.firstInexact(in: Data(#"{"note":"0.99999999999999999","points":[1]}"#.utf8)) == nil)
        #expect(ExactNumbers.firstInexact(in: Data(#"{"note":"a \"quoted\" 1","points":[0.99999999999999999]}"#.utf8)) == "0.99999999999999999")
    }
}
