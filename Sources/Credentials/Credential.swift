/// A named bearer credential: who holds it, what role it grants, until when, and when it was last
/// used. Only the token's SHA-256 hash is stored, never the token itself. Times are store times
/// (`Timestamp` of EventStore: UTC, microseconds), which compare as text.
public struct Credential: Sendable, Hashable {
    public var name: String
    public var role: String
    public var createdAt: String
    /// After this time the token is refused; nil: it does not expire.
    public var expiresAt: String?
    /// When it was revoked; a revoked token is refused.
    public var revokedAt: String?
    /// When the service last looked it up for a request (it remembers a known token for a few
    /// seconds, so this is the last use to within those seconds).
    public var lastUsedAt: String?

    public init(
        name: String, role: String, createdAt: String, expiresAt: String? = nil, revokedAt: String? = nil,
        lastUsedAt: String? = nil
    ) {
        self.name = name
        self.role = role
        self.createdAt = createdAt
        self.expiresAt = expiresAt
        self.revokedAt = revokedAt
        self.lastUsedAt = lastUsedAt
    }

    /// Why the credential does not admit a request at `now` (a store time), or nil when it does.
    public func refusal(at now: String) -> String? {
        if let revokedAt { return "token '\(name)' was revoked at \(revokedAt)" }
        if let expiresAt, expiresAt <= now { return "token '\(name)' expired at \(expiresAt)" }
        return nil
    }
}
