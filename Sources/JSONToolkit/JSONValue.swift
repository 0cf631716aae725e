/// A JSON value built from bytes by a ``JSONScanner``, for reading a few members of a payload
/// quickly. Object members keep their order (and a repeated key: the reader decides); numbers keep
/// their exact text unless they are integers that fit in `Int`.
///
/// ```swift
/// let bytes = Array(#"{"position":1,"points":"12.5","x":[true]}"#.utf8)
/// let value = bytes.withUnsafeBufferPointer { JSONValue.parse($0, keeping: JSONValue.Names(["position", "points"])) }
/// // .object([("position", .int(1)), ("points", .string("12.5"))])
/// ```
public enum JSONValue: Sendable {
    case string(String)
    /// An integer (no fraction, no exponent) that fits in `Int`.
    case int(Int)
    /// Any other number, as written (`-0.5`, `1e3`, `12345678901234567890`).
    case number(String)
    case bool(Bool)
    case null
    case array([JSONValue])
    case object([(key: String, value: JSONValue)])

    /// Member names to keep, compared as bytes (no `String` is made for the others).
    public struct Names: Sendable {
        let names: [[UInt8]]

        public init(_ names: [StaticString]) {
            self.names = names.map { Array(UnsafeBufferPointer(start: $0.utf8Start, count: $0.utf8CodeUnitCount)) }
        }

        func contains(_ name: UnsafeBufferPointer<UInt8>) -> Bool {
            for candidate in names where candidate.count == name.count {
                var same = true
                for index in 0..<name.count where candidate[index] != name[index] { same = false; break }
                if same { return true }
            }
            return false
        }

        func contains(_ name: String) -> Bool {
            names.contains { $0.elementsEqual(name.utf8) }
        }
    }

    /// The value the whole of `bytes` holds, or nil when it is not JSON, is not UTF-8, or nests
    /// more than `maxDepth` objects and arrays. With `keeping`, every object keeps only the members
    /// named (the others are checked and skipped, never built); a key written with escapes is
    /// compared by what it decodes to.
    ///
    /// With `refusingEscapes`, a string or key written with an escape gives nil too: for a caller
    /// whose reference reader (JSONDecoder) decides whenever the text is unusual.
    public static func parse(
        _ bytes: UnsafeBufferPointer<UInt8>, keeping keep: Names? = nil, maxDepth: Int = 32,
        refusingEscapes: Bool = false
    ) -> JSONValue? {
        var scanner = JSONScanner(bytes, maxDepth: maxDepth)
        do throws(JSONSyntaxError) {
            let value = try build(&scanner, keep: keep, depth: 0, refusingEscapes: refusingEscapes)
            scanner.skipSpace()
            return scanner.atEnd ? value : nil
        } catch {
            return nil
        }
    }

    /// The value `text` holds, or nil.
    public static func parse(_ text: String, maxDepth: Int = 32) -> JSONValue? {
        var text = text
        return text.withUTF8 { parse($0, maxDepth: maxDepth) }
    }

    /// Thrown inside the build for what the scanner accepts but the tree does not take (invalid
    /// UTF-8; an escape when refused).
    private static var unreadable: JSONSyntaxError { JSONSyntaxError(offset: 0, reason: "not UTF-8 text") }

    private static func build(_ scanner: inout JSONScanner, keep: Names?, depth: Int, refusingEscapes: Bool) throws(JSONSyntaxError) -> JSONValue {
        scanner.skipSpace()
        guard let byte = scanner.current else { throw scanner.failure("expected a value") }
        switch byte {
        case UInt8(ascii: "{"):
            var members: [(key: String, value: JSONValue)] = []
            try scanner.scanObject(depth: depth) { (scanner: inout JSONScanner, key: Range<Int>, keyEscaped: Bool) throws(JSONSyntaxError) in
                if keyEscaped, refusingEscapes { throw unreadable }
                let name = UnsafeBufferPointer(rebasing: scanner.bytes[(key.lowerBound + 1)..<(key.upperBound - 1)])
                if let keep, !keyEscaped, !keep.contains(name) {
                    _ = try scanner.skipValue(depth: depth + 1)
                    return
                }
                guard let text = keyEscaped ? JSONText.decodeString(scanner.bytes, key) : JSONText.string(name) else { throw unreadable }
                if let keep, keyEscaped, !keep.contains(text) {
                    _ = try scanner.skipValue(depth: depth + 1)
                    return
                }
                members.append((text, try build(&scanner, keep: keep, depth: depth + 1, refusingEscapes: refusingEscapes)))
            }
            return .object(members)
        case UInt8(ascii: "["):
            var items: [JSONValue] = []
            try scanner.scanArray(depth: depth) { (scanner: inout JSONScanner) throws(JSONSyntaxError) in
                items.append(try build(&scanner, keep: keep, depth: depth + 1, refusingEscapes: refusingEscapes))
            }
            return .array(items)
        case UInt8(ascii: "\""):
            let range = try scanner.scanString()
            if scanner.lastStringHadEscape, refusingEscapes { throw unreadable }
            let inner = UnsafeBufferPointer(rebasing: scanner.bytes[(range.lowerBound + 1)..<(range.upperBound - 1)])
            guard let text = scanner.lastStringHadEscape ? JSONText.decodeString(scanner.bytes, range) : JSONText.string(inner) else {
                throw unreadable
            }
            return .string(text)
        case UInt8(ascii: "t"): try scanner.scanLiteral("true"); return .bool(true)
        case UInt8(ascii: "f"): try scanner.scanLiteral("false"); return .bool(false)
        case UInt8(ascii: "n"): try scanner.scanLiteral("null"); return .null
        default:
            let number = try scanner.scanNumber()
            let range = number.range
            let negative = scanner.bytes[range.lowerBound] == UInt8(ascii: "-")
            let digits = negative ? range.dropFirst() : range
            if number.isInteger, digits.count <= 18 {
                var magnitude = 0
                for index in digits { magnitude = magnitude * 10 + Int(scanner.bytes[index] &- 0x30) }
                return .int(negative ? -magnitude : magnitude)
            }
            return .number(JSONText.text(scanner.bytes, range))
        }
    }
}

// MARK: - Typed reads (nil: not that type)

extension JSONValue {
    /// The string, or nil for any other value.
    @inlinable public var string: String? { if case .string(let s) = self { s } else { nil } }

    /// The integer, or nil for any other value.
    @inlinable public var int: Int? { if case .int(let i) = self { i } else { nil } }

    /// The Boolean, or nil for any other value.
    @inlinable public var bool: Bool? { if case .bool(let b) = self { b } else { nil } }

    /// Whether the value is `null`.
    @inlinable public var isNull: Bool { if case .null = self { true } else { false } }
}
