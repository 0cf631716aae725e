/// Where bearer credentials live: a table beside the log, in the same database (not part of the
/// log: credentials are not events). ``SQLiteCredentialStore`` and ``PostgresCredentialStore``
/// keep it; ``CredentialStores/beside(_:)`` picks the one for an open log.
///
/// ```swift
/// let credentials = try await CredentialStores.beside(store)
/// let token = CredentialToken.generate()
/// try await credentials.saveCredential(name: "timing-desk", role: "recorder", hash: CredentialToken.hash(token))
/// let holder = try await credentials.credential(forHash: CredentialToken.hash(token))  // (name, role)
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
