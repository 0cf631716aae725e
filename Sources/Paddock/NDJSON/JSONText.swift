/// Writes JSON string literals the same way every time, so that exports are byte-for-byte stable.
///
/// ```swift
/// JSONText.quoted("engine \"blew\"")   // "\"engine \\\"blew\\\"\""
/// ```
public enum JSONText {
    public static func quoted(_ string: String) -> String {
        var out = "\""
        out.reserveCapacity(string.utf8.count + 2)
        for scalar in string.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        out += "\""
        return out
    }

    static func quotedOrNull(_ string: String?) -> String { string.map(quoted) ?? "null" }
}
