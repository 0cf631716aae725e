import Foundation

/// JSON over UTF-8 bytes for the NDJSON hot paths (bulk append, import, export): no `String`
/// splitting, no `Character` iteration, no `JSONDecoder` unless a string holds an escape.
///
/// ```swift
/// var members: [JSONBytes.Member] = []
/// try bytes.withUnsafeBufferPointer { try JSONBytes.scanObject($0, into: &members) }
/// ```
enum JSONBytes {
    /// One top-level member: the byte ranges of its key (with quotes) and of its value's exact text.
    struct Member {
        var key: Range<Int>
        var value: Range<Int>
        /// Whether the key holds a backslash (then only its decoded text tells whether it repeats another).
        var keyEscaped = false
    }

    /// Splits one JSON object into its top-level members, checking structure (strings, nesting,
    /// commas) but leaving values unparsed; a duplicate key is refused.
    static func scanObject(_ bytes: UnsafeBufferPointer<UInt8>, into members: inout [Member]) throws(JSONObjectScanner.SyntaxError) {
        members.removeAll(keepingCapacity: true)
        var i = 0
        let count = bytes.count
        func fail(_ reason: String) -> JSONObjectScanner.SyntaxError { JSONObjectScanner.SyntaxError(offset: i, reason: reason) }
        func isSpace(_ b: UInt8) -> Bool { b == 32 || b == 9 || b == 10 || b == 13 }
        func skipSpace() { while i < count, isSpace(bytes[i]) { i += 1 } }
        var escaped = false
        var closers: [UInt8] = []
        // Keys seen, once an object has more members than a linear search suits.
        var seen: Set<String> = []
        func scanString() throws(JSONObjectScanner.SyntaxError) -> Range<Int> {
            guard i < count, bytes[i] == 34 else { throw fail("expected a string") }
            let start = i
            i += 1
            while i < count {
                let b = bytes[i]
                if b == 92 { i += 2; escaped = true; continue }
                if b == 34 { i += 1; return start..<i }
                if b < 32 { throw fail("control character in a string") }
                i += 1
            }
            throw fail("unterminated string")
        }
        func scanValue() throws(JSONObjectScanner.SyntaxError) -> Range<Int> {
            skipSpace()
            guard i < count else { throw fail("expected a value") }
            let start = i
            switch bytes[i] {
            case 34: return try scanString()
            case 123, 91:
                // The closing bracket each open one expects: `{"a":1]` is not an object.
                closers.removeAll(keepingCapacity: true)
                while i < count {
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
                while i < count {
                    let b = bytes[i]
                    if b == 44 || b == 125 || b == 93 || isSpace(b) { break }
                    i += 1
                }
                guard i > start, isScalar(bytes, start..<i) else {
                    throw JSONObjectScanner.SyntaxError(offset: start, reason: "expected a value")
                }
                return start..<i
            }
        }
        skipSpace()
        guard i < count, bytes[i] == 123 else { throw fail("expected a JSON object") }
        i += 1
        skipSpace()
        if i < count, bytes[i] == 125 {
            i += 1
        } else {
            while true {
                skipSpace()
                escaped = false
                let keyRange = try scanString()
                let keyEscaped = escaped
                guard let key = string(bytes, keyRange) else { throw fail("invalid key") }
                skipSpace()
                guard i < count, bytes[i] == 58 else { throw fail("expected ':' after \"\(key)\"") }
                i += 1
                let valueRange = try scanValue()
                if members.count < 16 {
                    for member in members where equal(bytes, member.key, keyRange)
                        || ((member.keyEscaped || keyEscaped) && string(bytes, member.key) == key) {
                        throw fail("duplicate key \"\(key)\"")
                    }
                } else {
                    if seen.isEmpty { for member in members { seen.insert(string(bytes, member.key) ?? "") } }
                    guard seen.insert(key).inserted else { throw fail("duplicate key \"\(key)\"") }
                }
                members.append(Member(key: keyRange, value: valueRange, keyEscaped: keyEscaped))
                skipSpace()
                guard i < count else { throw fail("unterminated object") }
                if bytes[i] == 44 { i += 1; continue }
                if bytes[i] == 125 { i += 1; break }
                throw fail("expected ',' or '}'")
            }
        }
        skipSpace()
        guard i == count else { throw fail("unexpected text after the object") }
    }

    // MARK: Values

    /// `true`, `false`, `null` or a number as JSON writes it (`-0.5e3`; not `+1`, `01`, `.5`, `NaN`).
    static func isScalar(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        if equals(bytes, range, "true") || equals(bytes, range, "false") || equals(bytes, range, "null") { return true }
        var i = range.lowerBound
        func digits() -> Int {
            let from = i
            while i < range.upperBound, (48...57).contains(bytes[i]) { i += 1 }
            return i - from
        }
        if i < range.upperBound, bytes[i] == 45 { i += 1 }
        let integerStart = i
        let integerDigits = digits()
        guard integerDigits > 0, integerDigits == 1 || bytes[integerStart] != 48 else { return false }
        if i < range.upperBound, bytes[i] == 46 {
            i += 1
            guard digits() > 0 else { return false }
        }
        if i < range.upperBound, bytes[i] == 101 || bytes[i] == 69 {
            i += 1
            if i < range.upperBound, bytes[i] == 43 || bytes[i] == 45 { i += 1 }
            guard digits() > 0 else { return false }
        }
        return i == range.upperBound
    }

    /// The string a JSON string literal (`range` includes its quotes) stands for; nil when it is not
    /// one. Without escapes the bytes are taken as they are; with one, `JSONDecoder` decodes it.
    static func string(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> String? {
        guard range.count >= 2, bytes[range.lowerBound] == 34, bytes[range.upperBound - 1] == 34 else { return nil }
        let inner = UnsafeBufferPointer(rebasing: bytes[(range.lowerBound + 1)..<(range.upperBound - 1)])
        var plain = true
        for byte in inner where byte == 92 || byte < 32 { plain = false; break }
        if plain { return isASCII(inner) ? String(decoding: inner, as: UTF8.self) : String(validating: inner, as: UTF8.self) }
        return try? JSONDecoder().decode(String.self, from: Data(UnsafeBufferPointer(rebasing: bytes[range])))
    }

    /// Whether `range` holds exactly `word` (a literal such as `null`).
    static func equals(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, _ word: StaticString) -> Bool {
        guard range.count == word.utf8CodeUnitCount else { return false }
        for (offset, index) in range.enumerated() where bytes[index] != word.utf8Start[offset] { return false }
        return true
    }

    static func equal(_ bytes: UnsafeBufferPointer<UInt8>, _ a: Range<Int>, _ b: Range<Int>) -> Bool {
        guard a.count == b.count else { return false }
        return memcmp(bytes.baseAddress! + a.lowerBound, bytes.baseAddress! + b.lowerBound, a.count) == 0
    }

    /// A JSON integer (`-?[0-9]+`, no leading zero) that fits in Int64; nil otherwise.
    static func int64(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int64? {
        var index = range.lowerBound
        let negative = index < range.upperBound && bytes[index] == UInt8(ascii: "-")
        if negative { index += 1 }
        let digits = index..<range.upperBound
        guard !digits.isEmpty, digits.count <= 19 else { return nil }
        if bytes[digits.lowerBound] == UInt8(ascii: "0"), digits.count > 1 { return nil }
        var magnitude: UInt64 = 0
        for i in digits {
            let digit = bytes[i] &- 48
            guard digit <= 9 else { return nil }
            magnitude = magnitude &* 10 &+ UInt64(digit)
        }
        if negative { return magnitude <= UInt64(Int64.max) + 1 ? Int64(truncatingIfNeeded: 0 &- magnitude) : nil }
        return magnitude <= UInt64(Int64.max) ? Int64(magnitude) : nil
    }

    // MARK: Text

    static func isASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        let count = bytes.count
        let raw = UnsafeRawBufferPointer(bytes)
        while index + 8 <= count {
            if raw.loadUnaligned(fromByteOffset: index, as: UInt64.self) & 0x8080_8080_8080_8080 != 0 { return false }
            index += 8
        }
        while index < count {
            if bytes[index] >= 0x80 { return false }
            index += 1
        }
        return true
    }

    /// Whether the bytes are UTF-8 text (ASCII checked eight bytes at a time first).
    static func isValidUTF8(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        isASCII(bytes) || String(validating: bytes, as: UTF8.self) != nil
    }

    // MARK: Writing

    /// Appends a JSON string literal the way ``JSONText/quoted(_:)`` writes it.
    static func appendQuoted(_ value: String, to out: inout [UInt8]) {
        var value = value
        value.withUTF8 { utf8 in appendQuoted(utf8, to: &out) }
    }

    static func appendQuoted(_ utf8: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        out.append(34)
        var plainStart = 0
        for (index, byte) in utf8.enumerated() where byte < 0x20 || byte == 34 || byte == 92 {
            out.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[plainStart..<index]))
            plainStart = index + 1
            switch byte {
            case 34: out.append(contentsOf: [92, 34])
            case 92: out.append(contentsOf: [92, 92])
            case 10: out.append(contentsOf: [92, 110])
            case 13: out.append(contentsOf: [92, 114])
            case 9: out.append(contentsOf: [92, 116])
            default:
                let hex: StaticString = "0123456789abcdef"
                out.append(contentsOf: [92, 117, 48, 48, hex.utf8Start[Int(byte >> 4)], hex.utf8Start[Int(byte & 15)]])
            }
        }
        out.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[plainStart...]))
        out.append(34)
    }

    /// The id's lowercase text (`0193a4c2-…`), as envelopes write it.
    static func appendUUID(_ id: UUID, to out: inout [UInt8]) {
        let hex: StaticString = "0123456789abcdef"
        withUnsafeBytes(of: id.uuid) { raw in
            for (index, byte) in raw.enumerated() {
                if index == 4 || index == 6 || index == 8 || index == 10 { out.append(45) }
                out.append(hex.utf8Start[Int(byte >> 4)])
                out.append(hex.utf8Start[Int(byte & 15)])
            }
        }
    }

    static func appendDecimal(_ value: Int64, to out: inout [UInt8]) {
        if value == 0 { out.append(48); return }
        var scratch: (UInt64, UInt64, UInt64) = (0, 0, 0)
        withUnsafeMutableBytes(of: &scratch) { digits in
            var magnitude = value.magnitude
            var i = digits.count
            while magnitude > 0 {
                i -= 1
                digits[i] = UInt8(48 + magnitude % 10)
                magnitude /= 10
            }
            if value < 0 { i -= 1; digits[i] = 45 }
            out.append(contentsOf: UnsafeRawBufferPointer(rebasing: digits[i...]))
        }
    }
}

