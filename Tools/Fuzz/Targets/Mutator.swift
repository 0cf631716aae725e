/// A small deterministic random source (SplitMix64): a seed reproduces a whole run.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Mutates real inputs the way a careless or hostile writer would: a value swapped for an
/// edge case (`9223372036854775808`, `1e400`, `"1/0"`, `"2018-02-29"`), a member dropped,
/// doubled or renamed, a span cut or repeated, a byte changed, deep nesting, a splice from
/// another input. JSON-aware where the input is JSON, line-aware for YAML, bytes otherwise.
///
/// ```swift
/// var mutator = Mutator(seed: 42)
/// let input = mutator.mutate(Array(#"{"round":3}"#.utf8), donor: nil)
/// ```
public struct Mutator: Sendable {
    public var random: SplitMix64

    public init(seed: UInt64) { random = SplitMix64(seed: seed) }

    /// One to four mutations of `input`; `donor` (another real input) lends spans for splices.
    public mutating func mutate(_ input: [UInt8], donor: [UInt8]?, maxSize: Int = 1 << 16) -> [UInt8] {
        var bytes = input
        for _ in 0..<Int.random(in: 1...4, using: &random) {
            bytes = once(bytes, donor: donor)
        }
        return bytes.count > maxSize ? Array(bytes.prefix(maxSize)) : bytes
    }

    /// One text-level mutation of a short scalar text (points, dates): an edit, a splice of an edge case, or bytes.
    public mutating func mutateScalar(_ input: [UInt8], donor: [UInt8]?) -> [UInt8] {
        var bytes = input
        for _ in 0..<Int.random(in: 1...3, using: &random) {
            switch Int.random(in: 0..<6, using: &random) {
            case 0: bytes = Array(pick(EdgeCases.scalarTexts).utf8)
            case 1: bytes = replaceOne(bytes, with: pick(EdgeCases.scalarBytes))
            case 2: bytes = insert(bytes, pick(EdgeCases.scalarBytes))
            case 3: bytes = deleteSpan(bytes, maxLength: 3)
            case 4: bytes = splice(bytes, donor ?? Array(pick(EdgeCases.scalarTexts).utf8))
            default: bytes = byteLevel(bytes)
            }
        }
        return bytes
    }

    // MARK: One mutation

    private mutating func once(_ bytes: [UInt8], donor: [UInt8]?) -> [UInt8] {
        let tokens = JSONTokens(bytes)
        let structured = !tokens.values.isEmpty
        let yamlish = !structured && bytes.contains(UInt8(ascii: ":")) && bytes.contains(UInt8(ascii: "\n"))
        switch Int.random(in: 0..<100, using: &random) {
        case 0..<30 where structured: return replaceValue(bytes, tokens)
        case 0..<30 where yamlish: return YAMLLines.replaceScalar(bytes, &random)
        case 30..<38 where structured: return renameKey(bytes, tokens)
        case 38..<46 where structured: return dropMember(bytes, tokens)
        case 46..<54 where structured: return doubleMember(bytes, tokens)
        case 54..<60 where structured: return addMember(bytes, tokens)
        case 30..<60 where yamlish: return YAMLLines.mutateLines(bytes, &random)
        case 60..<66 where structured: return spliceValue(bytes, tokens, donor: donor)
        case 66..<70: return nest(bytes, tokens)
        case 70..<76: return deleteSpan(bytes, maxLength: 16)
        case 76..<80: return duplicateSpan(bytes)
        case 80..<84: return splice(bytes, donor ?? bytes)
        case 84..<86: return Array(bytes.prefix(Int.random(in: 0...bytes.count, using: &random)))
        default: return byteLevel(bytes)
        }
    }

    private mutating func pick<T>(_ items: [T]) -> T { items[Int.random(in: 0..<items.count, using: &random)] }

    private mutating func index(_ count: Int) -> Int { count == 0 ? 0 : Int.random(in: 0..<count, using: &random) }

    private mutating func replaceValue(_ bytes: [UInt8], _ tokens: JSONTokens) -> [UInt8] {
        let target = pick(tokens.values)
        let replacement: String
        switch bytes[target.lowerBound] {
        case UInt8(ascii: "\""): replacement = Int.random(in: 0..<4, using: &random) == 0 ? pick(EdgeCases.numbers) : pick(EdgeCases.strings)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            replacement = Int.random(in: 0..<4, using: &random) == 0 ? pick(EdgeCases.strings) : pick(EdgeCases.numbers)
        default: replacement = pick(EdgeCases.anyValue)
        }
        return Array(bytes[..<target.lowerBound]) + Array(replacement.utf8) + Array(bytes[target.upperBound...])
    }

