import Credentials
import EventStore
import Foundation
import Hummingbird
import HummingbirdAuth
import Paddock
import Synchronization

/// Who made a request: the token's name (recorded as the events' `actor`) and its role.
struct Caller: Sendable, Equatable {
    var name: String
    var role: Role
}

/// Checks `Authorization: Bearer <token>` against the stored SHA-256 hashes of tokens.
///
/// 401 without a token, with an unknown one, a revoked one or an expired one; 403 when the token's
/// role is not enough. A known token is remembered for ``rememberFor`` (a desk records many
/// results with one token: each write should not wait for a database read), so a token revoked by
/// `paddock token revoke` is refused within that time; an unknown one is looked up every time.
final class BearerAuthenticator: Sendable {
    let credentials: any CredentialStore
    let rememberFor: Duration
    private let known = Mutex<[String: (caller: Caller, until: ContinuousClock.Instant, expires: String?)]>([:])
    private static let maxRemembered = 1024

    init(credentials: any CredentialStore, rememberFor: Duration = .seconds(5)) {
        self.credentials = credentials
        self.rememberFor = rememberFor
    }

    func caller(of request: Request) async throws -> Caller {
        guard let bearer = request.headers.bearer, !bearer.token.isEmpty else {
            throw Problem.unauthorized("send 'Authorization: Bearer <token>' (create one with 'paddock token create')")
        }
        return try await caller(token: bearer.token)
    }

    /// Whose token this is (the web desk's sign-in form gives one once, for a browser session).
    func caller(token: String) async throws -> Caller {
        let hash = CredentialToken.hash(token)
        let now = ContinuousClock.now
        if let remembered = known.withLock({ $0[hash] }), remembered.until > now, remembered.expires.map({ Timestamp.format(Date()) < $0 }) ?? true {
            return remembered.caller
        }
        guard let found = try await credentials.credential(forHash: hash), let role = Role(rawValue: found.role) else {
            throw Problem.unauthorized("the bearer token is not known")
        }
        if let refusal = found.refusal(at: Timestamp.format(Date())) { throw Problem.unauthorized(refusal) }
        let caller = Caller(name: found.name, role: role)
        let expires = found.expiresAt
        known.withLock { known in
            if known.count >= Self.maxRemembered { known.removeAll() }
            known[hash] = (caller, now + rememberFor, expires)
        }
        return caller
    }

    /// The caller, when its role is at least `role`.
    func require(_ role: Role, of request: Request) async throws -> Caller {
        let caller = try await caller(of: request)
        try authorize(caller, role)
        return caller
    }

    func authorize(_ caller: Caller, _ role: Role, what: String? = nil) throws {
        guard caller.role >= role else {
            throw Problem.forbidden("\(what ?? "this") needs the role '\(role.rawValue)' or above; token '\(caller.name)' is '\(caller.role.rawValue)'")
        }
    }
}
