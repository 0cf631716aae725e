import Chronology
import EventStore
import Foundation
import Hummingbird
import Projections

/// Reading what a request says: path and query parameters, cuts, `If-Match`, the body.
/// Anything wrong is a 400 problem naming the parameter.
enum RequestInput {
    static func path(_ name: String, _ context: PaddockRequestContext) throws -> String {
        guard let raw = context.parameters.get(name), let value = percentDecoded(raw), !value.isEmpty else {
            throw Problem.badParameter(name, "missing")
        }
        return value
    }

    /// A path segment percent-decoded; nil when its escapes are not valid UTF-8. Most segments hold
    /// no escape, and Foundation's decoding costs more than the rest of a cached answer.
    static func percentDecoded(_ segment: some StringProtocol) -> String? {
        segment.utf8.contains(UInt8(ascii: "%")) ? String(segment).removingPercentEncoding : String(segment)
    }

    static func pathInt(_ name: String, _ context: PaddockRequestContext) throws -> Int {
        let text = try path(name, context)
        guard let value = Int(text), value >= 0 else { throw Problem.badParameter(name, "expected an integer, found '\(text.prefix(40))'") }
        return value
    }

    static func season(_ context: PaddockRequestContext) throws -> SeasonKey {
        SeasonKey(try path("id", context), try pathInt("year", context))
    }

    static func query(_ name: String, _ request: Request) -> String? {
        request.uri.queryParameters[Substring(name)].map(String.init)
    }

    static func queryInt(_ name: String, _ request: Request, minimum: Int64) throws -> Int64? {
        guard let text = query(name, request) else { return nil }
        guard let value = Int64(text), value >= minimum else {
            throw Problem.badParameter(name, "expected an integer of \(minimum) or more, found '\(text.prefix(40))'")
        }
        return value
    }

    static func queryBool(_ name: String, _ request: Request) throws -> Bool {
        switch query(name, request) {
        case nil, "false", "0": return false
        case "true", "1", "": return true
        case let text?: throw Problem.badParameter(name, "expected true or false, found '\(text.prefix(40))'")
        }
    }

    /// The cut from `afterRound`, `asOf`, `knownAt`, `atPosition`.
    static func cut(_ request: Request) throws -> Cut {
        let afterRound = try queryInt("afterRound", request, minimum: 1).map(Int.init)
        let asOf = query("asOf", request)
        if let asOf, !OccurredAt.isValid(asOf) {
            throw Problem.badParameter("asOf", "'\(asOf.prefix(40))' is not an ISO-8601 date or time with offset")
        }
        var knownAt: String?
        if let text = query("knownAt", request) {
            guard let time = Timestamp.storeTime(text) else {
                throw Problem.badParameter("knownAt", "'\(text.prefix(40))' is not an ISO-8601 date or time with offset")
            }
            knownAt = time
        }
        let atPosition = try queryInt("atPosition", request, minimum: 0)
        return Cut(afterRound: afterRound, asOf: asOf, knownAt: knownAt, atPosition: atPosition)
    }

    /// `If-Match: "N"` (or `N`, or `*` for any version) as an expected version.
    static func ifMatch(_ request: Request) throws -> ExpectedVersion? {
        guard let raw = request.headers[.ifMatch] else { return nil }
        var text = raw.trimmingCharacters(in: .whitespaces)
        if text == "*" { return .any }
        if text.hasPrefix("W/") { text.removeFirst(2) }
        if text.count >= 2, text.hasPrefix("\""), text.hasSuffix("\"") { text = String(text.dropFirst().dropLast()) }
        guard let version = Int(text), version >= 0 else {
            throw Problem.badParameter("If-Match", "expected the stream version as \"N\" (\"0\" for a new stream), found '\(raw.prefix(40))'")
        }
        return version == 0 ? .noStream : .exactly(version)
    }

    /// The body as UTF-8 text, at most ``ServerSettings/maxBodyBytes`` (413 above).
    static func body(_ request: Request, _ context: PaddockRequestContext) async throws -> String {
        if let length = request.headers[.contentLength].flatMap(Int.init), length > context.maxUploadSize {
            throw Problem.tooLarge()
        }
        var request = request
        let buffer = try await request.collectBody(upTo: context.maxUploadSize)
        guard let text = String(validating: buffer.readableBytesView, as: UTF8.self) else {
            throw Problem.badBody("the body is not UTF-8 text")
        }
        return text
    }
}
