import Foundation

/// JSON Schema (2020-12, as OpenAPI 3.1 uses it), cut down to the keywords `openapi.json` uses:
/// `type` (one or a list, `null` for nullable), `properties`, `required`, `additionalProperties`,
/// `items`, `enum`, `const`, `$ref` (local, `#/…`), `oneOf`, `anyOf`, `allOf`, `minimum`, `maximum`,
/// `minItems`, `pattern`. A keyword it does not know is a violation of its own, so that the document
/// cannot grow a rule this check silently skips; annotations (`description`, `format`, …) are read
/// past.
///
/// ```swift
/// let validator = SchemaValidator(root: document)
/// let problems = validator.validate(body, against: .object(["$ref": .string("#/components/schemas/Problem")]))
/// #expect(problems.isEmpty, "\(problems)")
/// ```
struct SchemaValidator {
    /// One rule a value breaks: where (a JSON path from `$`) and which rule.
    struct Violation: CustomStringConvertible, Equatable {
        let path: String
        let rule: String
        var description: String { "\(path): \(rule)" }
    }

    /// The document `$ref`s point into.
    let root: JSONValue

    static let annotations: Set<String> = [
        "description", "format", "title", "example", "examples", "default", "deprecated",
        "readOnly", "writeOnly", "$comment"
    ]
    static let keywords: Set<String> = [
        "type", "properties", "required", "additionalProperties", "items", "enum", "const", "$ref",
        "oneOf", "anyOf", "allOf", "minimum", "maximum", "minItems", "pattern"
    ]

    func validate(_ value: JSONValue, against schema: JSONValue, at path: String = "$") -> [Violation] {
        var depth = 0
        return check(value, schema, path, &depth)
    }

    // MARK: - Keywords

    private func check(_ value: JSONValue, _ schema: JSONValue, _ path: String, _ depth: inout Int) -> [Violation] {
        if case .bool(let accepts) = schema { return accepts ? [] : [Violation(path: path, rule: "no value is allowed here")] }
        guard let keywords = schema.objectMembers else { return [Violation(path: path, rule: "the schema is not an object")] }
        // A $ref cycle over the same value would not end; the document has none, and this says so if one appears.
        guard depth < 64 else { return [Violation(path: path, rule: "$ref nesting deeper than 64")] }
        var found: [Violation] = []
        for (keyword, argument) in keywords.sorted(by: { $0.key < $1.key }) {
            if Self.annotations.contains(keyword) || keyword == "properties" && keywords["additionalProperties"] != nil { continue }
            found += apply(keyword, argument, keywords, value, path, &depth)
        }
        return found
    }

    private func apply(
        _ keyword: String, _ argument: JSONValue, _ keywords: [String: JSONValue], _ value: JSONValue, _ path: String,
        _ depth: inout Int
    ) -> [Violation] {
        switch keyword {
        case "$ref":
            guard case .string(let reference) = argument, let target = resolve(reference) else {
                return [Violation(path: path, rule: "$ref \(Self.brief(argument)) does not resolve")]
            }
            depth += 1
            defer { depth -= 1 }
            return check(value, target, path, &depth)
        case "type":
            let allowed: [String] =
                switch argument {
                case .string(let one): [one]
                case .array(let many): many.compactMap(\.string)
                default: []
                }
            return allowed.contains(where: { Self.matches(value, type: $0) })
                ? []
                : [Violation(path: path, rule: "type must be \(allowed.joined(separator: " or ")), is \(Self.typeName(value))")]
        case "enum":
            guard case .array(let options) = argument else { return [Violation(path: path, rule: "enum is not a list")] }
            return options.contains(where: { $0.sameJSON(as: value) })
                ? [] : [Violation(path: path, rule: "enum: \(Self.brief(value)) is not one of \(Self.brief(argument))")]
        case "const":
            return argument.sameJSON(as: value) ? [] : [Violation(path: path, rule: "const: must be \(Self.brief(argument)), is \(Self.brief(value))")]
        case "minimum", "maximum":
            guard let number = value.numeric else { return [] }
            guard let bound = argument.numeric else { return [Violation(path: path, rule: "\(keyword) is not a number")] }
            let holds = keyword == "minimum" ? number >= bound : number <= bound
            return holds ? [] : [Violation(path: path, rule: "\(keyword) \(Self.brief(argument)): is \(Self.brief(value))")]
        case "pattern":
            guard case .string(let text) = value else { return [] }
            guard case .string(let pattern) = argument, let expression = try? NSRegularExpression(pattern: pattern) else {
                return [Violation(path: path, rule: "pattern \(Self.brief(argument)) is not a regular expression")]
            }
            let whole = NSRange(text.startIndex..., in: text)
            return expression.firstMatch(in: text, range: whole) != nil
                ? [] : [Violation(path: path, rule: "pattern \(pattern): \(Self.brief(value)) does not match")]
        case "required":
            guard case .object(let members) = value else { return [] }
            guard case .array(let names) = argument else { return [Violation(path: path, rule: "required is not a list")] }
            return names.compactMap(\.string).filter { members[$0] == nil }.map { Violation(path: path, rule: "required: \($0) is missing") }
        case "properties":
            return properties(argument, additional: nil, value, path, &depth)
        case "additionalProperties":
            return properties(keywords["properties"] ?? .object([:]), additional: argument, value, path, &depth)
        case "items":
            guard case .array(let items) = value else { return [] }
            return items.enumerated().flatMap { index, item in check(item, argument, "\(path)[\(index)]", &depth) }
        case "minItems":
            guard case .array(let items) = value, let least = argument.numeric else { return [] }
            return Double(items.count) >= least ? [] : [Violation(path: path, rule: "minItems \(Int(least)): has \(items.count)")]
        case "allOf", "anyOf", "oneOf":
            guard case .array(let branches) = argument else { return [Violation(path: path, rule: "\(keyword) is not a list")] }
            let results = branches.map { check(value, $0, path, &depth) }
            let passing = results.filter(\.isEmpty).count
            switch keyword {
            case "allOf": return results.flatMap { $0 }
            case "anyOf": return passing > 0 ? [] : [Violation(path: path, rule: "anyOf: no branch matches (\(Self.closest(results, at: path)))")]
            default:
                if passing == 1 { return [] }
                return [
                    Violation(
                        path: path,
                        rule: passing == 0 ? "oneOf: no branch matches (\(Self.closest(results, at: path)))" : "oneOf: \(passing) branches match, not one")
                ]
            }
        default:
            return [Violation(path: path, rule: "keyword \(keyword) is not supported by this validator")]
        }
    }

