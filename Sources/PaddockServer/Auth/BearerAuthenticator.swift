import EventStore
import Hummingbird
import HummingbirdAuth

/// Who made a request: the token's name (recorded as the events' `actor`) and its role.
struct Caller: Sendable, Equatable {
    var name: String
    var role: Role
}

/// Checks `Authorization: Bearer <token>` against the stored SHA-256 hashes of tokens.
///
/// 401 without a token or with an unknown one; 403 when the token's role is not enough.
struct BearerAuthenticator: Sendable {
    let credentials: any CredentialStore

    func caller(of request: Request) async throws -> Caller {
        guard let bearer = request.headers.bearer, !bearer.token.isEmpty else {
            throw Problem.unauthorized("send 'Authorization: Bearer <token>' (create one with 'paddock token create')")
        }
        guard let found = try await credentials.credential(forHash: CredentialToken.hash(bearer.token)),
              let role = Role(rawValue: found.role) else {
            throw Problem.unauthorized("the bearer token is not known")
        }
        return Caller(name: found.name, role: role)
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
