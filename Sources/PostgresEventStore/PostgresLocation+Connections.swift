import Logging
import NIOSSL
import PostgresNIO

extension PostgresLocation {
    /// The session settings every connection starts with: the log's schema first on the search path.
    var startupParameters: [(String, String)] { [("search_path", schema), ("application_name", "paddock")] }

    /// TLS as libpq's `sslmode` means it: `prefer` and `require` do not check the certificate.
    private var tlsConfiguration: TLSConfiguration {
        var configuration = TLSConfiguration.makeClientConfiguration()
        if tls != .verifyFull { configuration.certificateVerification = .none }
        return configuration
    }

    /// The pool's configuration: at most `maximumConnections`, one kept open.
    func clientConfiguration(maximumConnections: Int) -> PostgresClient.Configuration {
        var configuration: PostgresClient.Configuration
        switch endpoint {
        case .unixSocket(let path):
            configuration = .init(unixSocketPath: path, username: username, password: password, database: database)
        case .tcp(let host, let port):
            let mode: PostgresClient.Configuration.TLS =
                switch tls {
                case .disable: .disable
                case .prefer: .prefer(tlsConfiguration)
                case .require, .verifyFull: .require(tlsConfiguration)
                }
            configuration = .init(host: host, port: port, username: username, password: password, database: database, tls: mode)
        }
        configuration.options.additionalStartupParameters = startupParameters
        configuration.options.maximumConnections = max(1, maximumConnections)
        configuration.options.minimumConnections = 1
        configuration.options.connectTimeout = .seconds(10)
        return configuration
    }

    /// A plain connection of its own (not from a store's pool), with the schema on its search path:
    /// for the store's listener and migrations, and for an operator's or a test's own SQL.
    ///
    /// ```swift
    /// let connection = try await location.connect(logger: Logger(label: "psql"))
    /// defer { Task { try await connection.close() } }
    /// try await connection.query("SELECT count(*) FROM events", logger: logger)
    /// ```
    public func connect(logger: Logger) async throws -> PostgresConnection {
        var configuration: PostgresConnection.Configuration
        switch endpoint {
        case .unixSocket(let path):
            configuration = .init(unixSocketPath: path, username: username, password: password, database: database)
        case .tcp(let host, let port):
            let mode: PostgresConnection.Configuration.TLS
            switch tls {
            case .disable: mode = .disable
            case .prefer: mode = .prefer(try NIOSSLContext(configuration: tlsConfiguration))
            case .require, .verifyFull: mode = .require(try NIOSSLContext(configuration: tlsConfiguration))
            }
            configuration = .init(host: host, port: port, username: username, password: password, database: database, tls: mode)
        }
        configuration.options.additionalStartupParameters = startupParameters
        configuration.options.connectTimeout = .seconds(10)
        do {
            return try await PostgresConnection.connect(configuration: configuration, id: 1, logger: logger)
        } catch {
            throw PostgresStoreError.readable(error, location: self)
        }
    }
}
