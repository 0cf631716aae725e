import EventStore
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Paddock
import Testing

@testable import PaddockServer

/// The desk in a browser: a session from a token, forms that record through the desk routes' own
/// code, errors beside their fields, conflicts, retries, forgery.
@Suite struct WebDeskTests {
    static let form = "application/x-www-form-urlencoded"

    /// Signs in with a role's token; returns the session cookie.
    func signIn(_ client: some TestClientProtocol, _ fixture: Fixture, _ role: Role) async throws -> String {
        let response = try await client.execute(
            uri: "/desk/sign-in", method: .post, headers: [.contentType: Self.form],
            body: ByteBuffer(string: "token=" + fixture.tokens[role]!))
        #expect(response.status == .seeOther)
        let cookie = try #require(response.headers[.setCookie])
        #expect(cookie.contains("HttpOnly"))
        #expect(cookie.contains("SameSite=Strict"))
        #expect(!cookie.contains("Expires"))
        #expect(!cookie.contains("Max-Age"))
        return String(try #require(cookie.split(separator: ";").first))
    }

    /// The form page's hidden fields: csrf, eventId, occurredAt, expectedVersion.
    func hidden(_ page: String) -> [String: String] {
        var values: [String: String] = [:]
        for match in page.matches(of: /name="(csrf|eventId|expectedVersion)" value="([^"]*)"/) { values[String(match.1)] = String(match.2) }
        if let occurred = page.firstMatch(of: /name="occurredAt" value="([^"]*)"/) { values["occurredAt"] = String(occurred.1) }
        return values
    }

    func encode(_ values: [String: String]) -> ByteBuffer {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return ByteBuffer(
            string: values.sorted { $0.key < $1.key }.map {
                $0.key.addingPercentEncoding(withAllowedCharacters: allowed)! + "=" + $0.value.addingPercentEncoding(withAllowedCharacters: allowed)!
            }.joined(separator: "&"))
    }

    func post(_ client: some TestClientProtocol, _ uri: String, cookie: String, _ values: [String: String], origin: String? = nil) async throws -> TestResponse
    {
        var headers: HTTPFields = [.contentType: Self.form, .cookie: cookie]
        if let origin { headers[HTTPField.Name("Origin")!] = origin }
        return try await client.execute(uri: uri, method: .post, headers: headers, body: encode(values))
    }

    @Test func signInOnceThenRecordAndARetryRecordsNothingTwice() async throws {
        let fixture = try await Fixture()
        try await fixture.app().test(.router) { client in
            let signInPage = try await client.execute(uri: "/desk", method: .get)
            #expect(signInPage.text.contains("type=\"password\""))
            let wrong = try await client.execute(
                uri: "/desk/sign-in", method: .post, headers: [.contentType: Self.form], body: ByteBuffer(string: "token=nope"))
            #expect(wrong.status == .unauthorized)
            #expect(wrong.headers[.setCookie] == nil)
            #expect(wrong.text.contains("That token is not known here."))

            let cookie = try await signIn(client, fixture, .recorder)
            let desk = try await client.execute(uri: "/desk", method: .get, headers: [.cookie: cookie])
            #expect(desk.text.contains("Signed in as <strong>recorder-token</strong> <span class=\"role\">recorder</span>"))
            let uri =
                Fixture.season.replacingOccurrences(of: "/championships/", with: "/desk/").replacingOccurrences(of: "/seasons/", with: "/") + "/retirement"
            let page = try await client.execute(uri: uri, method: .get, headers: [.cookie: cookie])
            #expect(page.status == .ok)
            #expect(page.headers[.cacheControl] == "no-store")
            var values = hidden(page.text)
            #expect(values["csrf"]?.count == 64)
            #expect(values["eventId"]?.count == 36)
            #expect(values["expectedVersion"] == String(Fixture.seasonStreamVersion))
            values["round"] = "3"
            values["competitor"] = "jesse-kallio"
            values["reason"] = "engine"
            values["occurredAt"] = "2018-06-10T15:00:00+02:00"
            let recorded = try await post(client, uri, cookie: cookie, values)
            #expect(recorded.status == .seeOther, "\(recorded.text)")
            #expect(recorded.headers[.location]?.contains("?recorded=\(Fixture.demoHead + 1)") == true)
            let stored = try await fixture.store.read(after: Fixture.demoHead, limit: 10)
            #expect(stored.map(\.type) == ["RetirementRecorded"])
            #expect(stored.first?.actor == "recorder-token")
            #expect(stored.first?.eventId.uuidString.lowercased() == values["eventId"])

            // The same submission again (a double click, a retried post): nothing twice.
            let retried = try await post(client, uri, cookie: cookie, values)
            #expect(retried.status == .seeOther)
            #expect(retried.headers[.location]?.contains("?already=\(Fixture.demoHead + 1)") == true)
            #expect(try await fixture.store.headPosition() == Fixture.demoHead + 1)
            let after = try await client.execute(uri: try #require(retried.headers[.location]), method: .get, headers: [.cookie: cookie])
            #expect(after.text.contains("the retry recorded nothing twice"))
            #expect(hidden(after.text)["eventId"] != values["eventId"], "the next form records a new event")
        }
    }

    @Test func aRefusedFieldIsShownBesideItAndNothingIsRecorded() async throws {
        let fixture = try await Fixture()
        try await fixture.app().test(.router) { client in
            let cookie = try await signIn(client, fixture, .recorder)
            let uri = "/desk/euro-rx-super1600/2018/session"
            var values = hidden(try await client.execute(uri: uri, method: .get, headers: [.cookie: cookie]).text)
            values.merge([
                "round": "3", "session": "final", "kind": "final",
                "results[0].position": "1", "results[0].competitor": "jesse-kallio",
                "results[3].position": "2", "results[3].competitor": "ghost"
            ]) { $1 }
            let refused = try await post(client, uri, cookie: cookie, values)
            #expect(refused.status.code == 422)
            #expect(
                refused.text.contains("<p class=\"field-error\" id=\"f-results-3-competitor-error\">no competitor &#39;ghost&#39; is registered</p>"),
                "beside row 4's driver, where it was typed")
            #expect(refused.text.contains("id=\"f-results-3-competitor\" name=\"results[3].competitor\" value=\"ghost\""), "what was typed is kept")
            #expect(refused.text.contains("aria-invalid=\"true\""))
            values["results[3].competitor"] = "jesse-kallio"
            values["results[3].position"] = "zwei"
            let typed = try await post(client, uri, cookie: cookie, values)
            #expect(typed.status.code == 422)
            #expect(typed.text.contains("id=\"f-results-3-position-error\">expected an integer"), "\(typed.text.prefix(0))")
            #expect(try await fixture.store.headPosition() == Fixture.demoHead)
        }
    }

    @Test func someoneRecordingFirstIsAConflictThatOffersToReload() async throws {
        let fixture = try await Fixture()
        try await fixture.app().test(.router) { client in
            let cookie = try await signIn(client, fixture, .recorder)
            let uri = "/desk/euro-rx-super1600/2018/retirement"
            var values = hidden(try await client.execute(uri: uri, method: .get, headers: [.cookie: cookie]).text)
            // Another desk records in the season meanwhile.
            let other = try await client.execute(
                uri: Fixture.season + "/rounds/3/retirements", method: .post, headers: fixture.auth(.recorder),
                body: .json(#"{"competitor":"jesse-kallio","reason":"puncture"}"#))
            #expect(other.status == .created)
            values.merge(["round": "3", "competitor": "jesse-kallio", "reason": "engine"]) { $1 }
            let conflict = try await post(client, uri, cookie: cookie, values)
            #expect(conflict.status == .conflict)
            #expect(conflict.text.contains("Someone else recorded in this season first"))
            #expect(conflict.text.contains("<a href=\"\(uri)\">reload the form</a>"))
            #expect(try await fixture.store.headPosition() == Fixture.demoHead + 1, "nothing recorded")
            // Submitting the kept form again records it after the other desk's event.
            let again = try await post(
                client, uri, cookie: cookie, hidden(conflict.text).merging(["round": "3", "competitor": "jesse-kallio", "reason": "engine"]) { $1 })
            #expect(again.status == .seeOther)
            #expect(try await fixture.store.headPosition() == Fixture.demoHead + 2)
        }
    }

    @Test func formsAreProtectedAgainstForgeryAndRoles() async throws {
        let fixture = try await Fixture()
        try await fixture.app().test(.router) { client in
            let cookie = try await signIn(client, fixture, .recorder)
            let uri = "/desk/euro-rx-super1600/2018/retirement"
            var values = hidden(try await client.execute(uri: uri, method: .get, headers: [.cookie: cookie]).text)
            values.merge(["round": "3", "competitor": "jesse-kallio", "reason": "engine"]) { $1 }
            var forged = values
            forged["csrf"] = String(repeating: "0", count: 64)
            #expect(try await post(client, uri, cookie: cookie, forged).status == .forbidden)
            forged["csrf"] = nil
            #expect(try await post(client, uri, cookie: cookie, forged).status == .forbidden)
            #expect(try await post(client, uri, cookie: cookie, values, origin: "https://evil.example").status == .forbidden)
            let crossSite = try await client.execute(
                uri: uri, method: .post,
                headers: [.contentType: Self.form, .cookie: cookie, HTTPField.Name("Sec-Fetch-Site")!: "cross-site"],
                body: encode(values))
            #expect(crossSite.status == .forbidden)
            let noSession = try await post(client, uri, cookie: "paddock_desk=" + String(repeating: "1", count: 64), values)
            #expect(noSession.status == .seeOther, "not signed in: to the sign-in page")
            #expect(noSession.headers[.location] == "/desk", "not signed in: to the sign-in page")
            #expect(try await fixture.store.headPosition() == Fixture.demoHead)
            // A recorder sees the stewards' forms listed but cannot open them.
            let season = try await client.execute(uri: "/desk/euro-rx-super1600/2018", method: .get, headers: [.cookie: cookie])
            #expect(season.text.contains("<span class=\"disabled\">Apply a penalty</span>"))
            #expect(try await client.execute(uri: "/desk/euro-rx-super1600/2018/penalty", method: .get, headers: [.cookie: cookie]).status == .forbidden)
            // Signing out ends the session.
            let out = try await post(client, "/desk/sign-out", cookie: cookie, ["csrf": values["csrf"]!])
            #expect(out.status == .seeOther)
            #expect(out.headers[.setCookie]?.contains("Max-Age=0") == true)
            let after = try await client.execute(uri: uri, method: .get, headers: [.cookie: cookie])
            #expect(after.status == .seeOther)
        }
    }
}
