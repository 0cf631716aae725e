import Foundation

/// A broken property: two decoders that disagree, an accepted value that does not read back equal,
/// an error that does not name what is wrong. (A crash is a finding too, but it stops the process.)
public struct FuzzFinding: Error, CustomStringConvertible, Sendable {
    public let target: FuzzTarget
    public let input: [UInt8]
    public let problem: String

    public init(_ target: FuzzTarget, _ input: [UInt8], _ problem: String) {
        self.target = target
        self.input = input
        self.problem = problem
    }

    public var description: String { "\(target.rawValue): \(problem)\n  input: \(Self.literal(input))" }

    /// The input as a Swift string literal (invalid UTF-8 as `\u{FFFD}` with the bytes beside it), to paste into a regression test.
    public static func literal(_ bytes: [UInt8]) -> String {
        guard let text = String(validating: bytes, as: UTF8.self) else {
            return "bytes \(bytes.map { String($0) }.joined(separator: ","))"
        }
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case _ where scalar.value < 0x20 || scalar.value == 0x7F: out += "\\u{\(String(scalar.value, radix: 16))}"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}

/// What a fuzz target reports back: how an input ended, for the statistics of a bounded run.
public enum FuzzOutcome: Sendable, Equatable {
    /// The input was accepted and every property of an accepted value held.
    case accepted
    /// The input was refused with an error of the expected kind.
    case refused
}
