/// A cursor over JSON bytes (RFC 8259) that checks what it moves past and keeps every value's
/// exact text as a byte range: numbers keep their digits, strings their escapes. It never builds
/// more than asked (``JSONValue`` builds a tree on top of it), nests at most `maxDepth` objects and
/// arrays, and reports a ``JSONSyntaxError`` with the byte offset where the text went wrong.
///
/// The scanner checks JSON's grammar, not UTF-8: text a `String` came from is valid already; bytes
/// from a file are checked by the caller (``JSONText/isValidUTF8(_:)``) or when a string is decoded.
///
/// ```swift
/// let body = Array(#"{"a":1,"payload":{"x":[1,2]}}"#.utf8)
/// var members: [JSONMember] = []
/// try body.withUnsafeBufferPointer { try JSONScanner.scanObject($0, into: &members) }
/// // members[1].value is the range of {"x":[1,2]} in body
/// ```
public struct JSONScanner {
    /// The nesting a scanner accepts unless told otherwise.
    public static let defaultMaxDepth = 64

    /// The text scanned.
    public let bytes: UnsafeBufferPointer<UInt8>
    /// The byte the scanner is at.
    public var offset = 0
    /// The most objects and arrays nested inside one another.
    public let maxDepth: Int
    /// Whether the last string scanned held a backslash escape (then only its decoded text tells
    /// what it says).
    public private(set) var lastStringHadEscape = false

    /// A scanner at the first byte of `bytes`.
    public init(_ bytes: UnsafeBufferPointer<UInt8>, maxDepth: Int = JSONScanner.defaultMaxDepth) {
        self.bytes = bytes
        self.maxDepth = maxDepth
    }

    // MARK: Position

    /// Whether every byte has been scanned.
    @inline(__always) public var atEnd: Bool { offset >= bytes.count }

    /// The byte at the cursor, or nil at the end.
    @inline(__always) public var current: UInt8? { offset < bytes.count ? bytes[offset] : nil }

    /// Moves past JSON whitespace (space, tab, line feed, carriage return).
    @inline(__always) public mutating func skipSpace() {
        while offset < bytes.count {
            let byte = bytes[offset]
            guard byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 else { return }
            offset += 1
        }
    }

    /// An error at the cursor (or at `position`).
    public func failure(_ reason: String, at position: Int? = nil) -> JSONSyntaxError {
        JSONSyntaxError(offset: position ?? offset, reason: reason)
    }

    /// Moves past `byte` after optional whitespace, or fails with `reason`.
    @inline(__always) public mutating func expect(_ byte: UInt8, _ reason: @autoclosure () -> String) throws(JSONSyntaxError) {
        skipSpace()
        guard offset < bytes.count, bytes[offset] == byte else { throw failure(reason()) }
        offset += 1
    }

    // MARK: Values

    /// Moves past one value (after optional whitespace), checking all of it; returns its range.
    /// `depth` is how many objects and arrays hold it.
    public mutating func skipValue(depth: Int = 0) throws(JSONSyntaxError) -> Range<Int> {
        skipSpace()
        guard offset < bytes.count else { throw failure("expected a value") }
        let start = offset
        switch bytes[offset] {
        case UInt8(ascii: "{"): try skipObject(depth: depth)
        case UInt8(ascii: "["): try skipArray(depth: depth)
        case UInt8(ascii: "\""): _ = try scanString()
        case UInt8(ascii: "t"): try scanLiteral("true")
        case UInt8(ascii: "f"): try scanLiteral("false")
        case UInt8(ascii: "n"): try scanLiteral("null")
        default: _ = try scanNumber()
        }
        return start..<offset
    }

    /// Fails unless a container may open at `depth`.
    @inline(__always) public func enter(depth: Int) throws(JSONSyntaxError) {
        guard depth < maxDepth else {
            throw JSONSyntaxError(offset: offset, reason: "nested deeper than \(maxDepth) levels", isTooDeep: true)
        }
    }

    /// At `{`: moves past the object, calling `member` at each member's value (which it must move
    /// past) with the key's range, quotes included, and whether the key holds an escape.
    public mutating func scanObject(depth: Int, _ member: (inout JSONScanner, _ key: Range<Int>, _ keyEscaped: Bool) throws(JSONSyntaxError) -> Void)
        throws(JSONSyntaxError)
    {
        try enter(depth: depth)
        offset += 1
        skipSpace()
        if offset < bytes.count, bytes[offset] == UInt8(ascii: "}") { offset += 1; return }
        while true {
            skipSpace()
            guard offset < bytes.count, bytes[offset] == UInt8(ascii: "\"") else { throw failure("expected a string") }
            let key = try scanString()
            let keyEscaped = lastStringHadEscape
            skipSpace()
            guard offset < bytes.count, bytes[offset] == UInt8(ascii: ":") else {
                throw failure("expected ':' after \(String(decoding: UnsafeBufferPointer(rebasing: bytes[key]), as: UTF8.self))")
            }
            offset += 1
            skipSpace()
            try member(&self, key, keyEscaped)
            skipSpace()
            guard offset < bytes.count else { throw failure("unterminated object") }
            if bytes[offset] == UInt8(ascii: ",") { offset += 1; continue }
            if bytes[offset] == UInt8(ascii: "}") { offset += 1; return }
            throw failure("expected ',' or '}'")
        }
    }

