import Credentials
import EventStore
import HTTPTypes
import Hummingbird
import Paddock
import Synchronization
import Testing

@testable import PaddockServer

@Suite struct BearerAuthenticatorTests {
    /// One known token; counts how often the store is asked.
    final class CountingCredentials: CredentialStore {
        let lookups = Mutex(0)
        let knownHash = CredentialToken.hash("desk-token")

        func saveCredential(name: String, role: String, hash: String, expiresAt: String?) async throws {}
        func credential(forHash hash: String) async throws -> Credential? {
            lookups.withLock { $0 += 1 }
            return hash == knownHash ? Credential(name: "timing-desk", role: "recorder", createdAt: "2026-01-01T00:00:00.000000Z") : nil
        }
        func revokeCredential(name: String) async throws -> Bool { false }
        func listCredentials() async throws -> [Credential] { [] }
    }

    func request(bearer token: String) -> Request {
        var head = HTTPRequest(method: .post, scheme: "http", authority: "paddock", path: "/streams/s/events")
        head.headerFields[.authorization] = "Bearer \(token)"
        return Request(head: head, body: .init(buffer: ByteBuffer()))
    }

    @Test func aKnownTokenIsRememberedAnUnknownOneAskedEveryTime() async throws {
        let credentials = CountingCredentials()
        let auth = BearerAuthenticator(credentials: credentials)
        for _ in 0..<3 {
            #expect(try await auth.caller(of: request(bearer: "desk-token")) == Caller(name: "timing-desk", role: .recorder))
        }
        #expect(credentials.lookups.withLock { $0 } == 1)
        for _ in 0..<2 {
            await #expect(throws: Problem.self) { try await auth.caller(of: request(bearer: "guess")) }
        }
        #expect(credentials.lookups.withLock { $0 } == 3)
    }

    @Test func aRememberedTokenIsAskedAgainOnceItsTimeIsUp() async throws {
        let credentials = CountingCredentials()
        let auth = BearerAuthenticator(credentials: credentials, rememberFor: .zero)
        _ = try await auth.caller(of: request(bearer: "desk-token"))
        _ = try await auth.caller(of: request(bearer: "desk-token"))
        #expect(credentials.lookups.withLock { $0 } == 2)
    }
}
