import Foundation
import Hummingbird

/// A submitted HTML form (`application/x-www-form-urlencoded`), at most ``maxBytes`` and
/// ``maxFields`` fields; a repeated name keeps its last value.
struct FormBody: Sendable {
    static let maxBytes = 256 * 1024
    static let maxFields = 2000

    let values: [String: String]

    subscript(name: String) -> String? { values[name] }

    static func read(_ request: Request, _ context: PaddockRequestContext) async throws -> FormBody {
        let type = request.headers[.contentType]?.lowercased() ?? ""
        guard type.hasPrefix("application/x-www-form-urlencoded") else {
            throw Problem(
                .unsupportedMediaType, "unsupported-media-type", "Not a form",
                detail: "expected application/x-www-form-urlencoded, found '\(type.prefix(60))'")
        }
        if let length = request.headers[.contentLength].flatMap(Int.init), length > maxBytes { throw Problem.tooLarge() }
        var request = request
        let buffer = try await request.collectBody(upTo: maxBytes)
        guard let text = String(validating: buffer.readableBytesView, as: UTF8.self) else {
            throw Problem.badBody("the form is not UTF-8 text")
        }
        return try parse(text)
    }

    static func parse(_ text: String) throws -> FormBody {
        var values: [String: String] = [:]
        let pairs = text.split(separator: "&", omittingEmptySubsequences: true)
        guard pairs.count <= maxFields else { throw Problem.badBody("the form has more than \(maxFields) fields") }
        for pair in pairs {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = decode(parts[0]) else { throw Problem.badBody("a form field's name is not percent-encoded text") }
            guard let value = parts.count > 1 ? decode(parts[1]) : "" else {
                throw Problem.badBody("the value of form field '\(name.prefix(40))' is not percent-encoded text")
            }
            values[name] = value
        }
        return FormBody(values: values)
    }

    static func decode(_ text: Substring) -> String? {
        text.replacingOccurrences(of: "+", with: " ").removingPercentEncoding
    }
}