    private mutating func renameKey(_ bytes: [UInt8], _ tokens: JSONTokens) -> [UInt8] {
        guard !tokens.members.isEmpty else { return byteLevel(bytes) }
        let member = pick(tokens.members)
        let name = "\"" + pick(EdgeCases.keys) + "\""
        return Array(bytes[..<member.key.lowerBound]) + Array(name.utf8) + Array(bytes[member.key.upperBound...])
    }

    private mutating func dropMember(_ bytes: [UInt8], _ tokens: JSONTokens) -> [UInt8] {
        guard !tokens.members.isEmpty else { return byteLevel(bytes) }
        let member = pick(tokens.members)
        var end = member.value.upperBound
        if end < bytes.count, bytes[end] == UInt8(ascii: ",") { end += 1 }
        return Array(bytes[..<member.key.lowerBound]) + Array(bytes[end...])
    }

    private mutating func doubleMember(_ bytes: [UInt8], _ tokens: JSONTokens) -> [UInt8] {
        guard !tokens.members.isEmpty else { return byteLevel(bytes) }
        let member = pick(tokens.members)
        let text = Array(bytes[member.key.lowerBound..<member.value.upperBound])
        return Array(bytes[..<member.value.upperBound]) + [UInt8(ascii: ",")] + text + Array(bytes[member.value.upperBound...])
    }

    private mutating func addMember(_ bytes: [UInt8], _ tokens: JSONTokens) -> [UInt8] {
        guard !tokens.objectStarts.isEmpty else { return byteLevel(bytes) }
        let at = pick(tokens.objectStarts) + 1
        let closes = at < bytes.count && bytes[at] == UInt8(ascii: "}")
        let member = "\"\(pick(EdgeCases.keys))\":\(pick(EdgeCases.anyValue))" + (closes ? "" : ",")
        return Array(bytes[..<at]) + Array(member.utf8) + Array(bytes[at...])
    }

    private mutating func spliceValue(_ bytes: [UInt8], _ tokens: JSONTokens, donor: [UInt8]?) -> [UInt8] {
        guard let donor else { return replaceValue(bytes, tokens) }
        let donorTokens = JSONTokens(donor)
        let spans = donorTokens.members.map(\.value) + donorTokens.values
        guard !spans.isEmpty else { return replaceValue(bytes, tokens) }
        let target = pick(tokens.members.map(\.value) + tokens.values)
        let source = pick(spans)
        return Array(bytes[..<target.lowerBound]) + Array(donor[source]) + Array(bytes[target.upperBound...])
    }

    /// A value wrapped in many arrays or objects: deep nesting.
    private mutating func nest(_ bytes: [UInt8], _ tokens: JSONTokens) -> [UInt8] {
        let depth = pick([2, 31, 32, 33, 100, 600, 5_000])
        let (open, close) = Bool.random(using: &random) ? ("[", "]") : ("{\"a\":", "}")
        let target = tokens.values.isEmpty ? 0..<0 : pick(tokens.values)
        let prefix = Array(String(repeating: open, count: depth).utf8), suffix = Array(String(repeating: close, count: depth).utf8)
        return Array(bytes[..<target.lowerBound]) + prefix + Array(bytes[target]) + suffix + Array(bytes[target.upperBound...])
    }

    private mutating func deleteSpan(_ bytes: [UInt8], maxLength: Int) -> [UInt8] {
        guard !bytes.isEmpty else { return bytes }
        let start = index(bytes.count)
        let end = min(bytes.count, start + Int.random(in: 1...maxLength, using: &random))
        return Array(bytes[..<start]) + Array(bytes[end...])
    }

    private mutating func duplicateSpan(_ bytes: [UInt8]) -> [UInt8] {
        guard !bytes.isEmpty else { return bytes }
        let start = index(bytes.count)
        let end = min(bytes.count, start + Int.random(in: 1...32, using: &random))
        return Array(bytes[..<end]) + Array(bytes[start..<end]) + Array(bytes[end...])
    }

    private mutating func splice(_ bytes: [UInt8], _ donor: [UInt8]) -> [UInt8] {
        guard !donor.isEmpty else { return bytes }
        let from = index(donor.count)
        let piece = donor[from..<min(donor.count, from + Int.random(in: 1...64, using: &random))]
        let at = index(bytes.count + 1)
        return Array(bytes[..<at]) + Array(piece) + Array(bytes[at...])
    }

    private mutating func insert(_ bytes: [UInt8], _ byte: UInt8) -> [UInt8] {
        var copy = bytes
        copy.insert(byte, at: index(bytes.count + 1))
        return copy
    }

