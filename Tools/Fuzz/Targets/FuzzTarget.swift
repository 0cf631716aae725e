import Foundation

/// The parsers under fuzzing. Each check runs one input and holds it to the target's properties:
/// no crash; a refusal is an error of the parser's own kind; two decoding paths agree; what is
/// accepted re-encodes canonically and reads back equal.
///
/// ```swift
/// try FuzzTarget.points.check(Array("1/7".utf8))
/// ```
public enum FuzzTarget: String, CaseIterable, Sendable {
    /// `InputLine.parse`: one line of `paddock append`.
    case line
    /// Every event type's payload: the hand-written reader against JSONDecoder, `seasonFacts` against the decoded event.
    /// Input: the type name, a newline, the payload.
    case payload
    /// `Points(text:)` and Points in JSON.
    case points
    /// `PartialDate`, `OccurredAt` and `Timestamp.normalize`.
    case dates
    /// `EnvelopeLine.decode`: one line of `paddock export` / `import events`.
    case envelope
    /// The F1DB importer on a mutated YAML file of a small tree: input: the file's path in the tree,
    /// a newline, its new contents. Needs a tree: see ``F1DBFuzzTree``.
    case f1db

    /// Checks one input of a target that needs nothing but the input (every target but `f1db`).
    @discardableResult
    public func check(_ input: [UInt8]) throws(FuzzFinding) -> FuzzOutcome {
        switch self {
        case .line: try LineTargets.checkInputLine(input)
        case .payload: try PayloadTarget.check(input)
        case .points: try ScalarTargets.checkPoints(input)
        case .dates: try ScalarTargets.checkDates(input)
        case .envelope: try LineTargets.checkEnvelope(input)
        case .f1db: throw FuzzFinding(self, input, "the f1db target needs a tree: F1DBFuzzTree.check")
        }
    }

    /// The store clock's text of an instant of years 0...9999 reads back as that instant (to the millisecond).
    public static func checkTimestamp(micros: Int64) throws(FuzzFinding) { try ScalarTargets.checkTimestamp(micros: micros) }
}

/// Splits `Type\n{payload}` (or `path\ncontents`) at its first newline.
func splitFirstLine(_ input: [UInt8]) -> (head: String, rest: [UInt8])? {
    guard let newline = input.firstIndex(of: UInt8(ascii: "\n")) else { return nil }
    return (String(decoding: input[..<newline], as: UTF8.self), Array(input[(newline + 1)...]))
}
