/// An event as the log holds it, not yet decoded: what ``IndexEntry/init(scanning:)`` reads. The
/// projections' own type, so that they depend on the domain and not on the storage that hands it over
/// (the application layer makes one from each stored event).
///
/// ```swift
/// let undecoded = UndecodedEvent(stream: "season:f1:1988", type: "RetirementRecorded", schemaVersion: 1, payload: json)
/// let entry = IndexEntry(scanning: undecoded)
/// ```
public struct UndecodedEvent: Sendable, Equatable {
    public var stream: String
    public var type: String
    public var schemaVersion: Int
    /// The payload's JSON text, as stored.
    public var payload: String

    public init(stream: String, type: String, schemaVersion: Int, payload: String) {
        self.stream = stream
        self.type = type
        self.schemaVersion = schemaVersion
        self.payload = payload
    }
}
