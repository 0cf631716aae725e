import Crypto
import Foundation

/// A named bearer credential: who holds it, what role it grants, until when, and when it was last
/// used. Only the token's SHA-256 hash is stored, never the token itself. Times are store times
/// (``Timestamp``: UTC, microseconds), which compare as text.
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

    public init(name: String, role: String, createdAt: String, expiresAt: String? = nil, revokedAt: String? = nil,
                lastUsedAt: String? = nil) {
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

/// Where bearer credentials live, beside the log (not part of it: credentials are not events).
///
/// ```swift
/// let token = CredentialToken.generate()
/// try await store.saveCredential(name: "timing-desk", role: "recorder", hash: CredentialToken.hash(token))
/// let holder = try await store.credential(forHash: CredentialToken.hash(token))  // (name, role)
/// ```
public protocol CredentialStore: Sendable {
    /// Stores a credential, optionally expiring at a store time. A name or hash already stored is
    /// refused with ``CredentialError``.
    func saveCredential(name: String, role: String, hash: String, expiresAt: String?) async throws
    /// The credential whose token hashes to `hash`, if any (revoked and expired ones too: the
    /// caller says why it refuses them); notes the lookup as its last use.
    func credential(forHash hash: String) async throws -> Credential?
    /// Revokes a credential by name; false when there is none of that name.
    func revokeCredential(name: String) async throws -> Bool
    /// Every credential, sorted by name (hashes are not returned).
    func listCredentials() async throws -> [Credential]
}

extension CredentialStore {
    /// Stores a credential that does not expire.
    public func saveCredential(name: String, role: String, hash: String) async throws {
        try await saveCredential(name: name, role: role, hash: hash, expiresAt: nil)
    }
}

/// Why a credential could not be saved.
public enum CredentialError: Error, Sendable, Equatable, CustomStringConvertible {
    case nameTaken(String)
    case invalid(String)

    public var description: String {
        switch self {
        case .nameTaken(let name): "a credential named '\(name)' already exists"
        case .invalid(let reason): reason
        }
    }
}

/// Bearer tokens: generation (256 random bits, URL-safe) and hashing (SHA-256, lowercase hex).
public enum CredentialToken {
    /// A new random token, e.g. `pdk_3q2…` (prefix + 43 base64url characters).
    public static func generate() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        let text = Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
        return "pdk_" + text
    }

    /// The SHA-256 of the token's UTF-8 bytes, as lowercase hex: what the store keeps.
    public static func hash(_ token: String) -> String {
        SHA256.hash(data: Data(token.utf8)).map { String(format: "%02x", $0) }.joined()
    }
}
