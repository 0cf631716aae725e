import EventStore

/// What the web app keeps between requests: the desk's sessions and the last chain verification.
final class WebState: Sendable {
    let sessions = DeskSessions()
    let verification = ChainVerification()
}

/// Re-walks the hash chain for the log page: at most one walk at a time, and none again while the
/// head has not moved (a page anyone can open must not make the service re-hash the log at will).
actor ChainVerification {
    private var last: (head: Int64, report: VerificationReport)?
    private var running: Task<VerificationReport, any Error>?

    func report(of store: any EventStore) async throws -> VerificationReport {
        let head = try await store.headPosition()
        if let last, last.head == head { return last.report }
        if let running { return try await running.value }
        let task = Task { try await store.verify() }
        running = task
        defer { running = nil }
        let report = try await task.value
        last = (head, report)
        return report
    }
}
