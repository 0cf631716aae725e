import Foundation

/// A typed event of the season domain. Its name is the envelope's `type`; its payload is the JSON
/// form of the struct.
public protocol DomainEvent: Codable, Sendable, Hashable {
    /// The envelope `type`, e.g. `SessionClassified`.
    static var eventType: String { get }
    /// The payload's current schema version.
    static var schemaVersion: Int { get }
    /// Checks what decoding cannot (ranges, order, dates); reports the first problem with its path.
    func validate(_ check: inout Validator)
}

extension DomainEvent {
    public static var eventType: String { String(describing: Self.self) }
    public static var schemaVersion: Int { 1 }
}

/// Collects the first validation problem with the field path it concerns.
public struct Validator {
    public private(set) var failure: (path: String, message: String)?

    public init() {}

    /// Records a problem at `path` (relative to the payload) unless `condition` holds.
    public mutating func require(_ condition: @autoclosure () -> Bool, _ path: String, _ message: @autoclosure () -> String) {
        guard failure == nil, !condition() else { return }
        failure = (path, message())
    }

    public mutating func id(_ value: String?, _ path: String) {
        guard let value else { return }
        require(!value.isEmpty && value.count <= 100 && !value.contains(where: { $0.isWhitespace || $0 == ":" }), path,
                "must be an id of 1 to 100 characters without spaces or ':' (e.g. jesse-kallio)")
    }

    public mutating func season(_ value: Int, _ path: String = "season") {
        require((1900...2100).contains(value), path, "must be a year between 1900 and 2100, found \(value)")
    }

    public mutating func round(_ value: Int?, _ path: String = "round") {
        guard let value else { return }
        require(value >= 1, path, "must be 1 or more, found \(value)")
    }

    public mutating func text(_ value: String?, _ path: String) {
        guard let value else { return }
        require(!value.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty, path, "must not be empty")
    }
}
