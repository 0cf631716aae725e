import Credentials
import EventStore
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import PaddockTestSupport
import PostgresEventStore
import Testing

@testable import PaddockServer

/// Two services on one PostgreSQL log, as two machines behind a load balancer would run them. Needs
/// `PADDOCK_TEST_POSTGRES` (`Tools/postgres-cluster start`); skipped without it, failed under CI.
@Suite(.timeLimit(.minutes(3))) struct MultiInstanceTests {

    /// A fresh schema with the demo seasons and a steward's token; `body` gets two stores on it.
    func withTwoStores(_ body: (PostgresEventStore, PostgresEventStore, String) async throws -> Void) async throws {
        let url = try #require(TestEnvironment.postgresURL, "\(TestEnvironment.postgresVariable) is not set: under CI the PostgreSQL cases must run")
        let location = try PostgresLocation(url).inSchema("srv_" + UUID().uuidString.lowercased().prefix(8))
        let first = try await PostgresEventStore.open(location)
        let second = try await PostgresEventStore.open(location)
        let cleanUp = {
            await first.close()
            await second.close()
            let connection = try await location.connect(logger: Fixture.quiet)
            try await connection.query("DROP SCHEMA \(unescaped: location.schema) CASCADE", logger: Fixture.quiet)
            try await connection.close()
        }
        do {
            try await PaddockServer.loadDemoIfEmpty(store: first, directory: Fixture.demo, logger: Fixture.quiet)
            let token = CredentialToken.generate()
            try await PostgresCredentialStore.open(beside: first).saveCredential(name: "desk", role: "steward", hash: CredentialToken.hash(token))
            try await body(first, second, token)
        } catch {
            try? await cleanUp()
            throw error
        }
        try await cleanUp()
    }

    static func app(_ store: PostgresEventStore) async throws -> some ApplicationProtocol {
        try await PaddockServer.makeApplication(
            store: store, credentials: try await PostgresCredentialStore.open(beside: store),
            settings: .init(host: "127.0.0.1", port: 0), logger: Fixture.quiet)
    }

    /// jesse-kallio's points in the 2018 table, as a service answers them.
    static func points(_ client: some TestClientProtocol) async throws -> Double? {
        let table = try await client.execute(uri: Fixture.season + "/standings", method: .get, headers: [:], body: nil)
        let rows = table.object["rows"] as? [[String: Any]] ?? []
        return rows.first { $0["competitor"] as? String == "jesse-kallio" }?["points"] as? Double
    }

    static func penalty(_ client: some TestClientProtocol, token: String, _ note: String) async throws -> Int64 {
        var headers = HTTPFields()
        headers[.authorization] = "Bearer \(token)"
        let response = try await client.execute(
            uri: Fixture.season + "/rounds/3/penalties", method: .post, headers: headers,
            body: .json(#"{"competitor":"jesse-kallio","kind":"points","points":1,"reason":"\#(note)"}"#))
        #expect(response.status == .created, "\(response.text)")
        let events = response.object["events"] as? [[String: Any]] ?? []
        return Int64(events.first?["position"] as? Int ?? -1)
    }

    // The delay itself (a target of 100 ms) is measured by Tools/postgres-two-services on a release
    // build: here the whole test suite shares two cores, and a timed assertion would measure that.
    @Test(
        "a write through one service reaches the other's live feed and standings; each reads its own writes at once",
        .enabled(if: TestEnvironment.postgresURL != nil || TestEnvironment.underCI, "PADDOCK_TEST_POSTGRES is not set: the two-service case is skipped"))
    func writeThroughOneReadThroughTheOther() async throws {
        try await withTwoStores { first, second, token in
            try await Self.app(first).test(.live) { writer in
                try await Self.app(second).test(.live) { reader in
                    let feed = try SSEClient(port: try #require(reader.port), path: "/events/stream")
                    try await feed.wait(for: "the feed's headers") { $0.statusLine != nil }
                    var points = try #require(try await Self.points(reader))
                    for i in 0..<10 {
                        let position = try await Self.penalty(writer, token: token, "through the first, \(i)")
                        try await feed.wait(for: "position \(position) and its standings notice on the other service", timeout: .seconds(5)) {
                            $0.events.contains { $0.id == position }
                                && $0.frames.contains { $0.event == "standings" && $0.data.contains("\"position\":\(position)") }
                        }
                        // The notice is sent once the other service's projections include the write.
                        let after = try #require(try await Self.points(reader))
                        #expect(after == points - 1, "the other service's table after write \(i)")
                        points = after
                        try await Task.sleep(for: .milliseconds(20))
                    }
                    feed.close()

                    // Each service reads its own writes at once, without waiting for the other's follower.
                    _ = try await Self.penalty(reader, token: token, "through the second")
                    #expect(try await Self.points(reader) == points - 1)
                    _ = try await Self.penalty(writer, token: token, "through the first again")
                    #expect(try await Self.points(writer) == points - 2)
                    #expect(try await first.verify().isIntact)
                    #expect(try await second.headPosition() == first.headPosition())
                }
            }
        }
    }

    /// A steward's penalty request with `token`, as a service answers it (no expectation on its status).
    static func tryPenalty(_ client: some TestClientProtocol, token: String) async throws -> TestResponse {
        var headers = HTTPFields()
        headers[.authorization] = "Bearer \(token)"
        return try await client.execute(
            uri: Fixture.season + "/rounds/3/penalties", method: .post, headers: headers,
            body: .json(#"{"competitor":"jesse-kallio","kind":"points","points":1,"reason":"token check"}"#))
    }

    @Test(
        "a token revoked through one service is refused by the other once it forgets it; expiry and last use are shared too",
        .enabled(if: TestEnvironment.postgresURL != nil || TestEnvironment.underCI, "PADDOCK_TEST_POSTGRES is not set: the two-service case is skipped"))
    func tokensAcrossServices() async throws {
        try await withTwoStores { first, second, token in
            let settings = ServerSettings(host: "127.0.0.1", port: 0, rememberTokensFor: .milliseconds(300))
            let other = try await PaddockServer.makeApplication(
                store: second, credentials: try await PostgresCredentialStore.open(beside: second), settings: settings, logger: Fixture.quiet)
            let credentials = try await PostgresCredentialStore.open(beside: first)
            let expiring = CredentialToken.generate()
            try await credentials.saveCredential(
                name: "short", role: "steward", hash: CredentialToken.hash(expiring),
                expiresAt: Timestamp.format(Date().addingTimeInterval(-1)))
            try await other.test(.router) { client in
                #expect(try await Self.tryPenalty(client, token: token).status == .created)
                #expect(try await credentials.revokeCredential(name: "desk"))
                try await Task.sleep(for: .milliseconds(400))
                let revoked = try await Self.tryPenalty(client, token: token)
                #expect(revoked.status == .unauthorized)
                #expect(revoked.text.contains("token 'desk' was revoked at"), "\(revoked.text)")
                let expired = try await Self.tryPenalty(client, token: expiring)
                #expect(expired.status == .unauthorized)
                #expect(expired.text.contains("token 'short' expired at"), "\(expired.text)")
            }
            let listed = try await credentials.listCredentials()
            #expect(listed.map(\.name) == ["desk", "short"])
            #expect(listed[0].revokedAt != nil, "noted by the other service on the shared log")
            #expect(listed[0].lastUsedAt != nil, "noted by the other service on the shared log")
            #expect(listed[1].expiresAt != nil)
            #expect(listed[1].revokedAt == nil)
        }
    }
}
