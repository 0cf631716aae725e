import Foundation
import JSONToolkit
import Testing

/// The scanner against RFC 8259: what it accepts and refuses, where it says the text went wrong,
/// and that every value's range is its exact text.
@Suite("JSON scanner")
struct JSONScannerTests {
    private func document(_ text: String, maxDepth: Int = JSONScanner.defaultMaxDepth) throws(JSONSyntaxError) -> JSONScanner.Document {
        let bytes = Array(text.utf8)
        let result: Result<JSONScanner.Document, JSONSyntaxError> = bytes.withUnsafeBufferPointer { buffer in
            do throws(JSONSyntaxError) { return .success(try JSONScanner.scanDocument(buffer, maxDepth: maxDepth)) } catch { return .failure(error) }
        }
        return try result.get()
    }

    private func slice(_ text: String, _ range: Range<Int>) -> String {
        String(decoding: Array(text.utf8)[range], as: UTF8.self)
    }

    @Test(
        "accepts what JSONSerialization accepts, refuses what it refuses",
        arguments: [
            "{}", "[]", "0", "-0", "-0.5e+3", "1E9", "\"a\\u00e9\\n\"", "true", "null", " [1, {\"a\": [false, null]}, \"x\"] ",
            "[\"\\ud83c\\udfc1\"]",
            "", " ", "{", "{\"a\" 1}", "01", "+1", ".5", "1.", "1e", "NaN", "tru", "nul", "[1 2]",
            "{\"a\":1]", "[1}", "\"\\x\"", "\"\\u12G4\"", "\"a\nb\"", "{1:2}", "[1] [2]", "\"unterminated"
        ])
    func agreesWithFoundation(text: String) {
        let foundation = (try? JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])) != nil
        let scanned = (try? document(text)) != nil
        #expect(scanned == foundation, "\(text)")
    }

    @Test("trailing commas are refused, as RFC 8259 says (Foundation on Linux accepts them)", arguments: ["[1,]", "{\"a\":1,}", "[{},]"])
    func trailingCommas(text: String) {
        #expect(throws: JSONSyntaxError.self) { try document(text) }
    }

    @Test("an object's members keep their keys' and values' exact text")
    func membersKeepText() throws {
        let text = #" {"n" : -0.50e+3, "s":"a\"b", "o":{"x":[1,2]} ,"t":true} "#
        guard case .object(let members) = try document(text) else { Issue.record("not an object"); return }
        #expect(members.map { slice(text, $0.key) } == [#""n""#, #""s""#, #""o""#, #""t""#])
        #expect(members.map { slice(text, $0.value) } == ["-0.50e+3", #""a\"b""#, #"{"x":[1,2]}"#, "true"])
    }

    @Test("an array's object items come with their members; other items without")
    func arrayItems() throws {
        let text = #"[{"a":1}, 7, {"b":{"c":2}}]"#
        guard case .array(let items) = try document(text) else { Issue.record("not an array"); return }
        #expect(items.map { slice(text, $0.range) } == [#"{"a":1}"#, "7", #"{"b":{"c":2}}"#])
        #expect(items.map { $0.members?.count } == [1, nil, 1])
        #expect(items[2].members.map { slice(text, $0[0].value) } == #"{"c":2}"#)
    }

    @Test("errors name the character where the text went wrong")
    func errorPositions() {
        #expect(throws: JSONSyntaxError(offset: 6, reason: "expected a value")) { try document(#"{"a": }"#) }
        #expect(throws: JSONSyntaxError(offset: 0, reason: "unterminated string")) { try document(#""abc"#) }
        #expect(throws: JSONSyntaxError(offset: 5, reason: "unterminated array")) { try document("[1, 2") }
        #expect(throws: JSONSyntaxError(offset: 3, reason: "expected ',' or ']'")) { try document("[1 2]") }
        #expect(throws: JSONSyntaxError(offset: 3, reason: "unexpected text after the value")) { try document("[] x") }
        do {
            _ = try document("[1,]")
            Issue.record("accepted [1,]")
        } catch {
            #expect(error.description == "invalid JSON at character 4: expected a value")
        }
    }

    @Test("nesting is bounded: the limit is accepted, one more level is refused as too deep")
    func depth() throws {
        let limit = 8
        _ = try document(String(repeating: "[", count: limit) + String(repeating: "]", count: limit), maxDepth: limit)
        do {
            _ = try document(String(repeating: "[", count: limit + 1) + String(repeating: "]", count: limit + 1), maxDepth: limit)
            Issue.record("accepted \(limit + 1) levels")
        } catch {
            #expect(error.isTooDeep)
            #expect(error.reason == "nested deeper than 8 levels")
        }
        // A deep text does not exhaust the stack: it is refused at the limit.
        let deep = String(repeating: "[", count: 100_000)
        #expect(throws: JSONSyntaxError.self) { try document(deep) }
    }

    @Test("one object per line: members in order, a repeated key found by its decoded text")
    func objectsAndDuplicates() throws {
        let text = #"{"type":"Note","t\u0079pe":"x"}"#
        let bytes = Array(text.utf8)
        var members: [JSONMember] = []
        try bytes.withUnsafeBufferPointer { buffer throws(JSONSyntaxError) in
            try JSONScanner.scanObject(buffer, into: &members)
            let duplicate = JSONText.firstDuplicateKey(in: members, of: buffer)
            #expect(duplicate?.key == "type")
            #expect(duplicate?.member == members[1])
        }
        #expect(members.count == 2)
        #expect(members[1].keyEscaped)
        #expect(throws: JSONSyntaxError(offset: 0, reason: "expected a JSON object")) {
            try Array("[1]".utf8).withUnsafeBufferPointer { buffer throws(JSONSyntaxError) in try JSONScanner.scanObject(buffer, into: &members) }
        }
        #expect(try JSONScanner.memberTexts(of: #"{"a":[1,{"b":"]}"}],"n":-0.5e+3}"#).map(\.value) == [#"[1,{"b":"]}"}]"#, "-0.5e+3"])
        #expect(throws: JSONSyntaxError.self) { try JSONScanner.memberTexts(of: #"{"a":1,"a":2}"#) }
    }

    @Test("more than sixteen members: a repeated key is still found")
    func manyMembers() throws {
        let keys = (0..<20).map { "k\($0)" } + ["k3"]
        let text = "{" + keys.map { "\"\($0)\":1" }.joined(separator: ",") + "}"
        let bytes = Array(text.utf8)
        var members: [JSONMember] = []
        let duplicate = try bytes.withUnsafeBufferPointer { buffer throws(JSONSyntaxError) in
            try JSONScanner.scanObject(buffer, into: &members)
            return JSONText.firstDuplicateKey(in: members, of: buffer)?.key
        }
        #expect(duplicate == "k3")
    }
}
