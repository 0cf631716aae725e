import Foundation
import HTTPTypes
import Hummingbird
import PaddockWeb

/// HTML responses: the content type, and headers that keep a page to Paddock's own origin (no
/// script, style, image or connection from elsewhere; no framing; no inline script).
enum WebResponses {
    static let contentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; "
        + "form-action 'self'; base-uri 'none'; frame-ancestors 'none'"

    enum Caching {
        /// Public pages: any cache may keep them, but must ask again (they follow the log).
        case revalidate
        /// The desk's pages: never kept.
        case never
    }

    static func html(_ text: String, status: HTTPResponse.Status = .ok, caching: Caching = .revalidate, headers extra: HTTPFields = [:]) -> Response {
        var headers = extra
        headers[.contentType] = "text/html; charset=utf-8"
        headers[.cacheControl] = caching == .never ? "no-store" : "no-cache"
        secure(&headers)
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }

    static let policyHeader = HTTPField.Name("Content-Security-Policy")!
    static let noSniffHeader = HTTPField.Name("X-Content-Type-Options")!
    static let referrerHeader = HTTPField.Name("Referrer-Policy")!

    static func secure(_ headers: inout HTTPFields) {
        headers[policyHeader] = contentSecurityPolicy
        headers[noSniffHeader] = "nosniff"
        headers[referrerHeader] = "same-origin"
    }

    /// 303 See Other: after a form, the browser asks for the page with GET (a reload re-posts nothing).
    static func seeOther(_ location: String, headers extra: HTTPFields = [:]) -> Response {
        var headers = extra
        headers[.location] = location
        headers[.cacheControl] = "no-store"
        return Response(status: .seeOther, headers: headers)
    }

    /// A page for a problem: its status, title and detail, as HTML.
    static func problem(_ problem: Problem, back: String? = nil) -> Response {
        let title: String
        switch problem.status.code {
        case 404: title = "Not found"
        case 400: title = "Not understood"
        case 401: title = "Sign in first"
        case 403: title = "Not allowed"
        default: title = problem.title
        }
        return html(
            ErrorPage.render(status: problem.status.code, title: title, detail: problem.detail, back: back), status: problem.status,
            caching: .never)
    }
}
