import Foundation

/// Inputs known to trap in code that is being rewritten (issue 16: `Points` arithmetic and number
/// ranges, on branch `hardening`). A trap stops the whole process, so a bounded run inside
/// `swift test` skips these inputs instead of dying on them, and counts them; the regression tests
/// in `KnownTrapTests` run each in a child process and expect the trap (`withKnownIssue`), so they
/// fail — and this file goes — once the fix lands.
///
/// `PADDOCK_FUZZ_KNOWN_TRAPS=run` turns the skipping off (the libFuzzer run, to see them).
public enum KnownTraps {
    nonisolated(unsafe) public static var skipping = ProcessInfo.processInfo.environment["PADDOCK_FUZZ_KNOWN_TRAPS"] != "run"

    /// `Points(numerator, denominator)` traps when normalizing needs `-Int64.min` or a gcd of 2^63:
    /// a denominator of `Int64.min`, or a negative denominator with a numerator of `Int64.min`.
    public static func pointsInitTraps(_ numerator: Int64, _ denominator: Int64) -> Bool {
        denominator == .min || (denominator < 0 && numerator == .min)
    }

    /// Whether `Points(text:)` would trap on `text` (a fraction `n/d` whose normalization traps).
    public static func pointsTextTraps(_ text: String) -> Bool {
        let t = text.trimmingCharacters(in: .whitespaces)
        guard let slash = t.firstIndex(of: "/"), let n = Int64(t[..<slash]), let d = Int64(t[t.index(after: slash)...]) else { return false }
        return pointsInitTraps(n, d)
    }

    /// `Points.formatted` multiplies the remainder by 200 in 64 bits: it traps once the remainder
    /// (less than the denominator) passes `UInt64.max / 200`.
    public static func formattedTraps(numerator: Int64, denominator: Int64) -> Bool {
        numerator.magnitude % denominator.magnitude > UInt64.max / 200
    }

    /// Whether any string of a JSON text (raw, or as Foundation reads it, escapes resolved) is a fraction that traps.
    static func jsonHasTrappingFraction(_ bytes: [UInt8]) -> Bool {
        guard skipping else { return false }
        let raw = String(decoding: bytes, as: UTF8.self)
        if raw.contains("/"), raw.split(separator: "\"").contains(where: { pointsTextTraps(String($0)) }) { return true }
        guard raw.contains("\\"), let object = try? JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed]) else {
            return false
        }
        func walk(_ value: Any) -> Bool {
            switch value {
            case let text as String: pointsTextTraps(text)
            case let array as [Any]: array.contains(where: walk)
            case let object as [String: Any]: object.values.contains(where: walk)
            default: false
            }
        }
        return walk(object)
    }
}
