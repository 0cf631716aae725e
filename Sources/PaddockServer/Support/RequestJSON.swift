import JSONToolkit

/// A request body scanned once by ``JSONScanner``: its top-level shape, each member's decoded key
/// and each value's exact text, so that values reach the catalogue's validation exactly as the
/// client wrote them (numbers keep their digits) and no route scans the body again.
///
/// ```swift
/// switch try RequestJSON.scan(#"[{"type":"Note"},{"type":"Note"}]"#) {
/// case .array(let items): items.count   // 2, each with its members
/// default: break
/// }
/// ```
enum RequestJSON {
    /// Deepest nesting accepted in a request body.
    static let maxDepth = 64

    /// One member of an object: its key decoded, its value's exact text.
    typealias Member = (key: String, value: String)

    /// What a body is at its top level.
    enum Shape {
        case object([Member])
        /// Each item's members, or nil for an item that is not an object.
        case array([[Member]?])
        case other
    }

    /// Checks that `text` is JSON, not nested too deeply, and splits its top level; a 400 problem
    /// names where it went wrong.
    static func scan(_ text: String) throws(Problem) -> Shape {
        var text = text
        let scanned: Result<Shape, JSONSyntaxError> = text.withUTF8 { bytes in
            do throws(JSONSyntaxError) {
                switch try JSONScanner.scanDocument(bytes, maxDepth: maxDepth) {
                case .object(let members): return .success(.object(texts(of: members, in: bytes)))
                case .array(let items): return .success(.array(items.map { item in item.members.map { texts(of: $0, in: bytes) } }))
                case .scalar: return .success(.other)
                }
            } catch {
                return .failure(error)
            }
        }
        switch scanned {
        case .success(let shape): return shape
        case .failure(let error) where error.isTooDeep: throw Problem.badBody("JSON nested deeper than \(maxDepth) levels")
        case .failure(let error): throw Problem.badBody("the body is not JSON: \(error)")
        }
    }

    /// The members of a body that must be an object; `notObject` is the problem's text otherwise.
    static func members(ofObject text: String, notObject: String) throws(Problem) -> [Member] {
        guard case .object(let members) = try scan(text) else { throw Problem.badBody(notObject) }
        return members
    }

    /// An object's text from members whose values are JSON texts.
    static func object(_ members: [Member]) -> String {
        var out = "{"
        for (index, member) in members.enumerated() {
            if index > 0 { out.append(",") }
            JSONWriter.appendQuoted(member.key, to: &out)
            out.append(":")
            out.append(member.value)
        }
        out.append("}")
        return out
    }

    private static func texts(of members: [JSONMember], in bytes: UnsafeBufferPointer<UInt8>) -> [Member] {
        // The scanner checked every escape, and the body is a String: a key always decodes.
        members.map { (JSONText.decodeString(bytes, $0.key) ?? JSONText.text(bytes, $0.key), JSONText.text(bytes, $0.value)) }
    }
}
