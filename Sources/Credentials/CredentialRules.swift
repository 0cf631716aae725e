import EventStore

/// What every credential store checks before saving one, so that SQLite and PostgreSQL refuse the
/// same credentials with the same ``CredentialError``.
///
/// ```swift
/// try CredentialRules.validate(name: "timing-desk", role: "recorder", expiresAt: nil)
/// ```
enum CredentialRules {
    /// A name of 1 to 100 characters without control characters (NUL and line breaks among them),
    /// a role without NUL (which PostgreSQL cannot store), and an expiry, if any, in the store
    /// clock's form (`YYYY-MM-DDTHH:MM:SS.ffffffZ`), since expiry is decided by comparing texts.
    static func validate(name: String, role: String, expiresAt: String?) throws(CredentialError) {
        guard !name.isEmpty, name.count <= 100, !name.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw .invalid("a credential name must be 1 to 100 characters without control characters")
        }
        guard !role.isEmpty else { throw .invalid("a credential needs a role") }
        guard !AppendRules.containsNUL(role) else { throw .invalid("a credential's role must not contain the NUL character") }
        if let expiresAt, Timestamp.storeTime(expiresAt) != expiresAt || expiresAt.utf8.count != 27 {
            throw .invalid("a credential's expiry must be a store time like 2026-03-01T10:00:00.000000Z, not '\(expiresAt)'")
        }
    }

    /// The refusal of a second credential with the same token hash.
    static let hashTaken = CredentialError.invalid("a credential with this token is already stored")
}
