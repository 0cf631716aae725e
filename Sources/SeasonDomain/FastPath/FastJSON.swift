import Foundation

/// A minimal JSON reader for the replay hot path (classifications with many rows, where Foundation's
/// JSONDecoder dominates replay time). It gives up (returns nil) on anything unusual: escapes in
/// strings, exponents, duplicate keys, invalid UTF-8, deep nesting. The caller then falls back to
/// JSONDecoder, which stays the reference for semantics and error messages.
enum FastJSON {
    /// A parsed JSON value. Object members keep their order.
    enum Value {
        case string(String)
        /// An integer that fits in Int.
        case int(Int)
        /// Any other number, as written (`-0.5`, `12345678901234567890`).
        case number(String)
        case bool(Bool)
        case null
        case array([Value])
        case object([(key: String, value: Value)])
    }

    static func parse(_ data: Data) -> Value? {
        data.withUnsafeBytes { raw in parse(raw.bindMemory(to: UInt8.self)) }
    }

    static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> Value? {
        parse(bytes, keeping: nil)
    }

    /// Member names to keep, compared as bytes (no String is made for the others).
    struct Keys {
        let names: [[UInt8]]

        init(_ names: [StaticString]) {
            self.names = names.map { Array(UnsafeBufferPointer(start: $0.utf8Start, count: $0.utf8CodeUnitCount)) }
        }

        func contains(_ name: UnsafeBufferPointer<UInt8>) -> Bool {
            names.contains { $0.count == name.count && $0.withUnsafeBufferPointer { memcmp($0.baseAddress!, name.baseAddress!, name.count) == 0 } }
        }
    }

    /// Parses, keeping in every object only the members named in `keep` (all of them when nil): the
    /// others are checked and skipped, never built. For reading a few members of a large payload.
    static func parse(_ bytes: UnsafeBufferPointer<UInt8>, keeping keep: Keys?) -> Value? {
        var reader = Reader(bytes: bytes, keep: keep)
        guard let value = reader.value(depth: 0) else { return nil }
        reader.skipSpace()
        return reader.index == reader.bytes.count ? value : nil
    }

    private struct Reader {
        let bytes: UnsafeBufferPointer<UInt8>
        let keep: Keys?
        var index = 0

        init(bytes: UnsafeBufferPointer<UInt8>, keep: Keys? = nil) {
            self.bytes = bytes
            self.keep = keep
        }

        // MARK: Skipping what is not kept

        /// Moves past one value, checking its structure without building it.
        mutating func skipValue(depth: Int) -> Bool {
            guard depth < 32 else { return false }
            skipSpace()
            guard index < bytes.count else { return false }
            switch bytes[index] {
            case UInt8(ascii: "{"): return skipContainer(depth: depth, close: UInt8(ascii: "}"), keyed: true)
            case UInt8(ascii: "["): return skipContainer(depth: depth, close: UInt8(ascii: "]"), keyed: false)
            case UInt8(ascii: "\""): return skipString()
            case UInt8(ascii: "t"): return literal("true", .null) != nil
            case UInt8(ascii: "f"): return literal("false", .null) != nil
            case UInt8(ascii: "n"): return literal("null", .null) != nil
            default: return number() != nil
            }
        }

        private mutating func skipContainer(depth: Int, close: UInt8, keyed: Bool) -> Bool {
            index += 1
            skipSpace()
            if index < bytes.count, bytes[index] == close { index += 1; return true }
            while true {
                if keyed {
                    skipSpace()
                    guard index < bytes.count, bytes[index] == UInt8(ascii: "\""), skipString() else { return false }
                    skipSpace()
                    guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { return false }
                    index += 1
                }
                guard skipValue(depth: depth + 1), let more = afterElement(closing: close) else { return false }
                if !more { return true }
            }
        }

        /// Moves past a string (escapes included) without making it.
        private mutating func skipString() -> Bool {
            index += 1
            while index < bytes.count {
                let byte = bytes[index]
                if byte == UInt8(ascii: "\"") { index += 1; return true }
                if byte < 0x20 { return false }
                index += byte == UInt8(ascii: "\\") ? 2 : 1
            }
            return false
        }

        /// A string without escapes or control characters, as its bytes; anything else gives up.
        private mutating func rawString() -> UnsafeBufferPointer<UInt8>? {
            index += 1
            let start = index
            while index < bytes.count {
                let byte = bytes[index]
                if byte == UInt8(ascii: "\"") {
                    index += 1
                    return UnsafeBufferPointer(rebasing: bytes[start..<(index - 1)])
                }
                if byte == UInt8(ascii: "\\") || byte < 0x20 { return nil }
                index += 1
            }
            return nil
        }

        /// The text of a string's bytes: ASCII needs no validation; other text must be valid UTF-8.
        private static func text(_ raw: UnsafeBufferPointer<UInt8>) -> String? {
            raw.allSatisfy { $0 < 0x80 } ? String(decoding: raw, as: UTF8.self) : String(validating: raw, as: UTF8.self)
        }

