/// The outcome of re-walking the log's hash chain.
public struct VerificationReport: Sendable, Equatable, CustomStringConvertible {
    /// How many rows were checked.
    public var eventsChecked: Int64
    /// The hash of the last row (the chain's head), hex; empty for an empty log.
    public var headHash: String
    /// The first place where the log is not what was appended, or nil when it verifies.
    public var firstBreak: ChainBreak?

    public var isIntact: Bool { firstBreak == nil }

    public init(eventsChecked: Int64, headHash: String, firstBreak: ChainBreak?) {
        self.eventsChecked = eventsChecked
        self.headHash = headHash
        self.firstBreak = firstBreak
    }

    public var description: String {
        if let firstBreak { return "chain broken at position \(firstBreak.position): \(firstBreak.reason)" }
        return "ok: \(eventsChecked) events, head \(headHash.isEmpty ? "(empty log)" : headHash)"
    }
}

/// Where and how the chain breaks.
public struct ChainBreak: Sendable, Equatable {
    public enum Kind: String, Sendable, Equatable {
        /// A row's content does not match its hash (edited, swapped or inserted row).
        case hashMismatch
        /// Positions are not gapless from 1 (a deleted row).
        case positionGap
        /// A stream's versions are not consecutive.
        case streamVersionGap
        /// `recorded_at` goes backwards.
        case clockWentBackwards
        /// The log ends before the last acknowledged append (rows removed from the end).
        case truncated
        /// Rows follow the last acknowledged append: written around the store, not through it.
        case unacknowledgedRows
        /// The immutability triggers are missing.
        case triggersMissing
    }

    public var position: Int64
    public var kind: Kind
    public var reason: String

    public init(position: Int64, kind: Kind, reason: String) {
        self.position = position
        self.kind = kind
        self.reason = reason
    }
}