/// The known members of one scanned object, found by name: `ranges[k]` is the value of `names[k]`.
struct KnownMembers {
    let bytes: UnsafeBufferPointer<UInt8>
    private(set) var ranges: [Range<Int>?]
    /// Keys the object has that are not among the names, decoded, in order of appearance.
    private(set) var unknown: [String] = []

    init(_ bytes: UnsafeBufferPointer<UInt8>, _ members: [JSONBytes.Member], names: [[UInt8]]) {
        self.bytes = bytes
        ranges = Array(repeating: nil, count: names.count)
        members: for member in members {
            let key = (member.key.lowerBound + 1)..<(member.key.upperBound - 1)
            for (index, name) in names.enumerated() where name.count == key.count {
                let same = name.withUnsafeBufferPointer { memcmp($0.baseAddress!, bytes.baseAddress! + key.lowerBound, key.count) == 0 }
                if same { ranges[index] = member.value; continue members }
            }
            // An escaped spelling of a known name is that name, as JSONDecoder reads it.
            let decoded = JSONBytes.string(bytes, member.key) ?? ""
            if let index = names.firstIndex(where: { $0.elementsEqual(decoded.utf8) }) {
                ranges[index] = member.value
            } else {
                unknown.append(decoded)
            }
        }
    }

    /// The value's text, for messages.
    func text(_ index: Int) -> String? {
        ranges[index].map { String(decoding: UnsafeBufferPointer(rebasing: bytes[$0]), as: UTF8.self) }
    }

