/// What the appender believes about the stream it appends to (optimistic concurrency).
///
/// ```swift
/// try await store.append(events, to: stream, expecting: .exactly(12))
/// ```
public enum ExpectedVersion: Sendable, Hashable, CustomStringConvertible {
    /// Append whatever the stream's version.
    case any
    /// The stream must not exist yet.
    case noStream
    /// The stream's current version must be exactly this (0 is the same as `noStream`).
    case exactly(Int)

    public var description: String {
        switch self {
        case .any: "any"
        case .noStream: "no stream"
        case .exactly(let version): "\(version)"
        }
    }

    package func accepts(_ actual: Int) -> Bool {
        switch self {
        case .any: true
        case .noStream: actual == 0
        case .exactly(let version): actual == version
        }
    }
}
