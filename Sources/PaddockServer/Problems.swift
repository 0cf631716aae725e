import EventStore
import Foundation
import Hummingbird
import Paddock

/// An RFC 9457 problem: every error the service answers is one, as `application/problem+json`
/// (`{type, title, status, detail}` plus, where it helps, the `parameter`, `field` or `currentVersion`
/// concerned).
///
/// ```swift
/// throw Problem.badParameter("afterRound", "expected an integer of 1 or more, found 'x'")
/// ```
public struct Problem: Error, HTTPResponseError, Sendable, Equatable {
    public var status: HTTPResponse.Status
    /// The problem type's short name; `type` is `urn:paddock:problem:<slug>`.
    public var slug: String
    public var title: String
    public var detail: String
    /// The query or path parameter that is wrong (400).
    public var parameter: String?
    /// The field of the body that is wrong (422), e.g. `payload.results[2].status`.
    public var field: String?
    /// The stream's version, for a conflict (409).
    public var currentVersion: Int?
    /// The 1-based index of the event of the request body concerned.
    public var event: Int?
    public var headers: HTTPFields = [:]

    public init(
        _ status: HTTPResponse.Status, _ slug: String, _ title: String, detail: String,
        parameter: String? = nil, field: String? = nil, currentVersion: Int? = nil, event: Int? = nil
    ) {
        self.status = status
        self.slug = slug
        self.title = title
        self.detail = detail
        self.parameter = parameter
        self.field = field
        self.currentVersion = currentVersion
        self.event = event
    }

    static let unprocessable = HTTPResponse.Status(code: 422, reasonPhrase: "Unprocessable Content")

    public static func badParameter(_ name: String, _ detail: String) -> Problem {
        Problem(.badRequest, "bad-parameter", "A parameter is not valid", detail: "\(name): \(detail)", parameter: name)
    }

    public static func badBody(_ detail: String) -> Problem {
        Problem(.badRequest, "bad-body", "The request body is not valid JSON of the expected shape", detail: detail)
    }

    public static func invalid(_ field: String?, _ detail: String, event: Int? = nil) -> Problem {
        Problem(unprocessable, "invalid-event", "The event is not valid", detail: detail, field: field, event: event)
    }

    public static func notFound(_ detail: String) -> Problem {
        Problem(.notFound, "not-found", "Not found", detail: detail)
    }

    public static func unauthorized(_ detail: String) -> Problem {
        var problem = Problem(.unauthorized, "unauthorized", "A bearer token is needed", detail: detail)
        problem.headers[.wwwAuthenticate] = "Bearer realm=\"paddock\""
        return problem
    }

    public static func forbidden(_ detail: String) -> Problem {
        Problem(.forbidden, "forbidden", "The token's role does not allow this", detail: detail)
    }

    public static func conflict(_ detail: String, currentVersion: Int? = nil) -> Problem {
        var problem = Problem(
            .conflict, "version-conflict", "The stream is not at the expected version", detail: detail,
            currentVersion: currentVersion)
        if let currentVersion { problem.headers[.eTag] = "\"\(currentVersion)\"" }
        return problem
    }

    /// 503 with `Retry-After`: the service cannot take the request now (the log is locked by another
    /// writer, or the live feed is full); the same request later can succeed.
    public static func unavailable(_ detail: String, retryAfterSeconds: Int) -> Problem {
        var problem = Problem(.serviceUnavailable, "unavailable", "The service cannot take this request now", detail: detail)
        problem.headers[.retryAfter] = String(retryAfterSeconds)
        return problem
    }

    public static func tooLarge() -> Problem {
        Problem(
            .contentTooLarge, "too-large", "The request body is too large",
            detail: "request bodies are limited to \(ServerSettings.maxBodyBytes) bytes")
    }

    struct Body: Encodable {
        var type: String
        var title: String
        var status: Int
        var detail: String
        var parameter: String?
        var field: String?
        var currentVersion: Int?
        var event: Int?
    }

    /// The problem as a response.
    public func response(from request: Request, context: some RequestContext) throws -> Response { response() }

    func response() -> Response {
        let body = Body(
            type: "urn:paddock:problem:\(slug)", title: title, status: status.code, detail: detail,
            parameter: parameter, field: field, currentVersion: currentVersion, event: event)
        var headers = headers
        headers[.contentType] = "application/problem+json"
        let data = (try? JSONResponses.encoder.encode(body)) ?? Data("{}".utf8)
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }
}

extension Problem {
    /// The problem an error stands for. Errors nobody anticipated are 500 (and logged by the middleware).
    static func from(_ error: any Error) -> Problem? {
        switch error {
        case let problem as Problem: return problem
        case let error as PaddockError:
            if case .pointsOutOfRange = error {
                return Problem(unprocessable, "points-out-of-range", "The season's points cannot be computed exactly", detail: error.description)
            }
            return .notFound(error.description)
        case let error as EventStoreError: return from(error, event: nil)
        case let error as EventStoreBusy: return .unavailable(error.description, retryAfterSeconds: 1)
        case let error as LineError: return .invalid(Self.field(in: error.reason), error.description, event: error.line)
        case let error as any HTTPResponseError:
            switch error.status {
            case .notFound: return Problem(.notFound, "no-route", "No such route", detail: "no route answers this method and path (see /openapi.json)")
            case .contentTooLarge: return .tooLarge()
            case .methodNotAllowed: return Problem(.methodNotAllowed, "method-not-allowed", "Method not allowed", detail: "see /openapi.json")
            default: return Problem(error.status, "http-\(error.status.code)", error.status.reasonPhrase, detail: error.status.reasonPhrase)
            }
        default: return nil
        }
    }

    static func from(_ error: EventStoreError, event: Int?) -> Problem {
        switch error {
        case let .versionConflict(_, _, actual): return .conflict(error.description, currentVersion: actual)
        case .idempotencyConflict, .partiallyRecordedBatch:
            return Problem(
                .conflict, "idempotency-conflict", "The event ids are already recorded with other content",
                detail: error.description)
        case let .invalidEvent(index, _): return .invalid(nil, error.description, event: (event ?? 0) + index + 1)
        case let .inBatch(_, inner): return from(inner, event: event)
        case .chainBroken:
            var problem = Problem(
                .serviceUnavailable, "log-integrity", "The log's hash chain is broken",
                detail: error.description)
            problem.headers[.retryAfter] = "60"
            return problem
        case .importMismatch, .databaseTooNew, .notAnEventLog:
            return Problem(.internalServerError, "internal", "Internal error", detail: "the log could not take the request")
        }
    }

    /// The field a validation message names: its `path:` prefix, or the field quoted in it.
    static func field(in reason: String) -> String? {
        if let colon = reason.range(of: ": "), !reason[..<colon.lowerBound].contains(" ") {
            return String(reason[..<colon.lowerBound])
        }
        if reason.hasPrefix("unknown field '"), let end = reason.dropFirst(15).firstIndex(of: "'") {
            return String(reason[reason.index(reason.startIndex, offsetBy: 15)..<end])
        }
        if reason.hasPrefix("stream ") { return "stream" }
        if reason.hasPrefix("occurredAt") || reason.contains("occurredAt") { return "occurredAt" }
        return nil
    }
}

/// Turns every error into a problem response; anything unexpected is logged and answered 500
/// without detail.
struct ProblemMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            if let problem = Problem.from(error) { return problem.response() }
            context.logger.error("unexpected error on \(request.method) \(request.uri.path): \(String(reflecting: error))")
            return Problem(.internalServerError, "internal", "Internal error", detail: "an unexpected error; it was logged").response()
        }
    }
}
