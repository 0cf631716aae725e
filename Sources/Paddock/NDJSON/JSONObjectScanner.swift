import Foundation

/// Splits one JSON object into its top-level members, keeping each value's exact text.
///
/// The log hashes payloads byte for byte, so an imported payload must be taken verbatim, never
/// parsed and re-serialized. The scanner checks structure (strings, nesting, commas) but leaves
/// values unparsed.
///
/// ```swift
/// let members = try JSONObjectScanner.members(of: #"{"a":1,"payload":{"x":[1,2]}}"#)
/// members["payload"]  // #"{"x":[1,2]}"#
/// ```
public enum JSONObjectScanner {
    public struct SyntaxError: Error, Equatable, CustomStringConvertible {
        public let offset: Int
        public let reason: String
        public var description: String { "invalid JSON at character \(offset + 1): \(reason)" }
    }

    /// The members of a top-level object, in order: key and the exact text of its value.
    public static func orderedMembers(of text: String) throws(SyntaxError) -> [(key: String, value: String)] {
        let bytes = Array(text.utf8)
        var i = 0
        var members: [(key: String, value: String)] = []
        var seen: Set<String> = []
        func fail(_ reason: String) -> SyntaxError { SyntaxError(offset: i, reason: reason) }
        func skipSpace() { while i < bytes.count, [32, 9, 10, 13].contains(bytes[i]) { i += 1 } }
        func scanString() throws(SyntaxError) -> Range<Int> {
            guard i < bytes.count, bytes[i] == 34 else { throw fail("expected a string") }
            let start = i
            i += 1
            while i < bytes.count {
                switch bytes[i] {
                case 92: i += 2
                case 34: i += 1; return start..<i
                case 0..<32: throw fail("control character in a string")
                default: i += 1
                }
            }
            throw fail("unterminated string")
        }
        func scanValue() throws(SyntaxError) -> Range<Int> {
            skipSpace()
            guard i < bytes.count else { throw fail("expected a value") }
            let start = i
            switch bytes[i] {
            case 34: return try scanString()
            case 123, 91:
                // The closing bracket each open one expects: `{"a":1]` is not an object.
                var closers: [UInt8] = []
                while i < bytes.count {
                    switch bytes[i] {
                    case 34: _ = try scanString(); continue
                    case 123: closers.append(125)
                    case 91: closers.append(93)
                    case 125, 93:
                        guard closers.popLast() == bytes[i] else { throw fail("mismatched '\(UnicodeScalar(bytes[i]))'") }
                        if closers.isEmpty { i += 1; return start..<i }
                    default: break
                    }
                    i += 1
                }
                throw fail("unterminated object or array")
            default:
                while i < bytes.count, !([44, 125, 93, 32, 9, 10, 13].contains(bytes[i])) { i += 1 }
                guard i > start, isScalar(bytes[start..<i]) else { throw SyntaxError(offset: start, reason: "expected a value") }
                return start..<i
            }
        }
        skipSpace()
        guard i < bytes.count, bytes[i] == 123 else { throw fail("expected a JSON object") }
        i += 1
        skipSpace()
        if i < bytes.count, bytes[i] == 125 {
            i += 1
        } else {
            while true {
                skipSpace()
                let keyRange = try scanString()
                let keyData = Data(bytes[keyRange])
                guard let key = try? JSONDecoder().decode(String.self, from: keyData) else { throw fail("invalid key") }
                skipSpace()
                guard i < bytes.count, bytes[i] == 58 else { throw fail("expected ':' after \"\(key)\"") }
                i += 1
                let valueRange = try scanValue()
                guard seen.insert(key).inserted else { throw fail("duplicate key \"\(key)\"") }
                members.append((key, String(decoding: bytes[valueRange], as: UTF8.self)))
                skipSpace()
                guard i < bytes.count else { throw fail("unterminated object") }
                if bytes[i] == 44 { i += 1; continue }
                if bytes[i] == 125 { i += 1; break }
                throw fail("expected ',' or '}'")
            }
        }
        skipSpace()
        guard i == bytes.count else { throw fail("unexpected text after the object") }
        return members
    }

    /// `true`, `false`, `null` or a number as JSON writes it (`-0.5e3`; not `+1`, `01`, `.5`, `NaN`).
    static func isScalar(_ token: ArraySlice<UInt8>) -> Bool {
        if token.elementsEqual("true".utf8) || token.elementsEqual("false".utf8) || token.elementsEqual("null".utf8) { return true }
        var i = token.startIndex
        func digits() -> Int {
            let from = i
            while i < token.endIndex, (48...57).contains(token[i]) { i += 1 }
            return i - from
        }
        if i < token.endIndex, token[i] == 45 { i += 1 }
        let integerStart = i
        let integerDigits = digits()
        guard integerDigits > 0, integerDigits == 1 || token[integerStart] != 48 else { return false }
        if i < token.endIndex, token[i] == 46 {
            i += 1
            guard digits() > 0 else { return false }
        }
        if i < token.endIndex, token[i] == 101 || token[i] == 69 {
            i += 1
            if i < token.endIndex, token[i] == 43 || token[i] == 45 { i += 1 }
            guard digits() > 0 else { return false }
        }
        return i == token.endIndex
    }

    /// The members of a top-level object by key.
    public static func members(of text: String) throws(SyntaxError) -> [String: String] {
        Dictionary(uniqueKeysWithValues: try orderedMembers(of: text).map { ($0.key, $0.value) })
    }
}
