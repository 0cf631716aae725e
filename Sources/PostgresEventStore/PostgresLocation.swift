import Foundation

/// Where a PostgreSQL event log lives: a `postgresql://` URL, parsed.
///
/// `postgresql://USER[:PASSWORD]@HOST[:PORT]/DATABASE[?schema=NAME&sslmode=MODE&host=/SOCKET/DIR]`
/// (also `postgres://`). With no host, or a `host` parameter that is a directory, the server is
/// reached through its Unix socket in that directory (`/var/run/postgresql` by default), as libpq
/// does. `schema` (default `public`) lets several logs share one database; `sslmode` is
/// `disable`, `prefer` (the default: TLS when the server offers it), `require` (TLS, no
/// certificate check, as libpq's) or `verify-full`.
///
/// ```swift
/// let location = try PostgresLocation("postgresql://paddock@127.0.0.1:5432/paddock?schema=f1")
/// print(location.redacted)  // postgresql://paddock@127.0.0.1:5432/paddock?schema=f1
/// ```
public struct PostgresLocation: Sendable, Hashable, CustomStringConvertible {
    public enum TLSMode: String, Sendable, Hashable, CaseIterable {
        case disable, prefer, require
        case verifyFull = "verify-full"
    }

    public enum Endpoint: Sendable, Hashable {
        case tcp(host: String, port: Int)
        /// The socket file itself: `DIR/.s.PGSQL.PORT`.
        case unixSocket(path: String)
    }

    public var endpoint: Endpoint
    public var username: String
    public var password: String?
    public var database: String
    /// The PostgreSQL schema holding the log's tables.
    public var schema: String
    public var tls: TLSMode

    /// Why a text is not a usable PostgreSQL location.
    public struct FormatError: Error, Sendable, Equatable, CustomStringConvertible {
        public let description: String
    }

    /// Whether a `--store` value names a PostgreSQL database rather than a SQLite file.
    public static func isPostgresURL(_ text: String) -> Bool {
        text.hasPrefix("postgresql://") || text.hasPrefix("postgres://")
    }

    public static let defaultSocketDirectory = "/var/run/postgresql"

    public init(_ text: String) throws(FormatError) {
        func fail(_ reason: String) -> FormatError {
            FormatError(
                description: "'\(Self.redact(text))' is not a PostgreSQL URL: \(reason) "
                    + "(expected postgresql://USER@HOST:PORT/DATABASE)")
        }
        guard Self.isPostgresURL(text), let components = URLComponents(string: text) else {
            throw fail("it must start with postgresql:// and be a valid URL")
        }
        guard let user = components.percentEncodedUser.flatMap({ $0.removingPercentEncoding }), !user.isEmpty else {
            throw fail("the user is missing")
        }
        username = user
        password = components.percentEncodedPassword?.removingPercentEncoding
        let path = components.path
        database = path.hasPrefix("/") ? String(path.dropFirst()) : path
        if database.isEmpty { database = user }
        guard !database.contains("/") else { throw fail("the database name '\(database)' contains '/'") }
        var schema = "public"
        var tls = TLSMode.prefer
        var socketDirectory: String?
        for item in components.queryItems ?? [] {
            let value = item.value ?? ""
            switch item.name {
            case "schema": schema = value
            case "sslmode":
                guard let mode = TLSMode(rawValue: value) else {
                    throw fail("sslmode must be one of \(TLSMode.allCases.map(\.rawValue).joined(separator: ", ")), not '\(value)'")
                }
                tls = mode
            case "host":
                guard value.hasPrefix("/") else { throw fail("the host parameter must be a socket directory starting with '/'") }
                socketDirectory = value
            default: throw fail("unknown parameter '\(item.name)' (known: schema, sslmode, host)")
            }
        }
        guard schema.utf8.count <= 48, let first = schema.unicodeScalars.first, first.properties.isLowercase || first == "_",
            schema.unicodeScalars.allSatisfy({ ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" })
        else { throw fail("schema must be 1 to 48 characters of a-z, 0-9 and _, starting with a letter or _") }
        self.schema = schema
        let host = components.percentEncodedHost?.removingPercentEncoding ?? ""
        let port = components.port ?? 5432
        guard (1...65535).contains(port) else { throw fail("port \(port) is out of range") }
        if let socketDirectory {
            endpoint = .unixSocket(path: "\(socketDirectory)/.s.PGSQL.\(port)")
        } else if host.hasPrefix("/") {
            endpoint = .unixSocket(path: "\(host)/.s.PGSQL.\(port)")
        } else if host.isEmpty {
            endpoint = .unixSocket(path: "\(Self.defaultSocketDirectory)/.s.PGSQL.\(port)")
        } else {
            endpoint = .tcp(host: host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host, port: port)
        }
        self.tls = tls
    }

    /// The URL without its password, for messages and logs.
    public var redacted: String {
        var text = "postgresql://\(username)@"
        var parameters: [String] = []
        switch endpoint {
        case .tcp(let host, let port): text += host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
        case .unixSocket(let path):
            let directory = (path as NSString).deletingLastPathComponent
            let port = (path as NSString).pathExtension
            text += ":\(port)"
            parameters.append("host=\(directory)")
        }
        text += "/\(database)"
        if schema != "public" { parameters.append("schema=\(schema)") }
        if tls != .prefer, case .tcp = endpoint { parameters.append("sslmode=\(tls.rawValue)") }
        return parameters.isEmpty ? text : text + "?" + parameters.joined(separator: "&")
    }

    public var description: String { redacted }

    /// The same server and database, another schema (tests give each log its own).
    public func inSchema(_ schema: String) throws(FormatError) -> PostgresLocation {
        var copy = self
        let probe = try PostgresLocation("postgresql://x@h/d?schema=\(schema)")
        copy.schema = probe.schema
        return copy
    }

    /// The channel appends are announced on (LISTEN/NOTIFY channels are per database, so one per schema).
    var notificationChannel: String { schema == "public" ? "paddock_events" : "paddock_events.\(schema)" }

    /// A URL with any password blanked, for error messages about text that did not parse.
    static func redact(_ text: String) -> String {
        guard let at = text.lastIndex(of: "@"), let scheme = text.range(of: "://"), scheme.upperBound < at else { return text }
        let credentials = text[scheme.upperBound..<at]
        guard let colon = credentials.firstIndex(of: ":") else { return text }
        return String(text[..<colon]) + ":***" + String(text[at...])
    }
}
