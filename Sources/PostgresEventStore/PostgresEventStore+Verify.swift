import EventStore
import PostgresNIO

extension PostgresEventStore {
    /// Re-walks the whole chain in one REPEATABLE READ transaction (one snapshot of the rows and the
    /// head), a page at a time.
    ///
    /// Names the first position where the log is not what was appended: an edited, inserted, deleted
    /// or swapped row, a gap in a stream's versions, a clock going backwards, a truncated end, or
    /// immutability triggers missing or disabled.
    public func verify() async throws -> VerificationReport {
        try await withConnection { connection in
            try await connection.run("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", logger: logger)
            let report: VerificationReport
            do {
                report = try await self.verify(on: connection)
            } catch {
                try? await connection.run("ROLLBACK", logger: logger)
                throw error
            }
            try await connection.run("ROLLBACK", logger: logger)  // read only: nothing to keep
            return report
        }
    }

    private func verify(on connection: PostgresConnection) async throws -> VerificationReport {
        var enabled = Set<String>()
        for try await name in try await connection.query(
            """
            SELECT tgname::text FROM pg_trigger WHERE tgrelid = 'events'::regclass AND NOT tgisinternal AND tgenabled <> 'D'
            """, logger: logger
        ).decode(String.self) {
            enabled.insert(name)
        }
        var walk = ChainWalk()
        var after: Int64 = 0
        while true {
            let rows = try await connection.query(
                PostgresQuery(
                    unsafeSQL: "SELECT \(PostgresSchema.selectColumns) FROM events WHERE position > $1 ORDER BY position LIMIT $2",
                    binds: {
                        var binds = PostgresBindings(); binds.append(after); binds.append(Int64(Self.verifyPage)); return binds
                    }()),
                logger: logger)
            var count = 0
            for try await row in rows {
                let event = try Self.event(row)
                count += 1
                after = event.position
                if let broken = walk.check(event) { return broken }
            }
            if count < Self.verifyPage { break }
        }
        var head: (position: Int64, hash: String)?
        for try await (position, hash) in try await connection.query(
            "SELECT position, hash FROM chain_head WHERE id = 1", logger: logger
        ).decode((Int64, String).self) {
            head = (position, hash)
        }
        let missing = PostgresSchema.immutabilityTriggers.filter { !enabled.contains($0) }
        // Position 0 is the head of a log nothing was ever appended to.
        return walk.finish(head: head.flatMap { $0.position == 0 ? nil : $0 }, missingTriggers: missing)
    }

    static let verifyPage = 10_000
}
