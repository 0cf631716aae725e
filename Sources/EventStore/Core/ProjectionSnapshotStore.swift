import Foundation

/// Persisted state of a projection, kept beside the log: the state itself (opaque bytes), the
/// position it has folded up to, and the version of the projection code that wrote it.
public struct ProjectionSnapshot: Sendable, Equatable {
    public var name: String
    public var codeVersion: Int
    public var position: Int64
    public var state: Data

    public init(name: String, codeVersion: Int, position: Int64, state: Data) {
        self.name = name
        self.codeVersion = codeVersion
        self.position = position
        self.state = state
    }
}

/// Where projections persist their state. Not part of the log: snapshots can be replaced and
/// dropped at will, since a replay of the log rebuilds them.
///
/// ```swift
/// try await store.saveSnapshot(ProjectionSnapshot(name: "timeline", codeVersion: 1, position: 42, state: data))
/// let saved = try await store.loadSnapshot(named: "timeline")
/// ```
public protocol ProjectionSnapshotStore: Sendable {
    func saveSnapshot(_ snapshot: ProjectionSnapshot) async throws
    func loadSnapshot(named name: String) async throws -> ProjectionSnapshot?
}
