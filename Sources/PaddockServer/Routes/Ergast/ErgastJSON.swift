import JSONToolkit

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
        case .string(let s): JSONWriter.appendQuoted(s, to: &out)
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
                JSONWriter.appendQuoted(key, to: &out)
                out.append(":")
                value.write(into: &out)
            }
            out.append("}")
        }
    }
}
