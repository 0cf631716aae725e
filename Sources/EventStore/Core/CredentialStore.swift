import Crypto
import Foundation

/// A named bearer credential: who holds it and what role it grants. Only the token's SHA-256 hash
/// is stored, never the token itself.
public struct Credential: Sendable, Hashable {
    public var name: String
    public var role: String
    public var createdAt: String

    public init(name: String, role: String, createdAt: String) {
        self.name = name
        self.role = role
        self.createdAt = createdAt
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
    /// Stores a credential. A name or hash already stored is refused with ``CredentialError``.
    func saveCredential(name: String, role: String, hash: String) async throws
    /// The credential whose token hashes to `hash`, if any.
    func credential(forHash hash: String) async throws -> (name: String, role: String)?
    /// Every credential, sorted by name (hashes are not returned).
    func listCredentials() async throws -> [Credential]
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
