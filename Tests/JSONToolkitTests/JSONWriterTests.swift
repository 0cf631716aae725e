import Foundation
import JSONToolkit
import Testing

/// The one way strings and integers are written: RFC 8259's fewest escapes, byte for byte what
/// JSONEncoder (`.withoutEscapingSlashes`) writes for text without control characters.
@Suite("JSON writer")
struct JSONWriterTests {
    @Test(
        "control characters: \\n, \\r, \\t short; the others \\u00XX in lowercase",
        arguments: [
            ("\n\r\t", #""\n\r\t""#), ("\u{00}\u{08}\u{0C}\u{1F}", #""\u0000\u0008\u000c\u001f""#), ("a\"b\\c", #""a\"b\\c""#),
            ("/\u{7F}é🏁", "\"/\u{7F}é🏁\""), ("", #""""#)
        ])
    func escapes(value: String, expected: String) {
        #expect(JSONWriter.quoted(value) == expected)
        var bytes: [UInt8] = []
        JSONWriter.appendQuoted(value, to: &bytes)
        #expect(bytes == Array(expected.utf8))
    }

    @Test("without control characters, byte for byte what JSONEncoder writes")
    func matchesJSONEncoder() throws {
        let alphabet: [String] = ["a", " ", "\"", "\\", "/", "ö", "🏁", "\u{2028}", "\u{7F}", "<", "&", "\u{0301}"]
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        var random = SystemRandomNumberGenerator()
        for _ in 0..<500 {
            let value = (0..<Int.random(in: 0...30, using: &random)).map { _ in alphabet.randomElement(using: &random) ?? "" }.joined()
            let reference = try encoder.encode(value)
            #expect(JSONWriter.quoted(value) == String(decoding: reference, as: UTF8.self), "\(value)")
            #expect(!JSONWriter.containsControlCharacter(value))
        }
        #expect(JSONWriter.containsControlCharacter("a\u{01}"))
    }

    @Test("a quoted string reads back as itself")
    func roundTrip() {
        for value in ["\u{00}x\u{1F}", "line\nbreak", "\"\\\"", "Kallio 🏁"] {
            let literal = Array(JSONWriter.quoted(value).utf8)
            #expect(literal.withUnsafeBufferPointer { JSONText.decodeString($0, 0..<$0.count) } == value)
        }
    }

    @Test("integers in decimal, Int64's bounds included", arguments: [Int64(0), 7, -42, .max, .min])
    func decimals(value: Int64) {
        var bytes: [UInt8] = []
        JSONWriter.appendDecimal(value, to: &bytes)
        #expect(bytes == Array(String(value).utf8))
    }
}
