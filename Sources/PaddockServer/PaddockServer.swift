import Credentials
import EventStore
import Foundation
import Hummingbird
import Logging
import Paddock

/// The HTTP service: reading any cut of the log, recording live with bearer tokens, a live feed
/// (Server-Sent Events), Prometheus metrics and an OpenAPI document.
///
/// ```swift
/// let store = try SQLiteEventStore(path: "paddock.sqlite")
/// try await PaddockServer.loadDemoIfEmpty(store: store, directory: "EventLog/demo", logger: logger)
/// let credentials = try await CredentialStores.beside(store)
/// let app = try await PaddockServer.makeApplication(store: store, credentials: credentials, settings: .init(port: 8080))
/// try await app.runService()
/// ```
public enum PaddockServer {
    /// Builds the application: projections caught up, routes registered, the projection follower
    /// added as a service (it keeps the in-memory projections up to date with the log). Bearer
    /// tokens are checked against `credentials`.
    public static func makeApplication(
        store: any EventStore, credentials: any CredentialStore, settings: ServerSettings = ServerSettings(), logger: Logger? = nil
    ) async throws -> some ApplicationProtocol {
        let logger = logger ?? Logger(label: "paddock.server")
        let state = try await ServerState.make(store: store, credentials: credentials, settings: settings, logger: logger)
        return Application(
            router: makeRouter(state: state),
            server: .http1(configuration: .init(idleTimeout: .milliseconds(Int64(settings.idleTimeout / .milliseconds(1))))),
            configuration: .init(address: .hostname(settings.host, port: settings.port), serverName: "paddock"),
            services: [ProjectionFollower(live: state.live, metrics: state.metrics, logger: logger), LiveFeedService(hub: state.feeds)],
            logger: logger)
    }

    /// Loads the demo into an empty log, then serves until SIGINT or SIGTERM (graceful shutdown).
    public static func serve(
        store: any EventStore, credentials: any CredentialStore, settings: ServerSettings, demoDirectory: String?,
        databasePath: String
    ) async throws {
        let logger = Logger(label: "paddock.server")
        if let demoDirectory { try await loadDemoIfEmpty(store: store, directory: demoDirectory, logger: logger) }
        let app = try await makeApplication(store: store, credentials: credentials, settings: settings, logger: logger)
        logger.info("serving \(databasePath) on http://\(settings.host):\(settings.port) (OpenAPI at /openapi.json)")
        try await app.runService()
    }

    /// The router with every route of ``Routes/all`` (the API) and ``WebRoutes/all`` (the web
    /// app's pages), behind the metrics and problem middleware.
    static func makeRouter(state: ServerState) -> Router<PaddockRequestContext> {
        let router = Router(context: PaddockRequestContext.self)
        router.add(middleware: MetricsMiddleware(metrics: state.metrics))
        router.add(middleware: ProblemMiddleware())
        for route in Routes.all + WebRoutes.all {
            let handler = route.handler
            router.on(RouterPath(route.routerPath), method: route.method) { request, context in
                try await handler(request, context, state)
            }
        }
        return router
    }

    /// Loads the demo seasons (`*.ndjson` in `directory`) when the log is empty; warns and goes on
    /// when the directory is absent. Returns the number of events appended.
    @discardableResult
    public static func loadDemoIfEmpty(store: any EventStore, directory: String, logger: Logger) async throws -> Int {
        guard try await store.headPosition() == 0 else { return 0 }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            logger.warning("the log is empty and there is no demo directory at '\(directory)': starting empty")
            return 0
        }
        let summary = try await DemoLoader.load(from: URL(fileURLWithPath: directory), into: store)
        logger.info("loaded the demo seasons from '\(directory)': \(summary.appended) event(s)")
        return summary.appended
    }
}

/// How the server runs.
public struct ServerSettings: Sendable {
    /// Request bodies larger than this are refused with 413.
    public static let maxBodyBytes = 1 << 20

    public var host: String
    public var port: Int
    /// How often a live feed sends a keep-alive comment.
    public var keepAliveInterval: Duration
    /// How long a write waits for the projections to include it before answering (read-your-writes).
    public var projectionWait: Duration
    /// How long a known token is remembered: a revoked token is refused at most this long after.
    public var rememberTokensFor: Duration
    /// Open live feeds at most: more are refused with `503` and `Retry-After`.
    public var maxSubscribers: Int
    /// A live feed whose write has made no progress for this long (a client that does not read) is closed.
    public var stallTimeout: Duration
    /// Frames the live feed keeps for its subscribers (``LiveFeedHub``): a subscriber further behind
    /// catches up from the log.
    public var feedRingEntries: Int
    /// A connection with no request in progress and nothing received for this long is closed.
    public var idleTimeout: Duration

    public init(
        host: String = "127.0.0.1", port: Int = 8080, keepAliveInterval: Duration = .seconds(15),
        projectionWait: Duration = .seconds(2), rememberTokensFor: Duration = .seconds(5),
        maxSubscribers: Int = 1_000, stallTimeout: Duration = .seconds(30),
        feedRingEntries: Int = 4_096, idleTimeout: Duration = .seconds(60)
    ) {
        self.host = host
        self.port = port
        self.keepAliveInterval = keepAliveInterval
        self.projectionWait = projectionWait
        self.rememberTokensFor = rememberTokensFor
        self.maxSubscribers = maxSubscribers
        self.stallTimeout = stallTimeout
        self.feedRingEntries = feedRingEntries
        self.idleTimeout = idleTimeout
    }
}

/// Everything a handler needs, shared by all requests.
final class ServerState: Sendable {
    let store: any EventStore
    let live: LiveProjections
    let metrics: ServerMetrics
    let auth: BearerAuthenticator
    let readCache = ReadCache()
    let logHeads: LogHeads
    /// The web app's sessions and chain verification.
    let web = WebState()
    let feeds: LiveFeedHub
    let settings: ServerSettings
    let logger: Logger

    private init(
        store: any EventStore, credentials: any CredentialStore, live: LiveProjections, head: Int64, settings: ServerSettings,
        logger: Logger
    ) {
        self.store = store
        self.live = live
        self.metrics = ServerMetrics()
        self.auth = BearerAuthenticator(credentials: credentials, rememberFor: settings.rememberTokensFor)
        self.logHeads = LogHeads(store: store)
        self.settings = settings
        self.logger = logger
        var limits = LiveFeedHub.Limits()
        limits.maxSubscribers = settings.maxSubscribers
        limits.stallTimeout = settings.stallTimeout
        limits.ringEntries = settings.feedRingEntries
        self.feeds = LiveFeedHub(
            store: store, live: live, head: head, limits: limits, keepAliveInterval: settings.keepAliveInterval,
            projectionWait: settings.projectionWait, metrics: metrics, logger: logger)
    }

    static func make(store: any EventStore, credentials: any CredentialStore, settings: ServerSettings, logger: Logger) async throws -> ServerState {
        let live = LiveProjections(store: store, logger: logger)
        try await live.start()
        return ServerState(
            store: store, credentials: credentials, live: live, head: try await store.headPosition(), settings: settings,
            logger: logger)
    }
}