    private func properties(_ declared: JSONValue, additional: JSONValue?, _ value: JSONValue, _ path: String, _ depth: inout Int) -> [Violation] {
        guard case .object(let members) = value else { return [] }
        guard case .object(let schemas) = declared else { return [Violation(path: path, rule: "properties is not an object")] }
        var found: [Violation] = []
        for (name, member) in members.sorted(by: { $0.key < $1.key }) {
            let memberPath = Self.isIdentifier(name) ? "\(path).\(name)" : "\(path)[\(Self.brief(.string(name)))]"
            if let schema = schemas[name] {
                found += check(member, schema, memberPath, &depth)
            } else if case .bool(false) = additional {
                found.append(Violation(path: memberPath, rule: "additionalProperties: \(name) is not a documented property"))
            } else if let additional, additional != .bool(true) {
                found += check(member, additional, memberPath, &depth)
            }
        }
        return found
    }

    // MARK: - References

    /// The schema a local reference (`#/components/schemas/Problem`) names, JSON-pointer escapes undone.
    func resolve(_ reference: String) -> JSONValue? {
        guard reference.hasPrefix("#/") else { return nil }
        var node = root
        for token in reference.dropFirst(2).split(separator: "/", omittingEmptySubsequences: false) {
            let key = token.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
            guard let next = node[key] else { return nil }
            node = next
        }
        return node
    }

    // MARK: - Helpers

    static func matches(_ value: JSONValue, type: String) -> Bool {
        switch (type, value) {
        case ("null", .null), ("boolean", .bool), ("integer", .integer), ("number", .integer), ("number", .number),
            ("string", .string), ("array", .array), ("object", .object):
            true
        case ("integer", .number(let real)): real.rounded() == real
        default: false
        }
    }

    static func typeName(_ value: JSONValue) -> String {
        switch value {
        case .null: "null"
        case .bool: "boolean"
        case .integer: "integer"
        case .number: "number"
        case .string: "string"
        case .array: "array"
        case .object: "object"
        }
    }

    /// A short rendering of a value for a message.
    static func brief(_ value: JSONValue) -> String {
        let text: String =
            switch value {
            case .null: "null"
            case .bool(let flag): String(flag)
            case .integer(let whole): String(whole)
            case .number(let real): String(real)
            case .string(let string): "\"\(string)\""
            case .array(let items): "[" + items.map(brief).joined(separator: ",") + "]"
            case .object(let members): "{" + members.keys.sorted().joined(separator: ",") + "}"
            }
        return text.count > 80 ? String(text.prefix(77)) + "..." : text
    }

    /// The failures of the branch that came closest, so that a oneOf's message says something useful:
    /// a branch of the value's type before one of another type, then the one with fewest failures.
    static func closest(_ results: [[Violation]], at path: String) -> String {
        func distance(_ violations: [Violation]) -> (Int, Int) {
            (violations.contains { $0.path == path && $0.rule.hasPrefix("type must be") } ? 1 : 0, violations.count)
        }
        return (results.min(by: { distance($0) < distance($1) }) ?? []).map(\.description).joined(separator: "; ")
    }

    static func isIdentifier(_ name: String) -> Bool {
        !name.isEmpty && name.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" }
    }
}
