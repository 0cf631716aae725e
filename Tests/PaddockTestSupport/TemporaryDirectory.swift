import Foundation

/// A directory of its own under the system's temporary directory, removed with everything in it
/// when the last reference to it goes: a test that fails or throws half-way leaves nothing behind.
///
/// ```swift
/// let scratch = try TemporaryDirectory("f1db-fuzz")
/// try Data("x".utf8).write(to: scratch.url.appendingPathComponent("input.yml"))
/// ```
public final class TemporaryDirectory: Sendable {
    public let url: URL
    public var path: String { url.path }

    /// Creates `paddock-<label>-<UUID>` under the temporary directory.
    public init(_ label: String = "tests") throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("paddock-\(label)-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    /// The path of `name` inside the directory.
    public func file(_ name: String) -> String { url.appendingPathComponent(name).path }

    deinit { try? FileManager.default.removeItem(at: url) }
}
