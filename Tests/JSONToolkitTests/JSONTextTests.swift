import Foundation
import JSONToolkit
import Testing

/// String literals decode as JSONDecoder decodes them (the reference), integers read exactly.
@Suite("JSON text")
struct JSONTextTests {
    private func decoded(_ literal: String) -> String? {
        Array(literal.utf8).withUnsafeBufferPointer { JSONText.decodeString($0, 0..<$0.count) }
    }

    @Test(
        "escapes decode as JSONDecoder decodes them",
        arguments: [
            #""plain""#, #""caf\u00e9""#, #""a\"b\\c\/d""#, #""\b\f\n\r\t""#, #""\ud83c\udfc1 flag""#, #""\u0000""#, #""Räikkönen""#,
            #""\uD83C\uDFC1""#
        ])
    func escapes(literal: String) throws {
        let reference = try JSONDecoder().decode(String.self, from: Data(literal.utf8))
        #expect(decoded(literal) == reference)
    }

    @Test(
        "what is not a string literal decodes to nil",
        arguments: [
            #""\ud83c""#, #""\udfc1""#, #""\ud83c\u0041""#, #""\x""#, #""\u12""#, "\"a\u{01}\"", "abc", "\""
        ])
    func refused(literal: String) {
        #expect(decoded(literal) == nil)
    }

    @Test("invalid UTF-8 inside a string is refused")
    func invalidUTF8() {
        let bytes: [UInt8] = [0x22, 0xC3, 0x28, 0x22]
        #expect(bytes.withUnsafeBufferPointer { JSONText.decodeString($0, 0..<4) } == nil)
        #expect(bytes.withUnsafeBufferPointer { JSONText.isValidUTF8($0) } == false)
        #expect(Array("ok é".utf8).withUnsafeBufferPointer { JSONText.isValidUTF8($0) })
    }

    @Test(
        "integers read exactly up to Int64's bounds",
        arguments: [
            ("0", Int64(0)), ("-7", -7), ("9223372036854775807", .max), ("-9223372036854775808", .min),
            ("9223372036854775808", nil), ("01", nil), ("1.0", nil), ("-", nil), ("", nil)
        ] as [(String, Int64?)])
    func integers(text: String, expected: Int64?) {
        #expect(Array(text.utf8).withUnsafeBufferPointer { JSONText.int64($0, 0..<$0.count) } == expected)
    }
}
