import Hummingbird
import Prometheus

/// The service's Prometheus metrics (one registry per server, exposed at `/metrics`):
///
/// - `paddock_appended_events_total`: events appended through the API (idempotent retries not counted)
/// - `paddock_version_conflicts_total`: appends refused with 409
/// - `paddock_http_request_duration_seconds{method,route,status}`: request latencies (histogram)
/// - `paddock_sse_subscribers_current`: open live feeds
/// - `paddock_sse_refused_total`: live feeds refused with 503 (all places taken)
/// - `paddock_sse_stalled_total`: live feeds closed because their client read nothing
/// - `paddock_sse_ring_bytes`, `paddock_sse_ring_peak_bytes`: the frames the live feed keeps for
///   its subscribers (shared by all of them), now and at most
/// - `paddock_sse_stalled_peak_bytes`: the most bytes handed to one client that was then closed for
///   reading nothing (bounded by the channel's high-water mark and one write, not by the log)
/// - `paddock_projection_lag_events`: head position − projected position, at scrape time
/// - `paddock_projected_position_events`, `paddock_head_position_events`
final class ServerMetrics: Sendable {
    let registry = PrometheusCollectorRegistry()
    let appendedEvents: Counter
    let conflicts: Counter
    let sseSubscribers: Gauge
    let sseRefused: Counter
    let sseStalled: Counter
    let sseRingBytes: Gauge
    let sseRingPeakBytes: Gauge
    let sseStalledPeakBytes: Gauge
    let projectionLag: Gauge
    let projectedPosition: Gauge
    let headPosition: Gauge

    static let buckets: [Duration] = [
        .milliseconds(1), .milliseconds(2), .milliseconds(5), .milliseconds(10),
        .milliseconds(25), .milliseconds(50), .milliseconds(100), .milliseconds(250),
        .milliseconds(500), .seconds(1), .seconds(2.5), .seconds(5)
    ]

    init() {
        appendedEvents = registry.makeCounter(
            descriptor: .init(
                namespace: "paddock", metricName: "appended_events", unitName: "total", helpText: "Events appended through the API."))
        conflicts = registry.makeCounter(
            descriptor: .init(
                namespace: "paddock", metricName: "version_conflicts", unitName: "total", helpText: "Appends refused for a stale expected version."))
        sseSubscribers = registry.makeGauge(
            descriptor: .init(
                namespace: "paddock", metricName: "sse_subscribers", unitName: "current", helpText: "Open live feeds (/events/stream)."))
        sseRefused = registry.makeCounter(
            descriptor: .init(
                namespace: "paddock", metricName: "sse_refused", unitName: "total", helpText: "Live feeds refused: all places taken."))
        sseStalled = registry.makeCounter(
            descriptor: .init(
                namespace: "paddock", metricName: "sse_stalled", unitName: "total", helpText: "Live feeds closed: their client read nothing."))
        sseRingBytes = registry.makeGauge(
            descriptor: .init(
                namespace: "paddock", metricName: "sse_ring", unitName: "bytes", helpText: "Frames kept for live feeds."))
        sseRingPeakBytes = registry.makeGauge(
            descriptor: .init(
                namespace: "paddock", metricName: "sse_ring_peak", unitName: "bytes", helpText: "Most frames kept for live feeds."))
        sseStalledPeakBytes = registry.makeGauge(
            descriptor: .init(
                namespace: "paddock", metricName: "sse_stalled_peak", unitName: "bytes",
                helpText: "Most bytes handed to a live feed closed for reading nothing."))
        projectionLag = registry.makeGauge(
            descriptor: .init(
                namespace: "paddock", metricName: "projection_lag", unitName: "events", helpText: "Head position minus projected position."))
        projectedPosition = registry.makeGauge(
            descriptor: .init(
                namespace: "paddock", metricName: "projected_position", unitName: "events", helpText: "Last log position the projections include."))
        headPosition = registry.makeGauge(
            descriptor: .init(
                namespace: "paddock", metricName: "head_position", unitName: "events", helpText: "Last log position."))
    }

    func recordRequest(method: String, route: String, status: Int, duration: Duration) {
        registry.makeDurationHistogram(
            descriptor: .init(
                namespace: "paddock", subsystem: "http", metricName: "request_duration", unitName: "seconds",
                helpText: "Request latencies."),
            labels: [("method", method), ("route", route), ("status", String(status))], buckets: Self.buckets
        ).record(duration)
    }

    /// The exposition text, with the positions and lag measured now.
    func render(head: Int64, projected: Int64, feeds: LiveFeedHub.Usage) -> String {
        sseRingBytes.set(Double(feeds.ringBytes))
        sseRingPeakBytes.set(Double(feeds.peakRingBytes))
        sseStalledPeakBytes.set(Double(feeds.peakStalledBytes))
        headPosition.set(Double(head))
        projectedPosition.set(Double(projected))
        projectionLag.set(Double(max(0, head - projected)))
        return registry.emitToString()
    }
}

/// Times every request into the latency histogram, labelled by route template (not by URL).
struct MetricsMiddleware<Context: RequestContext>: RouterMiddleware {
    let metrics: ServerMetrics

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        let response = try await next(request, context)
        let route = context.endpointPath ?? "unmatched"
        metrics.recordRequest(
            method: request.method.rawValue, route: route, status: response.status.code,
            duration: ContinuousClock.now - start)
        return response
    }
}
