import SeasonDomain

/// The most recently used season ledgers, at most `capacity` of them: what bounds the projections'
/// memory whatever the log's length. A ledger left out is derived again from the log when asked for.
///
/// A cached ledger must stay what a fold of the whole log would make of it: whoever folds new events
/// into the ``TimelineIndex`` passes them to ``fold(_:into:)`` as well.
///
/// ```swift
/// var cache = LedgerCache(capacity: 256)
/// cache.insert(SeasonLedger.derive(key, from: seasonEnvelopes))
/// if let key = index.apply(envelope) { cache.fold(envelope, into: key) }
/// let ledger = cache.ledger(key)   // nil when evicted: derive it again
/// ```
public struct LedgerCache: Sendable {
    public let capacity: Int
    private var entries: [SeasonKey: Entry] = [:]
    /// A use counter: the entry with the smallest last use is evicted first.
    private var uses: UInt64 = 0

    private struct Entry {
        var ledger: SeasonLedger
        var lastUse: UInt64
    }

    public init(capacity: Int) { self.capacity = max(0, capacity) }

    public var count: Int { entries.count }
    public var keys: [SeasonKey] { Array(entries.keys) }

    /// The cached ledger, marked as just used; nil when it is not cached.
    public mutating func ledger(_ key: SeasonKey) -> SeasonLedger? {
        guard entries[key] != nil else { return nil }
        uses += 1
        entries[key]!.lastUse = uses
        return entries[key]!.ledger
    }

    /// Caches a ledger (replacing the one of the same season), evicting the least recently used beyond capacity.
    public mutating func insert(_ ledger: SeasonLedger) {
        guard capacity > 0 else { return }
        uses += 1
        entries[ledger.key] = Entry(ledger: ledger, lastUse: uses)
        // A linear scan: capacities are a few hundred and evictions happen once per ledger derived.
        while entries.count > capacity, let oldest = entries.min(by: { $0.value.lastUse < $1.value.lastUse })?.key {
            entries[oldest] = nil
        }
    }

    /// Whether the season's ledger is cached (without marking it used).
    public func contains(_ key: SeasonKey) -> Bool { entries[key] != nil }

    /// Folds a new event into the season's ledger when it is cached; does nothing otherwise.
    public mutating func fold(_ envelope: DomainEnvelope, into key: SeasonKey) {
        guard entries[key] != nil else { return }
        entries[key]!.ledger.apply(envelope)
    }

    public mutating func removeAll() { entries.removeAll() }
}

extension SeasonLedger {
    /// A season's ledger derived from any events that contain the season's own (for instance every
    /// event of its streams): events of other seasons are left out, the rest is folded in position
    /// order, with the same routing as ``Timeline`` (so the result equals that fold's ledger).
    ///
    /// ```swift
    /// let envelopes = try await EnvelopeDecoder.decode(store.read(stream: "season:f1:1988"))
    /// let ledger = SeasonLedger.derive(SeasonKey("f1", 1988), from: envelopes)
    /// ```
    public static func derive(_ key: SeasonKey, from envelopes: [DomainEnvelope]) -> SeasonLedger {
        var ledger = SeasonLedger(key: key)
        for envelope in envelopes.sorted(by: { $0.meta.position < $1.meta.position }) where Timeline.season(of: envelope) == key {
            ledger.apply(envelope)
        }
        return ledger
    }
}
