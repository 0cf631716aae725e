import Hummingbird

/// One route: method, path template (OpenAPI syntax, which Hummingbird's router also reads) and
/// handler. ``Routes/all`` is the single list the router registers and the OpenAPI test checks.
struct Route: Sendable {
    typealias Handler = @Sendable (Request, PaddockRequestContext, ServerState) async throws -> Response

    let method: HTTPRequest.Method
    let path: String
    /// What the router matches when it differs from the documented template: a path grammar of its
    /// own (`/ergast/{championship}/**`), documented as one string parameter.
    let routerPath: String
    let handler: Handler

    init(_ method: HTTPRequest.Method, _ path: String, routerPath: String? = nil, _ handler: @escaping Handler) {
        self.method = method
        self.path = path
        self.routerPath = routerPath ?? path
        self.handler = handler
    }
}

enum Routes {
    /// Every route the service answers.
    static let all: [Route] =
        ReadRoutes.routes + CompareRoutes.routes + EventRoutes.routes + DeskRoutes.routes + SystemRoutes.routes
        + ErgastRoutes.routes
}