        // MARK: Building

        /// After an item or member: `,` (true: another follows) or `close` (false: the end); nil otherwise.
        mutating func afterElement(closing close: UInt8) -> Bool? {
            skipSpace()
            guard index < bytes.count else { return nil }
            if bytes[index] == UInt8(ascii: ",") { index += 1; return true }
            if bytes[index] == close { index += 1; return false }
            return nil
        }

        mutating func skipSpace() {
            while index < bytes.count, bytes[index] == 0x20 || bytes[index] == 0x0A || bytes[index] == 0x0D || bytes[index] == 0x09 {
                index += 1
            }
        }

        mutating func value(depth: Int) -> Value? {
            guard depth < 32 else { return nil }
            skipSpace()
            guard index < bytes.count else { return nil }
            switch bytes[index] {
            case UInt8(ascii: "{"): return object(depth: depth)
            case UInt8(ascii: "["): return array(depth: depth)
            case UInt8(ascii: "\""): return string().map(Value.string)
            case UInt8(ascii: "t"): return literal("true", .bool(true))
            case UInt8(ascii: "f"): return literal("false", .bool(false))
            case UInt8(ascii: "n"): return literal("null", .null)
            default: return number()
            }
        }

        mutating func literal(_ word: StaticString, _ value: Value) -> Value? {
            let count = word.utf8CodeUnitCount
            guard index + count <= bytes.count else { return nil }
            for i in 0..<count where bytes[index + i] != word.utf8Start[i] { return nil }
            index += count
            return value
        }

        /// A string without escapes or control characters; anything else gives up.
        mutating func string() -> String? { rawString().flatMap(Self.text) }

        /// `-?digits(.digits)?` only; exponents give up.
        mutating func number() -> Value? {
            let start = index
            if index < bytes.count, bytes[index] == UInt8(ascii: "-") { index += 1 }
            let digitsStart = index
            while index < bytes.count, (0x30...0x39).contains(bytes[index]) { index += 1 }
            guard index > digitsStart else { return nil }
            // JSON forbids leading zeros ("007").
            if bytes[digitsStart] == UInt8(ascii: "0"), index - digitsStart > 1 { return nil }
            var integral = true
            if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
                integral = false
                index += 1
                let fractionStart = index
                while index < bytes.count, (0x30...0x39).contains(bytes[index]) { index += 1 }
                guard index > fractionStart else { return nil }
            }
            if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") { return nil }
            if integral, index - digitsStart <= 18 {
                var magnitude = 0
                for i in digitsStart..<index { magnitude = magnitude * 10 + Int(bytes[i] &- 0x30) }
                return .int(digitsStart > start ? -magnitude : magnitude)
            }
            return .number(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self))
        }

        mutating func array(depth: Int) -> Value? {
            index += 1
            var items: [Value] = []
            skipSpace()
            if index < bytes.count, bytes[index] == UInt8(ascii: "]") { index += 1; return .array(items) }
            while true {
                guard let item = value(depth: depth + 1) else { return nil }
                items.append(item)
                guard let more = afterElement(closing: UInt8(ascii: "]")) else { return nil }
                if !more { return .array(items) }
            }
        }

        mutating func object(depth: Int) -> Value? {
            index += 1
            var members: [(key: String, value: Value)] = []
            skipSpace()
            if index < bytes.count, bytes[index] == UInt8(ascii: "}") { index += 1; return .object(members) }
            while true {
                skipSpace()
                guard index < bytes.count, bytes[index] == UInt8(ascii: "\""), let name = rawString() else { return nil }
                skipSpace()
                guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { return nil }
                index += 1
                if let keep, !keep.contains(name) {
                    guard skipValue(depth: depth + 1) else { return nil }
                } else {
                    guard let key = Self.text(name), let member = value(depth: depth + 1) else { return nil }
                    members.append((key, member))
                }
                guard let more = afterElement(closing: UInt8(ascii: "}")) else { return nil }
                if !more { return .object(members) }
            }
        }
    }
}

// MARK: - Typed reads (nil: give up and fall back)

extension FastJSON.Value {
    var string: String? { if case .string(let s) = self { s } else { nil } }

    var int: Int? { if case .int(let i) = self { i } else { nil } }

    var bool: Bool? { if case .bool(let b) = self { b } else { nil } }

    var isNull: Bool { if case .null = self { true } else { false } }

    /// Points as JSONDecoder would read them: an integer, an exact decimal, or a fraction/decimal string.
    var points: Points? {
        switch self {
        case .int(let i): Points(i)
        case .number(let text): Points(text: text)
        case .string(let text): Points(text: text)
        default: nil
        }
    }

    var uuid: UUID? { string.flatMap(UUID.init(uuidString:)) }
}
