import Foundation

/// Splits JSON text into its top-level parts without re-encoding them, so that values reach the
/// catalogue's validation exactly as the client wrote them (numbers keep their digits).
///
/// Only call on text that ``check(_:)`` accepted.
enum RawJSON {
    /// Deepest nesting accepted in a request body.
    static let maxDepth = 64

    enum Shape { case object, array, other }

    /// Checks that `text` is JSON and not nested too deeply; returns its top-level shape.
    static func check(_ text: String) throws(Problem) -> Shape {
        var depth = 0
        var inString = false
        var escaped = false
        for byte in text.utf8 {
            if inString {
                if escaped { escaped = false } else if byte == UInt8(ascii: "\\") { escaped = true } else if byte == UInt8(ascii: "\"") { inString = false }
                continue
            }
            switch byte {
            case UInt8(ascii: "\""): inString = true
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                depth += 1
                if depth > maxDepth { throw Problem.badBody("JSON nested deeper than \(maxDepth) levels") }
            case UInt8(ascii: "}"), UInt8(ascii: "]"): depth -= 1
            default: break
            }
        }
        let value: Any
        do {
            value = try JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])
        } catch {
            throw Problem.badBody("the body is not JSON")
        }
        if value is [String: Any] { return .object }
        if value is [Any] { return .array }
        return .other
    }

    /// The raw text of each element of a top-level array.
    static func elements(ofArray text: String) -> [String] {
        var scanner = Scanner(text)
        scanner.skipWhitespace()
        guard scanner.peek == UInt8(ascii: "[") else { return [] }
        scanner.index += 1
        var elements: [String] = []
        scanner.skipWhitespace()
        if scanner.peek == UInt8(ascii: "]") { return [] }
        while !scanner.atEnd {
            elements.append(scanner.text(scanner.skipValue()))
            scanner.skipWhitespace()
            guard scanner.peek == UInt8(ascii: ",") else { break }
            scanner.index += 1
        }
        return elements
    }

    /// Each member of a top-level object: its decoded key and its value's raw text, in order.
    static func members(ofObject text: String) -> [(key: String, value: String)] {
        var scanner = Scanner(text)
        scanner.skipWhitespace()
        guard scanner.peek == UInt8(ascii: "{") else { return [] }
        scanner.index += 1
        var members: [(key: String, value: String)] = []
        scanner.skipWhitespace()
        if scanner.peek == UInt8(ascii: "}") { return [] }
        while !scanner.atEnd {
            scanner.skipWhitespace()
            let keyText = scanner.text(scanner.skipValue())
            let key = (try? JSONDecoder().decode(String.self, from: Data(keyText.utf8))) ?? keyText
            scanner.skipWhitespace()
            guard scanner.peek == UInt8(ascii: ":") else { break }
            scanner.index += 1
            members.append((key, scanner.text(scanner.skipValue())))
            scanner.skipWhitespace()
            guard scanner.peek == UInt8(ascii: ",") else { break }
            scanner.index += 1
        }
        return members
    }

    /// An object's text from raw members.
    static func object(_ members: [(key: String, value: String)]) -> String {
        "{" + members.map { quoted($0.key) + ":" + $0.value }.joined(separator: ",") + "}"
    }

    /// A string as a JSON literal.
    static func quoted(_ text: String) -> String {
        String(decoding: (try? JSONEncoder().encode(text)) ?? Data("\"\"".utf8), as: UTF8.self)
    }

    /// Byte-level scanning; every access is bounds-checked, so malformed text cannot crash it.
    struct Scanner {
        let bytes: [UInt8]
        var index = 0

        init(_ text: String) { bytes = Array(text.utf8) }

        var atEnd: Bool { index >= bytes.count }
        var peek: UInt8 { index < bytes.count ? bytes[index] : 0 }

        func text(_ range: Range<Int>) -> String { String(decoding: bytes[range], as: UTF8.self) }

        mutating func skipWhitespace() {
            while !atEnd, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) { index += 1 }
        }

        mutating func skipString() {
            index += 1
            while !atEnd, bytes[index] != UInt8(ascii: "\"") { index += bytes[index] == UInt8(ascii: "\\") ? 2 : 1 }
            index = min(index + 1, bytes.count)
        }

        /// Skips one value; returns its byte range.
        mutating func skipValue() -> Range<Int> {
            skipWhitespace()
            let start = index
            switch peek {
            case UInt8(ascii: "\""): skipString()
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                var depth = 0
                repeat {
                    switch peek {
                    case UInt8(ascii: "\""): skipString(); continue
                    case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
                    case UInt8(ascii: "}"), UInt8(ascii: "]"): depth -= 1
                    default: break
                    }
                    index += 1
                } while depth > 0 && !atEnd
            default:
                while !atEnd, ![UInt8(ascii: ","), UInt8(ascii: "}"), UInt8(ascii: "]"), 0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) {
                    index += 1
                }
            }
            return start..<min(index, bytes.count)
        }
    }
}
