/// A typed event of the season domain. Its type name is the envelope's `type`; its payload is the
/// JSON form of the struct (absent optionals omitted).
public protocol DomainEvent: Codable, Sendable, Hashable {
    /// The envelope `type`, e.g. `SessionClassified`.
    static var eventType: String { get }
    /// The payload's current schema version (all 1 for now).
    static var schemaVersion: Int { get }
    /// Checks what decoding cannot (ranges, order, dates), reporting the first problem with its path.
    func validate(_ check: inout Validator)
}

extension DomainEvent {
    public static var eventType: String { String(describing: Self.self) }
    public static var schemaVersion: Int { 1 }

    /// Throws the first validation problem, with its field path relative to the payload.
    public func validate() throws(EventValidationError) {
        var check = Validator()
        validate(&check)
        if let failure = check.failure { throw failure }
    }
}
