import Foundation

/// A parsed JSON value that keeps what JSON Schema tells apart and `JSONSerialization` blurs on
/// Linux: `true` is not `1`, and `1` is an integer where `1.5` is not.
///
/// ```swift
/// let value = try JSONValue(parsing: Data(#"{"position":3}"#.utf8))
/// #expect(value["position"] == .integer(3))
/// ```
indirect enum JSONValue: Decodable, Equatable, Sendable {
    case null
    case bool(Bool)
    case integer(Int64)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    init(parsing data: Data) throws {
        self = try JSONDecoder().decode(JSONValue.self, from: data)
    }

    init(from decoder: any Decoder) throws {
        if var list = try? decoder.unkeyedContainer() {
            var items: [JSONValue] = []
            while !list.isAtEnd { items.append(try list.decode(JSONValue.self)) }
            self = .array(items)
            return
        }
        if let object = try? decoder.container(keyedBy: AnyKey.self) {
            var members: [String: JSONValue] = [:]
            for key in object.allKeys { members[key.stringValue] = try object.decode(JSONValue.self, forKey: key) }
            self = .object(members)
            return
        }
        let single = try decoder.singleValueContainer()
        if single.decodeNil() {
            self = .null
        } else if let flag = try? single.decode(Bool.self) {
            self = .bool(flag)
        } else if let whole = try? single.decode(Int64.self) {
            self = .integer(whole)
        } else if let real = try? single.decode(Double.self) {
            self = .number(real)
        } else {
            self = .string(try single.decode(String.self))
        }
    }

    subscript(key: String) -> JSONValue? {
        if case .object(let members) = self { return members[key] }
        return nil
    }

    var string: String? { if case .string(let text) = self { return text } else { return nil } }
    var objectMembers: [String: JSONValue]? { if case .object(let members) = self { return members } else { return nil } }

    /// The value as a Double when it is a number of either kind (for minimum and maximum).
    var numeric: Double? {
        switch self {
        case .integer(let whole): Double(whole)
        case .number(let real): real
        default: nil
        }
    }

    /// Equality as JSON Schema's `enum` and `const` read it: `1` and `1.0` are the same number.
    func sameJSON(as other: JSONValue) -> Bool {
        if let left = numeric, let right = other.numeric { return left == right }
        return self == other
    }

    private struct AnyKey: CodingKey {
        let stringValue: String
        init(stringValue: String) { self.stringValue = stringValue }
        var intValue: Int? { nil }
        init?(intValue: Int) { nil }
    }
}
