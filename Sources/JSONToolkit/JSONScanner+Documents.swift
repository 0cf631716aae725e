// MARK: - Whole texts

extension JSONScanner {
    /// What a whole JSON text is at its top level, each part as exact byte ranges.
    public enum Document: Sendable, Equatable {
        /// An object's members, in order (a repeated key is kept: ``JSONText/firstDuplicateKey(in:of:)`` finds it).
        case object([JSONMember])
        /// An array's items: each item's range and, for an item that is an object, its members.
        case array([Item])
        /// A string, number or literal.
        case scalar(Range<Int>)
    }

    /// One item of a top-level array.
    public struct Item: Sendable, Equatable {
        /// The item's exact text.
        public var range: Range<Int>
        /// Its members when the item is an object; nil for any other value.
        public var members: [JSONMember]?
    }

    /// Scans a whole JSON text once, checking all of it, and returns its top-level parts (an
    /// array's object items with their members), so that no caller needs to scan it again.
    ///
    /// ```swift
    /// let document = try Array(body.utf8).withUnsafeBufferPointer { try JSONScanner.scanDocument($0) }
    /// if case .array(let items) = document { print(items.count) }
    /// ```
    public static func scanDocument(_ bytes: UnsafeBufferPointer<UInt8>, maxDepth: Int = defaultMaxDepth) throws(JSONSyntaxError) -> Document {
        var scanner = JSONScanner(bytes, maxDepth: maxDepth)
        scanner.skipSpace()
        let document: Document
        switch scanner.current {
        case UInt8(ascii: "{"):
            var members: [JSONMember] = []
            try scanner.scanMembers(depth: 0, into: &members)
            document = .object(members)
        case UInt8(ascii: "["):
            var items: [Item] = []
            try scanner.scanArray(depth: 0) { (scanner: inout JSONScanner) throws(JSONSyntaxError) in
                scanner.skipSpace()
                if scanner.current == UInt8(ascii: "{") {
                    let start = scanner.offset
                    var members: [JSONMember] = []
                    try scanner.scanMembers(depth: 1, into: &members)
                    items.append(Item(range: start..<scanner.offset, members: members))
                } else {
                    items.append(Item(range: try scanner.skipValue(depth: 1), members: nil))
                }
            }
            document = .array(items)
        default:
            document = .scalar(try scanner.skipValue())
        }
        scanner.skipSpace()
        guard scanner.atEnd else { throw scanner.failure("unexpected text after the value") }
        return document
    }

    /// Splits one JSON object (the whole text) into its top-level members, checking all of it;
    /// `members` is emptied first, so one array serves many lines. A repeated key is kept.
    public static func scanObject(
        _ bytes: UnsafeBufferPointer<UInt8>, into members: inout [JSONMember],
        maxDepth: Int = defaultMaxDepth
    ) throws(JSONSyntaxError) {
        members.removeAll(keepingCapacity: true)
        var scanner = JSONScanner(bytes, maxDepth: maxDepth)
        scanner.skipSpace()
        guard scanner.current == UInt8(ascii: "{") else { throw scanner.failure("expected a JSON object") }
        try scanner.scanMembers(depth: 0, into: &members)
        scanner.skipSpace()
        guard scanner.atEnd else { throw scanner.failure("unexpected text after the object") }
    }

    /// At `{`: moves past the object, appending its members.
    public mutating func scanMembers(depth: Int, into members: inout [JSONMember]) throws(JSONSyntaxError) {
        try scanObject(depth: depth) { (scanner: inout JSONScanner, key: Range<Int>, keyEscaped: Bool) throws(JSONSyntaxError) in
            let value = try scanner.skipValue(depth: depth + 1)
            members.append(JSONMember(key: key, value: value, keyEscaped: keyEscaped))
        }
    }

    /// The members of one JSON object as text: each decoded key and its value's exact text, in
    /// order; a repeated key is refused.
    ///
    /// ```swift
    /// try JSONScanner.memberTexts(of: #"{"a":1,"payload":{"x":[1,2]}}"#)[1].value   // {"x":[1,2]}
    /// ```
    public static func memberTexts(of text: String) throws(JSONSyntaxError) -> [(key: String, value: String)] {
        var text = text
        let scanned: Result<[(key: String, value: String)], JSONSyntaxError> = text.withUTF8 { bytes in
            var members: [JSONMember] = []
            do throws(JSONSyntaxError) {
                try scanObject(bytes, into: &members)
                if let duplicate = JSONText.firstDuplicateKey(in: members, of: bytes) {
                    throw JSONSyntaxError(offset: duplicate.member.key.lowerBound, reason: "duplicate key \"\(duplicate.key)\"")
                }
            } catch {
                return .failure(error)
            }
            return .success(
                members.map { member in
                    (JSONText.decodeString(bytes, member.key) ?? "", JSONText.text(bytes, member.value))
                })
        }
        return try scanned.get()
    }
}
