import PostgresNIO

/// What went wrong between the store and its PostgreSQL server, in words (postgres-nio's own
/// errors hide the server's message from `description`).
public enum PostgresStoreError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The server could not be reached or refused the connection.
    case cannotConnect(location: String, reason: String)
    /// The server refused a statement: its message, detail and SQLSTATE.
    case server(message: String, detail: String?, sqlState: String?)
    /// The server or database cannot hold the log (version, encoding).
    case unsupportedServer(location: String, reason: String)
    /// The store was closed.
    case closed

    public var description: String {
        switch self {
        case let .cannotConnect(location, reason): "cannot connect to \(location): \(reason)"
        case let .server(message, detail, sqlState):
            "PostgreSQL refused: \(message)" + (detail.map { " (\($0))" } ?? "") + (sqlState.map { " [SQLSTATE \($0)]" } ?? "")
        case let .unsupportedServer(location, reason): "\(location) cannot hold a Paddock log: \(reason)"
        case .closed: "the PostgreSQL event store is closed"
        }
    }

    /// A postgres-nio error as one readable line; other errors pass through.
    static func readable(_ error: any Error, location: PostgresLocation) -> any Error {
        guard let error = error as? PSQLError else { return error }
        if let info = error.serverInfo, let message = info[.message] {
            return PostgresStoreError.server(message: message, detail: info[.detail], sqlState: info[.sqlState])
        }
        switch error.code {
        case .poolClosed, .clientClosedConnection: return PostgresStoreError.closed
        default:
            let underlying = error.underlying.map { "\($0)" } ?? "\(error.code)"
            return PostgresStoreError.cannotConnect(location: location.redacted, reason: underlying)
        }
    }
}

extension PSQLError {
    /// The SQLSTATE the server answered with, if it answered.
    var sqlState: String? { serverInfo?[.sqlState] }
    var constraintName: String? { serverInfo?[.constraintName] }
}
