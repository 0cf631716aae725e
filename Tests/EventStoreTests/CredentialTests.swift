import Credentials
import Foundation
import Testing

@testable import EventStore
@testable import PostgresEventStore

/// The credential lifecycle every store keeps: saved with an optional expiry, looked up by token
/// hash (noting the use), revoked by name, listed by name.
@Suite("Credentials")
struct CredentialTests {
    /// Waits until `condition` holds (SQLite notes a use after answering), failing after `seconds`.
    static func eventually(_ seconds: Double = 10, _ condition: @escaping @Sendable () async throws -> Bool) async throws -> Bool {
        let deadline = ContinuousClock.now + .seconds(seconds)
        while ContinuousClock.now < deadline {
            if try await condition() { return true }
            try await Task.sleep(for: .milliseconds(20))
        }
        return false
    }

    @Test("saved credentials are listed by name with their role, creation and expiry, and found by token hash", arguments: Backend.underTest)
    func saveListFind(_ backend: Backend) async throws {
        try await withLog(backend) { db in
            let clock = TestClock()
            let store = try await db.openCredentials(clock: clock)
            let created = storeText(utcDate(2026, 3, 1, 10, 0, 0))
            let expiry = storeText(utcDate(2026, 4, 1, 0, 0, 0), micros: 250)
            try await store.saveCredential(name: "timing-desk", role: "recorder", hash: CredentialToken.hash("t1"), expiresAt: expiry)
            clock.advance(1)
            try await store.saveCredential(name: "Admin \u{e9}", role: "admin", hash: CredentialToken.hash("t2"))
            try await store.saveCredential(name: "b", role: "reader", hash: CredentialToken.hash("t3"))

            // By code point: uppercase before lowercase, on both backends.
            let listed = try await store.listCredentials()
            #expect(listed.map(\.name) == ["Admin \u{e9}", "b", "timing-desk"])
            #expect(listed[2] == Credential(name: "timing-desk", role: "recorder", createdAt: created, expiresAt: expiry))
            #expect(listed[0].createdAt == storeText(utcDate(2026, 3, 1, 10, 0, 1)))
            #expect(listed[0].expiresAt == nil)
            #expect(listed[0].revokedAt == nil)
            #expect(listed[0].lastUsedAt == nil)

            let found = try #require(try await store.credential(forHash: CredentialToken.hash("t1")))
            #expect(found.name == "timing-desk")
            #expect(found.role == "recorder")
            #expect(found.expiresAt == expiry)
            #expect(try await store.credential(forHash: CredentialToken.hash("unknown")) == nil)

            // Another store on the same log sees them (the table is not kept in memory).
            let other = try await db.openCredentials()
            #expect(try await other.listCredentials().map(\.name) == ["Admin \u{e9}", "b", "timing-desk"])
        }
    }

    @Test("a lookup notes the credential's last use at the store's time", arguments: Backend.underTest)
    func lastUse(_ backend: Backend) async throws {
        try await withLog(backend) { db in
            let clock = TestClock()
            let store = try await db.openCredentials(clock: clock)
            try await store.saveCredential(name: "desk", role: "recorder", hash: CredentialToken.hash("t"))
            #expect(try await store.listCredentials()[0].lastUsedAt == nil)

            clock.advance(60)
            let first = storeText(utcDate(2026, 3, 1, 10, 1, 0))
            #expect(try await store.credential(forHash: CredentialToken.hash("t"))?.lastUsedAt == first)
            #expect(try await Self.eventually { try await store.listCredentials()[0].lastUsedAt == first })

            clock.advance(3600)
            let second = storeText(utcDate(2026, 3, 1, 11, 1, 0))
            #expect(try await store.credential(forHash: CredentialToken.hash("t"))?.lastUsedAt == second)
            #expect(try await Self.eventually { try await store.listCredentials()[0].lastUsedAt == second })
            // A lookup of an unknown hash notes nothing.
            #expect(try await store.credential(forHash: CredentialToken.hash("other")) == nil)
            #expect(try await store.listCredentials().count == 1)
        }
    }

