/// Why bytes are not the JSON a ``JSONScanner`` expected, and where: `offset` counts bytes from the
/// start, `description` shows it from 1 (`invalid JSON at character 12: expected a value`).
///
/// ```swift
/// do { _ = try JSONScanner.scanDocument(bytes) } catch { print(error.description) }
/// ```
public struct JSONSyntaxError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The byte offset (from 0) where the scanner stopped.
    public let offset: Int
    /// What was wrong there, in words (`unterminated string`).
    public let reason: String
    /// Whether the text nests objects and arrays deeper than the scanner's limit (the text may be
    /// JSON; the caller refuses it for its size, not its syntax).
    public let isTooDeep: Bool

    public init(offset: Int, reason: String, isTooDeep: Bool = false) {
        self.offset = offset
        self.reason = reason
        self.isTooDeep = isTooDeep
    }

    public var description: String { "invalid JSON at character \(offset + 1): \(reason)" }
}
