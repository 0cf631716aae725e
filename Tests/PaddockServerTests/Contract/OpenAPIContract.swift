import Foundation

@testable import PaddockServer

/// `openapi.json` read as a contract: given a route and what it answered (status, headers, body),
/// the rules of the document that answer breaks, each naming the route, the JSON path and the rule.
///
/// ```swift
/// let contract = try OpenAPIContract.served()
/// let broken = contract.check(route: "GET /health", status: 200, headers: ["content-type": "application/json"], body: #"{"status":"ok"}"#)
/// #expect(broken.isEmpty, "\(broken)")
/// ```
struct OpenAPIContract {
    let document: JSONValue
    let validator: SchemaValidator

    init(document: JSONValue) {
        self.document = document
        validator = SchemaValidator(root: document)
    }

    /// The document the service serves at `/openapi.json`.
    static func served() throws -> OpenAPIContract {
        guard let text = SystemRoutes.document else { throw ContractError("openapi.json is not in PaddockServer's resources") }
        return OpenAPIContract(document: try JSONValue(parsing: Data(text.utf8)))
    }

    struct ContractError: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }

    // MARK: - Responses

    /// What a response breaks of its operation's documented responses. `route` is `METHOD /template`
    /// as in ``Routes/all``; header names are lower-case.
    func check(route: String, status: Int, headers: [String: String], body: String) -> [String] {
        let parts = route.split(separator: " ", maxSplits: 1).map(String.init)
        guard parts.count == 2, let operation = document["paths"]?[parts[1]]?[parts[0].lowercased()] else {
            return ["\(route): not an operation of the document"]
        }
        guard let documented = operation["responses"]?[String(status)] ?? operation["responses"]?["default"],
            let response = dereference(documented)
        else {
            return ["\(route): status \(status) is not documented"]
        }
        let label = "\(route) → \(status)"
        var broken = checkHeaders(response, headers, label)
        let mediaType = headers["content-type"].map { String($0.split(separator: ";").first ?? "").trimmingCharacters(in: .whitespaces).lowercased() }
        guard let content = response["content"]?.objectMembers, !content.isEmpty else {
            if !body.isEmpty { broken.append("\(label): a body (\(body.count) bytes) where the document has none") }
            return broken
        }
        guard let mediaType, let media = content[mediaType] else {
            return broken + ["\(label): content type \(headers["content-type"] ?? "none") is not one of \(content.keys.sorted())"]
        }
        guard let schema = media["schema"] else { return broken }
        let value: JSONValue
        if mediaType == "application/json" || mediaType.hasSuffix("+json") {
            do { value = try JSONValue(parsing: Data(body.utf8)) } catch {
                return broken + ["\(label): the body is not JSON: \(body.prefix(120))"]
            }
        } else {
            value = .string(body)
        }
        broken += validator.validate(value, against: schema).map { "\(label): \($0)" }
        return broken
    }

    private func checkHeaders(_ response: JSONValue, _ headers: [String: String], _ label: String) -> [String] {
        guard let declared = response["headers"]?.objectMembers else { return [] }
        var broken: [String] = []
        for (name, reference) in declared.sorted(by: { $0.key < $1.key }) {
            guard let header = dereference(reference) else { broken.append("\(label): header \(name) does not resolve"); continue }
            guard let text = headers[name.lowercased()] else {
                if header["required"] == .bool(true) { broken.append("\(label): header \(name) is required and missing") }
                continue
            }
            guard let schema = header["schema"] else { continue }
            // A header is text; an integer one (Retry-After) is read as its number.
            let value: JSONValue = schema["type"] == .string("integer") ? Int64(text).map(JSONValue.integer) ?? .string(text) : .string(text)
            broken += validator.validate(value, against: schema, at: "header \(name)").map { "\(label): \($0)" }
        }
        return broken
    }

    /// A response, parameter or header object, following its `$ref` when it is one.
    func dereference(_ object: JSONValue) -> JSONValue? {
        guard let reference = object["$ref"]?.string else { return object }
        return validator.resolve(reference)
    }

    // MARK: - The document itself

    /// Every `$ref` in the document, with where it is.
    func references() -> [(at: String, reference: String)] {
        var found: [(String, String)] = []
        func walk(_ node: JSONValue, _ path: String) {
            switch node {
            case .object(let members):
                for (key, child) in members.sorted(by: { $0.key < $1.key }) {
                    if key == "$ref", let reference = child.string { found.append((path, reference)) } else { walk(child, path + "/" + key) }
                }
            case .array(let items):
                for (index, item) in items.enumerated() { walk(item, "\(path)/\(index)") }
            default: break
            }
        }
        walk(document, "#")
        return found
    }

    /// Every schema object of the document (components, parameters, bodies, responses, headers, and
    /// the schemas nested in them), with where it is: what ``SchemaValidator`` must understand.
    func schemas() -> [(at: String, schema: JSONValue)] {
        var found: [(String, JSONValue)] = []
        func schema(_ node: JSONValue, _ path: String) {
            found.append((path, node))
            for key in ["properties"] {
                for (name, child) in node[key]?.objectMembers ?? [:] { schema(child, "\(path)/\(key)/\(name)") }
            }
            for key in ["items", "additionalProperties"] {
                if let child = node[key], child.objectMembers != nil { schema(child, "\(path)/\(key)") }
            }
            for key in ["oneOf", "anyOf", "allOf"] {
                if case .array(let branches)? = node[key] { for (index, branch) in branches.enumerated() { schema(branch, "\(path)/\(key)/\(index)") } }
            }
        }
        func content(_ holder: JSONValue?, _ path: String) {
            for (type, media) in holder?["content"]?.objectMembers ?? [:] { if let s = media["schema"] { schema(s, "\(path)/content/\(type)/schema") } }
            for (name, header) in holder?["headers"]?.objectMembers ?? [:] { if let s = header["schema"] { schema(s, "\(path)/headers/\(name)/schema") } }
        }
        func parameters(_ list: JSONValue?, _ path: String) {
            if case .array(let items)? = list {
                for (index, item) in items.enumerated() { if let s = item["schema"] { schema(s, "\(path)/\(index)/schema") } }
            }
        }
        let components = document["components"]
        for (name, s) in components?["schemas"]?.objectMembers ?? [:] { schema(s, "#/components/schemas/\(name)") }
        for (name, p) in components?["parameters"]?.objectMembers ?? [:] { if let s = p["schema"] { schema(s, "#/components/parameters/\(name)/schema") } }
        for (name, h) in components?["headers"]?.objectMembers ?? [:] { if let s = h["schema"] { schema(s, "#/components/headers/\(name)/schema") } }
        for (name, r) in components?["responses"]?.objectMembers ?? [:] { content(r, "#/components/responses/\(name)") }
        for (path, item) in document["paths"]?.objectMembers ?? [:] {
            parameters(item["parameters"], "#/paths/\(path)/parameters")
            for (method, operation) in item.objectMembers ?? [:] where method != "parameters" {
                let at = "#/paths/\(path)/\(method)"
                parameters(operation["parameters"], at + "/parameters")
                content(operation["requestBody"], at + "/requestBody")
                for (status, response) in operation["responses"]?.objectMembers ?? [:] { content(response, "\(at)/responses/\(status)") }
            }
        }
        return found
    }
}
