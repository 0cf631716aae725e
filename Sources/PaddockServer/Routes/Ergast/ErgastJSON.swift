/// Ergast's JSON: objects whose keys keep the order Ergast writes them in, arrays, and strings
/// (Ergast writes every number as a string). A value absent from the log is left out, never null.
///
/// ```swift
/// let driver: ErgastJSON = .object([("driverId", "max-verstappen"), ("code", "VER")])
/// driver.text   // {"driverId":"max-verstappen","code":"VER"}
/// ```
enum ErgastJSON: Sendable, Equatable, ExpressibleByStringLiteral {
    case string(String)
    case object([(String, ErgastJSON)])
    case array([ErgastJSON])

    init(stringLiteral value: String) { self = .string(value) }

    static func == (a: ErgastJSON, b: ErgastJSON) -> Bool {
        switch (a, b) {
        case (.string(let x), .string(let y)): x == y
        case (.array(let x), .array(let y)): x == y
        case (.object(let x), .object(let y)): x.count == y.count && zip(x, y).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
        default: false
        }
    }

    /// An object from members whose value may be absent: absent ones are left out.
    static func members(_ members: [(String, ErgastJSON?)]) -> ErgastJSON {
        .object(members.compactMap { key, value in value.map { (key, $0) } })
    }

    /// The value of a member, for tests and for readers of a built document.
    subscript(key: String) -> ErgastJSON? {
        guard case .object(let members) = self else { return nil }
        return members.first { $0.0 == key }?.1
    }

    var text: String {
        var out = ""
        out.reserveCapacity(4096)
        write(into: &out)
        return out
    }

    func write(into out: inout String) {
        switch self {
        case .string(let s): Self.quote(s, into: &out)
        case .array(let items):
            out.append("[")
            for (i, item) in items.enumerated() {
                if i > 0 { out.append(",") }
                item.write(into: &out)
            }
            out.append("]")
        case .object(let members):
            out.append("{")
            for (i, (key, value)) in members.enumerated() {
                if i > 0 { out.append(",") }
                Self.quote(key, into: &out)
                out.append(":")
                value.write(into: &out)
            }
            out.append("}")
        }
    }

    /// A JSON string literal: quotes, backslashes and control characters escaped, the rest as UTF-8.
    static func quote(_ s: String, into out: inout String) {
        out.append("\"")
        if !s.utf8.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C }) {
            out.append(s)
        } else {
            for scalar in s.unicodeScalars {
                switch scalar {
                case "\"": out.append("\\\"")
                case "\\": out.append("\\\\")
                case "\n": out.append("\\n")
                case "\r": out.append("\\r")
                case "\t": out.append("\\t")
                case _ where scalar.value < 0x20:
                    let hex = String(scalar.value, radix: 16)
                    out.append("\\u" + String(repeating: "0", count: 4 - hex.count) + hex)
                default: out.unicodeScalars.append(scalar)
                }
            }
        }
        out.append("\"")
    }
}
