import Logging
import PostgresNIO

extension PostgresConnection {
    /// Runs a statement and reads its answer to the end. postgres-nio reports a statement's error
    /// while its rows are read: a result left unread would hide a refused INSERT, and the COMMIT
    /// after it would end the aborted transaction without an error.
    package func run(_ query: PostgresQuery, logger: Logger) async throws {
        for try await _ in try await self.query(query, logger: logger) {}
    }
}
