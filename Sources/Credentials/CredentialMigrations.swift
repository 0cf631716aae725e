/// The credentials table's versions, shared by both backends, recorded in a ledger of its own
/// (`credential_migrations`), apart from the log's.
///
/// Each step converges rather than assumes: a database from before credentials left the log has
/// the table already, created by the log's former migrations `v3-credentials` and
/// `v5-credential-lifecycle` (still recorded in the log's ledger, which accepts them as handed
/// over). Creating the table is a no-op there, and the lifecycle step adds only the columns it
/// lacks, so its tokens stay as they were.
///
/// ```swift
/// let unknown = CredentialMigrations.unknown(among: ["credentials-v1-table", "credentials-v9-new"])  // ["credentials-v9-new"]
/// ```
enum CredentialMigrations {
    /// The ledger of applied steps, beside the credentials table.
    static let ledger = "credential_migrations"

    /// The table with its first columns, when it is not there yet.
    static let table = "credentials-v1-table"
    /// Expiry, revocation and last use, where the table lacks them.
    static let lifecycle = "credentials-v2-lifecycle"

    /// Every step, in the order they run.
    static let all = [table, lifecycle]

    /// The columns the lifecycle step adds, each a nullable store time.
    static let lifecycleColumns = ["expires_at", "revoked_at", "last_used_at"]

    /// Applied steps this build does not know, sorted: the table was migrated by a newer Paddock.
    static func unknown(among applied: some Sequence<String>) -> [String] {
        Set(applied).subtracting(all).sorted()
    }
}
