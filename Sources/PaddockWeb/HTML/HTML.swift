/// Text that is safe to put in a page. This is where escaping happens, and the only place.
///
/// The literal parts of an `HTML` value are static strings written in Paddock's code; every
/// runtime `String` interpolated into it is escaped (`&`, `<`, `>`, `"`, `'`), whether it lands in
/// an element or in a double-quoted attribute. A runtime string can only become markup without
/// escaping through ``HTML/init(alreadySafe:)``, internal to this module (joined fragments, asset files).
///
/// ```swift
/// let note = "<script>alert(1)</script>"
/// let cell: HTML = "<td title=\"\(note)\">\(note)</td>"
/// // <td title="&lt;script&gt;alert(1)&lt;/script&gt;">&lt;script&gt;alert(1)&lt;/script&gt;</td>
/// ```
public struct HTML: Sendable, Equatable, ExpressibleByStringInterpolation, CustomStringConvertible {
    public typealias StringLiteralType = StaticString
    public typealias ExtendedGraphemeClusterLiteralType = StaticString
    public typealias UnicodeScalarLiteralType = StaticString

    /// The markup.
    public private(set) var text: String

    public init(stringLiteral literal: StaticString) {
        text = literal.description
    }

    public init(stringInterpolation: StringInterpolation) {
        text = stringInterpolation.text
    }

    /// Markup that is safe already: fragments joined, or one of Paddock's own asset files (never text from a request or the log).
    init(alreadySafe text: String) {
        self.text = text
    }

    public static let empty: HTML = ""

    public var description: String { text }
    public var isEmpty: Bool { text.isEmpty }

    public static func + (a: HTML, b: HTML) -> HTML { HTML(alreadySafe: a.text + b.text) }
    public static func += (a: inout HTML, b: HTML) { a.text += b.text }

    /// Joins fragments with an optional separator (itself markup).
    public static func join<S: Sequence>(_ parts: S, separator: HTML = .empty) -> HTML where S.Element == HTML {
        var text = ""
        var first = true
        for part in parts {
            if !first { text += separator.text }
            text += part.text
            first = false
        }
        return HTML(alreadySafe: text)
    }

    // MARK: - Interpolation

    public struct StringInterpolation: StringInterpolationProtocol {
        var text: String

        public init(literalCapacity: Int, interpolationCount: Int) {
            text = ""
            text.reserveCapacity(literalCapacity + interpolationCount * 16)
        }

        public mutating func appendLiteral(_ literal: StaticString) {
            text += literal.description
        }

        /// Text from anywhere: escaped.
        public mutating func appendInterpolation<S: StringProtocol>(_ value: S) {
            HTML.escape(value, into: &text)
        }

        /// Optional text: escaped, nothing when nil.
        public mutating func appendInterpolation<S: StringProtocol>(_ value: S?) {
            if let value { HTML.escape(value, into: &text) }
        }

        /// Markup already made safe.
        public mutating func appendInterpolation(_ html: HTML) {
            text += html.text
        }

        public mutating func appendInterpolation(_ html: HTML?) {
            if let html { text += html.text }
        }

        public mutating func appendInterpolation(_ value: Int) {
            text += String(value)
        }

        public mutating func appendInterpolation(_ value: Int64) {
            text += String(value)
        }

        /// Fragments one after another.
        public mutating func appendInterpolation<S: Sequence>(each parts: S) where S.Element == HTML {
            for part in parts { text += part.text }
        }
    }

    // MARK: - Escaping

    /// Escapes text for an element's content or a double- or single-quoted attribute value.
    public static func escape<S: StringProtocol>(_ value: S) -> String {
        var out = ""
        escape(value, into: &out)
        return out
    }

    static func escape<S: StringProtocol>(_ value: S, into out: inout String) {
        // Most text needs nothing: append it whole.
        guard value.utf8.contains(where: { $0 == 38 || $0 == 60 || $0 == 62 || $0 == 34 || $0 == 39 }) else {
            out += value
            return
        }
        for scalar in value.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(scalar)
            }
        }
    }
}

extension HTML {
    /// `html` when the condition holds, else nothing. (A ternary of two literals inside an
    /// interpolation would be typed `String` and escaped: this keeps them markup.)
    public static func when(_ condition: Bool, _ html: HTML) -> HTML { condition ? html : .empty }
}