    func isAbsentOrNull(_ index: Int) -> Bool {
        guard let range = ranges[index] else { return true }
        return JSONBytes.equals(bytes, range, "null")
    }

    func optionalString(_ index: Int, _ key: String) throws(LineError.Reason) -> String? {
        guard let range = ranges[index], !JSONBytes.equals(bytes, range, "null") else { return nil }
        guard let value = JSONBytes.string(bytes, range) else {
            throw .init("\(key): expected a string, found \(text(index)?.prefix(40) ?? "")")
        }
        return value
    }

    func string(_ index: Int, _ key: String) throws(LineError.Reason) -> String {
        guard let value = try optionalString(index, key) else { throw .init("\(key): missing") }
        return value
    }

    func optionalInt64(_ index: Int, _ key: String) throws(LineError.Reason) -> Int64? {
        guard let range = ranges[index], !JSONBytes.equals(bytes, range, "null") else { return nil }
        guard let value = JSONBytes.int64(bytes, range) ?? Int64(text(index) ?? "") else {
            throw .init("\(key): expected an integer, found \(text(index)?.prefix(40) ?? "")")
        }
        return value
    }

    func int64(_ index: Int, _ key: String) throws(LineError.Reason) -> Int64 {
        guard let value = try optionalInt64(index, key) else { throw .init("\(key): missing") }
        return value
    }

    func optionalUUID(_ index: Int, _ key: String) throws(LineError.Reason) -> UUID? {
        guard let text = try optionalString(index, key) else { return nil }
        guard let value = UUID(uuidString: text) else { throw .init("\(key): '\(text)' is not a UUID") }
        return value
    }

    func uuid(_ index: Int, _ key: String) throws(LineError.Reason) -> UUID {
        guard let value = try optionalUUID(index, key) else { throw .init("\(key): missing") }
        return value
    }
}
