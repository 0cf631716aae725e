import Foundation
import Hummingbird
import HummingbirdTesting
import Paddock
import Testing

@testable import PaddockServer

/// The OpenAPI document and the router come from the same list (``Routes/all``): each documented
/// path and method is a route that answers, and each route is documented.
@Suite struct OpenAPITests {
    static let samples = [
        "id": "euro-rx-super1600", "year": "2018", "round": "3", "competitor": "jesse-kallio", "stream": "notes",
        "championship": "euro-rx-super1600", "ergastPath": "2018/driverStandings.json"
    ]

    func documented() throws -> Set<String> {
        let text = try #require(SystemRoutes.document)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(document["openapi"] as? String == "3.1.0")
        let paths = try #require(document["paths"] as? [String: [String: Any]])
        return Set(paths.flatMap { path, operations in operations.keys.map { "\($0.uppercased()) \(path)" } })
    }

    @Test func everyRouteIsDocumentedAndEveryDocumentedRouteExists() throws {
        let routes = Set(Routes.all.map { "\($0.method.rawValue) \($0.path)" })
        #expect(routes.count == Routes.all.count, "a route is registered twice")
        let documented = try documented()
        #expect(routes.subtracting(documented).isEmpty, "undocumented: \(routes.subtracting(documented).sorted())")
        #expect(documented.subtracting(routes).isEmpty, "documented but not routed: \(documented.subtracting(routes).sorted())")
    }

    @Test func everyDocumentedOperationAnswers() async throws {
        let fixture = try await Fixture()
        let operations = try documented()
        try await fixture.app().test(.router) { client in
            let served = try await client.execute(uri: "/openapi.json", method: .get)
            #expect(served.status == .ok)
            #expect(served.contentType == "application/json")
            for operation in operations.sorted() {
                let parts = operation.split(separator: " ", maxSplits: 1)
                var uri = String(parts[1])
                // The live feed never ends; it is exercised over a real socket in LiveStreamTests.
                if uri == "/events/stream" { continue }
                uri = uri.replacingOccurrences(of: "/competitors/{id}", with: "/competitors/jesse-kallio")
                for (name, value) in Self.samples { uri = uri.replacingOccurrences(of: "{\(name)}", with: value) }
                let method = HTTPRequest.Method(rawValue: String(parts[0]))!
                let response = try await client.execute(uri: uri, method: method, headers: fixture.auth(.admin), body: .json("{}"))
                #expect(response.status != .notFound, "\(operation): \(response.status)")
                #expect(response.status != .methodNotAllowed, "\(operation): \(response.status)")
                #expect(response.object["type"] as? String != "urn:paddock:problem:no-route", "\(operation)")
                #expect(response.status.code < 500, "\(operation): \(response.status) \(response.text)")
            }
        }
    }
}
