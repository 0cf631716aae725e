import Foundation
import Hummingbird

/// JSON responses: sorted keys, no escaped slashes.
enum JSONResponses {
    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    static func json<T: Encodable>(_ value: T, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) throws -> Response {
        text(String(decoding: try encoder.encode(value), as: UTF8.self), status: status, headers: headers)
    }

    /// A value's JSON as a body to keep (``ReadCache``).
    static func body<T: Encodable>(_ value: T) throws -> ReadCache.Body {
        ReadCache.Body(text: String(decoding: try encoder.encode(value), as: UTF8.self), contentType: "application/json")
    }

    /// JSON already written as text (envelopes keep their fixed key order and verbatim payloads).
    static func text(
        _ json: String, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:],
        contentType: String = "application/json"
    ) -> Response {
        var headers = headers
        headers[.contentType] = contentType
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: json)))
    }
}
