import Foundation
import JSONToolkit

/// Finds a field in user input that the decoded type does not define, by comparing the input's
/// object keys with those of the canonical re-encoding (every `encode(to:)` writes each field that
/// has a value, so a non-null input key missing from the re-encoding is unknown).
/// Finds the first such key's path relative to the payload (`results[1].fastLap`).
enum UnknownFields {
    enum Finding: Equatable {
        case none
        case unknown(path: String)
        /// Neither reader could read the input (JSONDecoder skips an unknown member without reading
        /// it, so `{"x": 1e400}` decodes): the check cannot be made, and must not pass silently.
        case unreadable
    }

    static func find(in input: Data, comparedWith canonical: Data) -> Finding {
        let found: String?
        if let given = JSONValue.parse(input), let known = JSONValue.parse(canonical) {
            found = compare(given, known, path: "")
        } else {
            guard let given = try? JSONSerialization.jsonObject(with: input, options: [.fragmentsAllowed]),
                let known = try? JSONSerialization.jsonObject(with: canonical, options: [.fragmentsAllowed])
            else { return .unreadable }
            found = compare(given, known, path: "")
        }
        return found.map { .unknown(path: $0) } ?? .none
    }

    private static func join(_ path: String, _ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    // MARK: Over the fast reader's tree

    private static func compare(_ given: JSONValue, _ known: JSONValue, path: String) -> String? {
        switch (given, known) {
        case (.object(let members), _):
            var knownMembers: [String: JSONValue] = [:]
            if case .object(let k) = known { for (key, value) in k { knownMembers[key] = value } }
            for (key, value) in members.sorted(by: { $0.key < $1.key }) {
                if value.isNull { continue }
                guard let knownValue = knownMembers[key] else { return join(path, key) }
                if let found = compare(value, knownValue, path: join(path, key)) { return found }
            }
        case (.array(let items), .array(let knownItems)):
            for (index, value) in items.enumerated() where index < knownItems.count {
                if let found = compare(value, knownItems[index], path: "\(path)[\(index)]") { return found }
            }
        default:
            break
        }
        return nil
    }

    // MARK: Over Foundation's tree (what the fast reader gives up on: deep nesting, invalid text)

    private static func compare(_ given: Any, _ known: Any, path: String) -> String? {
        if let object = given as? [String: Any] {
            let knownObject = known as? [String: Any] ?? [:]
            for key in object.keys.sorted() {
                let value = object[key]!
                if value is NSNull { continue }
                guard let knownValue = knownObject[key] else { return join(path, key) }
                if let found = compare(value, knownValue, path: join(path, key)) { return found }
            }
        } else if let array = given as? [Any], let knownArray = known as? [Any] {
            for (index, value) in array.enumerated() where index < knownArray.count {
                if let found = compare(value, knownArray[index], path: "\(path)[\(index)]") { return found }
            }
        }
        return nil
    }
}
