import Foundation

/// Finds a field in user input that the decoded type does not have, by comparing the input's
/// object keys with those of the canonical re-encoding (which writes every field that has a value).
enum UnknownFields {
    static func first(in input: Data, comparedWith canonical: Data) -> String? {
        guard let given = try? JSONSerialization.jsonObject(with: input, options: [.fragmentsAllowed]),
              let known = try? JSONSerialization.jsonObject(with: canonical, options: [.fragmentsAllowed]) else { return nil }
        return compare(given, known, path: "")
    }

    private static func compare(_ given: Any, _ known: Any, path: String) -> String? {
        if let object = given as? [String: Any] {
            let knownObject = known as? [String: Any] ?? [:]
            for key in object.keys.sorted() {
                let value = object[key]!
                if value is NSNull { continue }
                let childPath = path.isEmpty ? key : "\(path).\(key)"
                guard let knownValue = knownObject[key] else { return childPath }
                if let found = compare(value, knownValue, path: childPath) { return found }
            }
        } else if let array = given as? [Any], let knownArray = known as? [Any] {
            for (index, value) in array.enumerated() where index < knownArray.count {
                if let found = compare(value, knownArray[index], path: "\(path)[\(index)]") { return found }
            }
        }
        return nil
    }
}