    @Test(
        "revoking by name stamps the time once; a revoked or expired credential is still found, with the reason it is refused",
        arguments: Backend.underTest)
    func revokeAndExpire(_ backend: Backend) async throws {
        try await withLog(backend) { db in
            let clock = TestClock()
            let store = try await db.openCredentials(clock: clock)
            let now = storeText(utcDate(2026, 3, 1, 10, 0, 0))
            let past = storeText(utcDate(2026, 2, 1, 0, 0, 0))
            let future = storeText(utcDate(2026, 3, 1, 10, 0, 0), micros: 1)
            try await store.saveCredential(name: "leaving", role: "recorder", hash: CredentialToken.hash("a"))
            try await store.saveCredential(name: "expired", role: "recorder", hash: CredentialToken.hash("b"), expiresAt: past)
            try await store.saveCredential(name: "fresh", role: "recorder", hash: CredentialToken.hash("c"), expiresAt: future)

            clock.advance(5)
            let revokedAt = storeText(utcDate(2026, 3, 1, 10, 0, 5))
            #expect(try await store.revokeCredential(name: "leaving"))
            clock.advance(5)
            #expect(try await store.revokeCredential(name: "leaving"), "revoking again: it exists")
            #expect(try await !store.revokeCredential(name: "nobody"))
            #expect(try await !store.revokeCredential(name: "Leaving"), "names are exact")

            let leaving = try #require(try await store.credential(forHash: CredentialToken.hash("a")))
            #expect(leaving.revokedAt == revokedAt, "the first revocation's time is kept")
            #expect(leaving.refusal(at: now) == "token 'leaving' was revoked at \(revokedAt)")
            let expired = try #require(try await store.credential(forHash: CredentialToken.hash("b")))
            #expect(expired.revokedAt == nil)
            #expect(expired.refusal(at: now) == "token 'expired' expired at \(past)")
            let fresh = try #require(try await store.credential(forHash: CredentialToken.hash("c")))
            #expect(fresh.refusal(at: now) == nil)
            #expect(fresh.refusal(at: future) != nil, "expired from its expiry on")

            let listed = try await store.listCredentials()
            #expect(listed.map(\.name) == ["expired", "fresh", "leaving"])
            #expect(listed.map(\.revokedAt) == [nil, nil, revokedAt])
        }
    }

    @Test(
        "a taken name or token, a bad name, role or expiry is refused with CredentialError and stores nothing",
        arguments: Backend.underTest)
    func refusals(_ backend: Backend) async throws {
        try await withLog(backend) { db in
            let store = try await db.openCredentials()
            try await store.saveCredential(name: "desk", role: "recorder", hash: CredentialToken.hash("t"))

            func refusal(
                _ name: String, _ role: String = "recorder", hash: String = CredentialToken.hash(UUID().uuidString),
                expiresAt: String? = nil
            ) async -> CredentialError? {
                do {
                    try await store.saveCredential(name: name, role: role, hash: hash, expiresAt: expiresAt)
                    Issue.record("'\(name)' was saved")
                    return nil
                } catch let error as CredentialError {
                    return error
                } catch {
                    Issue.record("expected a CredentialError, got \(type(of: error)): \(error)")
                    return nil
                }
            }
            #expect(await refusal("desk") == .nameTaken("desk"))
            #expect(await refusal("other", hash: CredentialToken.hash("t")) == .invalid("a credential with this token is already stored"))
            for name in ["", String(repeating: "x", count: 101), "two\nlines", "nul\u{0}", "tab\there"] {
                #expect(
                    await refusal(name) == .invalid("a credential name must be 1 to 100 characters without control characters"),
                    "\(name.debugDescription)")
            }
            #expect(await refusal("no-role", "") == .invalid("a credential needs a role"))
            #expect(await refusal("nul-role", "rec\u{0}order") == .invalid("a credential's role must not contain the NUL character"))
            for expiry in ["2026-04-01", "tomorrow", "2026-04-01T00:00:00Z", "2026-13-01T00:00:00.000000Z"] {
                let error = await refusal("bad-expiry", expiresAt: expiry)
                #expect(error?.description.contains("expiry must be a store time") == true, "\(expiry)")
                #expect(error?.description.contains(expiry) == true, "\(expiry)")
            }
            #expect(try await store.listCredentials().map(\.name) == ["desk"])

            // The longest name and the most distant expiry are taken.
            let longest = String(repeating: "\u{e9}", count: 100)
            try await store.saveCredential(
                name: longest, role: "reader", hash: CredentialToken.hash("l"),
                expiresAt: "9999-12-31T23:59:59.999999Z")
            #expect(try await store.credential(forHash: CredentialToken.hash("l"))?.name == longest)
        }
    }
}

extension TestLog {
    /// The credentials beside a store opened on the log (closed with the log's other stores).
    func openCredentials(clock: TestClock? = nil) async throws -> any CredentialStore {
        try await CredentialStores.beside(try await open(clock: clock))
    }
}