    /// At `[`: moves past the array, calling `item` at each item (which must move past it).
    public mutating func scanArray(depth: Int, _ item: (inout JSONScanner) throws(JSONSyntaxError) -> Void) throws(JSONSyntaxError) {
        try enter(depth: depth)
        offset += 1
        skipSpace()
        if offset < bytes.count, bytes[offset] == UInt8(ascii: "]") { offset += 1; return }
        while true {
            try item(&self)
            skipSpace()
            guard offset < bytes.count else { throw failure("unterminated array") }
            if bytes[offset] == UInt8(ascii: ",") { offset += 1; continue }
            if bytes[offset] == UInt8(ascii: "]") { offset += 1; return }
            throw failure("expected ',' or ']'")
        }
    }

    private mutating func skipObject(depth: Int) throws(JSONSyntaxError) {
        try scanObject(depth: depth) { (scanner: inout JSONScanner, _: Range<Int>, _: Bool) throws(JSONSyntaxError) in
            _ = try scanner.skipValue(depth: depth + 1)
        }
    }

    private mutating func skipArray(depth: Int) throws(JSONSyntaxError) {
        try scanArray(depth: depth) { (scanner: inout JSONScanner) throws(JSONSyntaxError) in
            _ = try scanner.skipValue(depth: depth + 1)
        }
    }

    // MARK: Scalars

    /// At `"`: moves past a string, checking its escapes; returns its range, quotes included.
    @inline(__always) public mutating func scanString() throws(JSONSyntaxError) -> Range<Int> {
        let start = offset
        offset += 1
        lastStringHadEscape = false
        while offset < bytes.count {
            let byte = bytes[offset]
            if byte == UInt8(ascii: "\"") { offset += 1; return start..<offset }
            if byte == UInt8(ascii: "\\") {
                lastStringHadEscape = true
                try skipEscape()
                continue
            }
            if byte < 0x20 { throw failure("control character in a string") }
            offset += 1
        }
        throw failure("unterminated string", at: start)
    }

    /// At `\`: moves past one escape (`\n`, `\u00e9`, …).
    private mutating func skipEscape() throws(JSONSyntaxError) {
        guard offset + 1 < bytes.count else { throw failure("unterminated string") }
        switch bytes[offset + 1] {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
            UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
            offset += 2
        case UInt8(ascii: "u"):
            guard offset + 6 <= bytes.count else { throw failure("unterminated string") }
            for index in (offset + 2)..<(offset + 6) where JSONText.hexValue(bytes[index]) == nil {
                throw failure("invalid \\u escape")
            }
            offset += 6
        default:
            throw failure("invalid escape")
        }
    }

    /// What ``scanNumber()`` found: an integer is `-?digits` without fraction or exponent.
    public struct NumberShape {
        /// The number's exact text.
        public let range: Range<Int>
        /// Whether it has neither a fraction nor an exponent.
        public let isInteger: Bool
    }

    /// Moves past a number as JSON writes it (`-0.5e3`; not `+1`, `01`, `.5`, `NaN`).
    @inline(__always) public mutating func scanNumber() throws(JSONSyntaxError) -> NumberShape {
        let start = offset
        if offset < bytes.count, bytes[offset] == UInt8(ascii: "-") { offset += 1 }
        let integerStart = offset
        let integerDigits = skipDigits()
        guard integerDigits > 0 else { throw failure("expected a value", at: start) }
        // JSON forbids leading zeros ("007").
        guard integerDigits == 1 || bytes[integerStart] != UInt8(ascii: "0") else { throw failure("leading zero in a number", at: start) }
        var isInteger = true
        if offset < bytes.count, bytes[offset] == UInt8(ascii: ".") {
            isInteger = false
            offset += 1
            guard skipDigits() > 0 else { throw failure("expected digits after '.'") }
        }
        if offset < bytes.count, bytes[offset] == UInt8(ascii: "e") || bytes[offset] == UInt8(ascii: "E") {
            isInteger = false
            offset += 1
            if offset < bytes.count, bytes[offset] == UInt8(ascii: "+") || bytes[offset] == UInt8(ascii: "-") { offset += 1 }
            guard skipDigits() > 0 else { throw failure("expected digits in the exponent") }
        }
        return NumberShape(range: start..<offset, isInteger: isInteger)
    }

    @inline(__always) private mutating func skipDigits() -> Int {
        let start = offset
        while offset < bytes.count, bytes[offset] &- UInt8(ascii: "0") <= 9 { offset += 1 }
        return offset - start
    }

    /// Moves past `word` (`true`, `false`, `null`).
    @inline(__always) public mutating func scanLiteral(_ word: StaticString) throws(JSONSyntaxError) {
        let count = word.utf8CodeUnitCount
        guard offset + count <= bytes.count else { throw failure("expected a value") }
        for index in 0..<count where bytes[offset + index] != word.utf8Start[index] { throw failure("expected a value") }
        offset += count
    }
}

/// One member of a scanned object: the byte ranges of its key (quotes included) and of its
/// value's exact text.
///
/// ```swift
/// let key = JSONText.decodeString(bytes, member.key)   // "payload"
/// ```
public struct JSONMember: Sendable, Equatable {
    /// The key's literal, quotes included.
    public var key: Range<Int>
    /// The value's exact text.
    public var value: Range<Int>
    /// Whether the key holds a backslash (then only its decoded text tells whether it repeats another).
    public var keyEscaped: Bool

    public init(key: Range<Int>, value: Range<Int>, keyEscaped: Bool = false) {
        self.key = key
        self.value = value
        self.keyEscaped = keyEscaped
    }
}
