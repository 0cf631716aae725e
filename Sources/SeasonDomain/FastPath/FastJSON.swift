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
                guard skipValue(depth: depth + 1) else { return false }
                skipSpace()
                guard index < bytes.count else { return false }
                if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
                if bytes[index] == close { index += 1; return true }
                return false
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

        /// A member name without escapes, as bytes.
        private mutating func name() -> UnsafeBufferPointer<UInt8>? {
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

        // MARK: Building

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
        mutating func string() -> String? {
            index += 1
            let start = index
            var ascii = true
            while index < bytes.count {
                let byte = bytes[index]
                if byte == UInt8(ascii: "\"") {
                    let slice = UnsafeBufferPointer(rebasing: bytes[start..<index])
                    index += 1
                    // ASCII needs no validation; other text must be valid UTF-8.
                    return ascii ? String(decoding: slice, as: UTF8.self) : String(validating: slice, as: UTF8.self)
                }
                if byte == UInt8(ascii: "\\") || byte < 0x20 { return nil }
                if byte >= 0x80 { ascii = false }
                index += 1
            }
            return nil
        }

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
                skipSpace()
                guard index < bytes.count else { return nil }
                if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
                if bytes[index] == UInt8(ascii: "]") { index += 1; return .array(items) }
                return nil
            }
        }

        mutating func object(depth: Int) -> Value? {
            index += 1
            var members: [(key: String, value: Value)] = []
            skipSpace()
            if index < bytes.count, bytes[index] == UInt8(ascii: "}") { index += 1; return .object(members) }
            while true {
                skipSpace()
                guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { return nil }
                let key: String
                if let keep {
                    guard let raw = name() else { return nil }
                    guard keep.contains(raw) else {
                        skipSpace()
                        guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { return nil }
                        index += 1
                        guard skipValue(depth: depth + 1) else { return nil }
                        skipSpace()
                        guard index < bytes.count else { return nil }
                        if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
                        if bytes[index] == UInt8(ascii: "}") { index += 1; return .object(members) }
                        return nil
                    }
                    key = String(decoding: raw, as: UTF8.self)
                } else {
                    guard let text = string() else { return nil }
                    key = text
                }
                skipSpace()
                guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { return nil }
                index += 1
                guard let member = value(depth: depth + 1) else { return nil }
                members.append((key, member))
                skipSpace()
                guard index < bytes.count else { return nil }
                if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
                if bytes[index] == UInt8(ascii: "}") { index += 1; return .object(members) }
                return nil
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
