import Foundation

/// Why a payload was refused, with the field it concerns.
///
/// - `kind`: the class of problem.
/// - `path`: `type`, `schemaVersion`, or a payload field in dotted/indexed form (`payload.results[2].status`).
/// - `message`: what is wrong (`"DNX" is not one of classified, DNF, DNS, DSQ, NC, EX`).
///
/// `description` is `path: message`, e.g. `payload.round: missing`.
public struct EventPayloadError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The class of a payload problem.
    public enum Kind: String, Sendable, Hashable, Codable {
        /// The envelope's type is not in the catalogue.
        case unknownType
        /// The schema version is newer than this build knows (or below 1).
        case unsupportedSchemaVersion
        /// The payload is not JSON, or not a JSON object.
        case invalidJSON
        /// A required field is absent (or null).
        case missingField
        /// A field has the wrong JSON type.
        case wrongType
        /// A field's value is not allowed (an unknown enum word, a malformed date).
        case invalidValue
        /// A field the type does not define (strict decoding only).
        case unknownField
        /// The payload decodes but breaks a rule (round 0, end before start).
        case validation
    }

    public var kind: Kind
    public var path: String
    public var message: String

    public init(kind: Kind, path: String, message: String) {
        self.kind = kind
        self.path = path
        self.message = message
    }

    public var description: String { "\(path): \(message)" }
}

// MARK: - From Foundation's errors

extension EventPayloadError {
    /// A validation failure, its path placed under `payload`.
    init(_ error: EventValidationError) {
        self.init(kind: .validation, path: Self.payloadPath(error.path), message: error.message)
    }

    static func payloadPath(_ path: String) -> String {
        path.isEmpty ? "payload" : path.hasPrefix("[") ? "payload" + path : "payload." + path
    }

    /// Renders a decoding error; `payload` is re-read (cold path only) to say what was found instead.
    init(_ error: DecodingError, payload: Data, redecode: (Data) -> (any Error)?) {
        switch error {
        case .keyNotFound(let key, let context):
            self.init(kind: .missingField, path: Self.render(context.codingPath + [key]), message: "missing")
        case .valueNotFound(_, let context):
            self.init(kind: .missingField, path: Self.render(context.codingPath), message: "missing (null)")
        case .typeMismatch(let type, let context):
            let found = Self.found(at: context.codingPath, in: payload).map { ", found \($0)" } ?? ""
            if context.codingPath.isEmpty {
                self.init(kind: .invalidJSON, path: "payload", message: "expected a JSON object\(found)")
            } else {
                self.init(kind: .wrongType, path: Self.render(context.codingPath), message: "expected \(Self.expected(type))\(found)")
            }
        case .dataCorrupted(let context):
            if context.codingPath.isEmpty {
                // Foundation reports a non-integer where an integer is expected without a path; find it.
                if let path = Self.misplacedNumber(in: payload, redecode: redecode) {
                    let found = Self.found(at: path, in: payload).map { ", found \($0)" } ?? ""
                    self.init(kind: .wrongType, path: Self.render(path), message: "expected an integer\(found)")
                } else {
                    self.init(kind: .invalidJSON, path: "payload", message: "is not valid JSON")
                }
            } else if context.debugDescription.contains("not representable") || context.debugDescription.contains("does not fit") {
                let found = Self.found(at: context.codingPath, in: payload).map { ", found \($0)" } ?? ""
                self.init(kind: .wrongType, path: Self.render(context.codingPath), message: "expected an integer\(found)")
            } else {
                self.init(kind: .invalidValue, path: Self.render(context.codingPath), message: context.debugDescription)
            }
        @unknown default:
            self.init(kind: .invalidJSON, path: "payload", message: "\(error)")
        }
    }

    /// The path of the first number that is not an integer and breaks decoding: each candidate in
    /// turn is replaced by 0 until the payload decodes past it. Cold path only.
    static func misplacedNumber(in payload: Data, redecode: (Data) -> (any Error)?) -> [any CodingKey]? {
        guard let root = try? JSONSerialization.jsonObject(with: payload, options: [.fragmentsAllowed]) else { return nil }
        var candidates: [[PathKey]] = []
        func collect(_ node: Any, _ path: [PathKey]) {
            if let object = node as? [String: Any] {
                for key in object.keys.sorted() { collect(object[key]!, path + [PathKey(key)]) }
            } else if let array = node as? [Any] {
                for (i, child) in array.enumerated() { collect(child, path + [PathKey(i)]) }
            } else if let number = node as? NSNumber, !(node is String), String(cString: number.objCType) != "c",
                Int64(exactly: number.doubleValue) == nil || number.doubleValue.magnitude >= 9.0e15
            {
                candidates.append(path)
            }
        }
        collect(root, [])
        func replacing(_ node: Any, _ path: ArraySlice<PathKey>) -> Any {
            guard let key = path.first else { return 0 }
            if let index = key.intValue, var array = node as? [Any] {
                array[index] = replacing(array[index], path.dropFirst())
                return array
            }
            if var object = node as? [String: Any] {
                object[key.stringValue] = replacing(object[key.stringValue]!, path.dropFirst())
                return object
            }
            return node
        }
        for path in candidates.prefix(50) {
            guard let data = try? JSONSerialization.data(withJSONObject: replacing(root, path[...])) else { continue }
            if case .dataCorrupted(let context)? = redecode(data) as? DecodingError, context.codingPath.isEmpty { continue }
            return path
        }
        return nil
    }

    /// `payload.results[2].status` from a coding path.
    static func render(_ path: [any CodingKey]) -> String {
        var text = "payload"
        for key in path {
            if let index = key.intValue { text += "[\(index)]" } else { text += "." + key.stringValue }
        }
        return text
    }

    static func expected(_ type: Any.Type) -> String {
        switch type {
        case is Int.Type, is Int64.Type, is Int32.Type, is UInt.Type: return "an integer"
        case is String.Type, is UUID.Type, is PartialDate.Type: return "a string"
        case is Bool.Type: return "true or false"
        case is Double.Type, is Float.Type, is Decimal.Type: return "a number"
        case is Points.Type: return "points (a number such as 25 or 0.5, or a fraction string such as \"1/7\")"
        default:
            let name = String(describing: type)
            return name.hasPrefix("Array") || name.hasPrefix("[") ? "a list" : "an object"
        }
    }

    /// What the JSON holds at a coding path: "a string", "a number", "a list", ...
    static func found(at path: [any CodingKey], in payload: Data) -> String? {
        guard var node = try? JSONSerialization.jsonObject(with: payload, options: [.fragmentsAllowed]) else { return nil }
        for key in path {
            if let index = key.intValue, let array = node as? [Any] {
                guard index < array.count else { return nil }
                node = array[index]
            } else if let object = node as? [String: Any], let child = object[key.stringValue] {
                node = child
            } else {
                return nil
            }
        }
        switch node {
        case is NSNull: return "null"
        case is String: return "a string"
        case is [Any]: return "a list"
        case is [String: Any]: return "an object"
        case let number as NSNumber:
            if String(cString: number.objCType) == "c" { return number.boolValue ? "true" : "false" }
            return "the number \(number)"
        default: return nil
        }
    }
}

/// A coding key for paths found by walking the JSON tree.
struct PathKey: CodingKey {
    let stringValue: String
    let intValue: Int?
    init(_ string: String) { stringValue = string; intValue = nil }
    init(_ index: Int) { stringValue = "Index \(index)"; intValue = index }
    init?(stringValue: String) { self.init(stringValue) }
    init?(intValue: Int) { self.init(intValue) }
}
