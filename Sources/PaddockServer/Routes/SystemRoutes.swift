import Foundation
import Hummingbird

/// Health, metrics and the OpenAPI document.
enum SystemRoutes {
    static let routes: [Route] = [
        Route(.get, "/health", health),
        Route(.get, "/metrics", metrics),
        Route(.get, "/openapi.json", openAPI)
    ]

    static func health(_ request: Request, _ context: PaddockRequestContext, _ state: ServerState) async throws -> Response {
        let head = try await state.store.headPosition()
        let projected = state.live.position
        return JSONResponses.text("{\"status\":\"ok\",\"headPosition\":\(head),\"projectedPosition\":\(projected),\"lag\":\(max(0, head - projected))}")
    }

    static func metrics(_ request: Request, _ context: PaddockRequestContext, _ state: ServerState) async throws -> Response {
        let text = state.metrics.render(head: try await state.store.headPosition(), projected: state.live.position, feeds: state.feeds.usage)
        return JSONResponses.text(text, contentType: "text/plain; version=0.0.4; charset=utf-8")
    }

    /// The OpenAPI 3.1 document, `openapi.json` (JSON, as it is served), served verbatim.
    static let document: String? = Bundle.module.url(forResource: "openapi", withExtension: "json")
        .flatMap { try? String(contentsOf: $0, encoding: .utf8) }

    static func openAPI(_ request: Request, _ context: PaddockRequestContext, _ state: ServerState) async throws -> Response {
        guard let document = document else { throw Problem(.internalServerError, "internal", "Internal error", detail: "the OpenAPI document is missing") }
        return JSONResponses.text(document)
    }
}