    private mutating func replaceOne(_ bytes: [UInt8], with byte: UInt8) -> [UInt8] {
        guard !bytes.isEmpty else { return [byte] }
        var copy = bytes
        copy[index(bytes.count)] = byte
        return copy
    }

    private mutating func byteLevel(_ bytes: [UInt8]) -> [UInt8] {
        guard !bytes.isEmpty else { return [pick(EdgeCases.bytes)] }
        var copy = bytes
        let at = index(bytes.count)
        switch Int.random(in: 0..<4, using: &random) {
        case 0: copy[at] ^= UInt8(1) << UInt8.random(in: 0...7, using: &random)
        case 1: copy[at] = pick(EdgeCases.bytes)
        case 2: copy.insert(pick(EdgeCases.bytes), at: at)
        default: copy.remove(at: at)
        }
        return copy
    }
}

// MARK: - Where the values and members of a JSON text are

/// The spans of a JSON text's scalar values and of its members (key and value), found by a
/// forgiving scan: broken input still yields the spans that look right.
struct JSONTokens {
    var values: [Range<Int>] = []
    var members: [(key: Range<Int>, value: Range<Int>)] = []
    var objectStarts: [Int] = []

    init(_ b: [UInt8]) {
        var i = 0
        var pendingKey: Range<Int>?
        var containerStarts: [(Int, Range<Int>?)] = []
        func skipSpace() { while i < b.count, [32, 9, 10, 13].contains(b[i]) { i += 1 } }
        while i < b.count {
            let start = i
            switch b[i] {
            case UInt8(ascii: "\""):
                i += 1
                while i < b.count, b[i] != UInt8(ascii: "\"") { i += b[i] == UInt8(ascii: "\\") ? 2 : 1 }
                i = min(i + 1, b.count)
                let span = start..<i
                skipSpace()
                if i < b.count, b[i] == UInt8(ascii: ":") {
                    pendingKey = span
                    i += 1
                    continue
                }
                record(span, &pendingKey)
                continue
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                if b[i] == UInt8(ascii: "{") { objectStarts.append(i) }
                containerStarts.append((i, pendingKey))
                pendingKey = nil
                i += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                i += 1
                if let (open, key) = containerStarts.popLast(), let key { members.append((key, open..<i)) }
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "t"), UInt8(ascii: "f"), UInt8(ascii: "n"):
                while i < b.count, !([44, 58, 93, 125, 32, 9, 10, 13, 34].contains(b[i])) { i += 1 }
                record(start..<i, &pendingKey)
                continue
            default:
                i += 1
            }
        }
    }

    private mutating func record(_ span: Range<Int>, _ pendingKey: inout Range<Int>?) {
        values.append(span)
        if let key = pendingKey { members.append((key, span)) }
        pendingKey = nil
    }
}

// MARK: - YAML, line by line

enum YAMLLines {
    static func lines(_ bytes: [UInt8]) -> [ArraySlice<UInt8>] { bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) }

    static func join(_ lines: [ArraySlice<UInt8>]) -> [UInt8] { Array(lines.joined(separator: [UInt8(ascii: "\n")])) }

    /// Replaces the scalar after `key: ` on one line with an edge case.
    static func replaceScalar(_ bytes: [UInt8], _ random: inout SplitMix64) -> [UInt8] {
        var all = lines(bytes)
        let candidates = all.indices.filter { all[$0].contains(UInt8(ascii: ":")) }
        guard let line = candidates.randomElement(using: &random) else { return bytes }
        let text = all[line]
        let colon = text.firstIndex(of: UInt8(ascii: ":"))!
        let value = EdgeCases.yamlScalars.randomElement(using: &random)!
        all[line] = text[..<colon] + Array(": \(value)".utf8)
        return join(all)
    }

    /// Drops, doubles or re-indents a line, or swaps two.
    static func mutateLines(_ bytes: [UInt8], _ random: inout SplitMix64) -> [UInt8] {
        var all = lines(bytes)
        guard !all.isEmpty else { return bytes }
        let line = Int.random(in: 0..<all.count, using: &random)
        switch Int.random(in: 0..<5, using: &random) {
        case 0: all.remove(at: line)
        case 1: all.insert(all[line], at: line)
        case 2: all[line] = ArraySlice(Array("  ".utf8) + all[line])
        case 3: all[line] = all[line].drop { $0 == UInt8(ascii: " ") }
        default: all.swapAt(line, Int.random(in: 0..<all.count, using: &random))
        }
        return join(all)
    }
}
