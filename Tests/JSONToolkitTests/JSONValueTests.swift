import Foundation
import JSONToolkit
import Testing

/// The tree: values as JSONSerialization reads them, numbers kept exact, members kept by name.
@Suite("JSON value")
struct JSONValueTests {
    @Test("a payload's values, numbers exact")
    func values() {
        guard case .object(let members) = JSONValue.parse(#"{"i":-12,"d":"x\u00e9","f":0.1,"big":123456789012345678901,"e":2e3,"b":false,"z":null,"a":[1]}"#)
        else {
            Issue.record("not an object"); return
        }
        #expect(members.map(\.key) == ["i", "d", "f", "big", "e", "b", "z", "a"])
        #expect(members[0].value.int == -12)
        #expect(members[1].value.string == "xé")
        guard case .number(let fraction) = members[2].value, case .number(let big) = members[3].value, case .number(let exponent) = members[4].value else {
            Issue.record("numbers not kept as text"); return
        }
        #expect([fraction, big, exponent] == ["0.1", "123456789012345678901", "2e3"])
        #expect(members[5].value.bool == false)
        #expect(members[6].value.isNull)
        guard case .array(let items) = members[7].value else { Issue.record("not an array"); return }
        #expect(items.first?.int == 1)
    }

    @Test("keeping names: other members are skipped, an escaped spelling of a kept name is kept")
    func keeping() {
        let text = #"{"results":[1],"notes":{"x":[{}]},"l\u0061ps":[2]}"#
        let value = Array(text.utf8).withUnsafeBufferPointer { JSONValue.parse($0, keeping: JSONValue.Names(["results", "laps"])) }
        guard case .object(let members) = value else { Issue.record("not an object"); return }
        #expect(members.map(\.key) == ["results", "laps"])
    }

    @Test(
        "not JSON, not UTF-8, or too deep: nil",
        arguments: [
            Array(#"{"a":}"#.utf8), [0x22, 0xFF, 0x22], Array((String(repeating: "[", count: 40) + String(repeating: "]", count: 40)).utf8)
        ])
    func refused(bytes: [UInt8]) {
        #expect(bytes.withUnsafeBufferPointer { JSONValue.parse($0) } == nil)
    }
}

@Suite("JSON value: escapes refused on request")
struct JSONValueEscapeTests {
    @Test(
        "refusingEscapes gives nil for an escaped string or key, and reads the rest",
        arguments: [
            (#"{"text":"a \"quote\""}"#, false), (#"{"t\u0065xt":"a"}"#, false), (#"{"text":"plain é"}"#, true)
        ])
    func refusingEscapes(text: String, readable: Bool) {
        let value = Array(text.utf8).withUnsafeBufferPointer { JSONValue.parse($0, refusingEscapes: true) }
        #expect((value != nil) == readable)
        #expect(JSONValue.parse(text) != nil)
    }
}
