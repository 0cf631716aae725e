extension RecordedEvent {
    /// The hash this event's row must carry when it follows a row whose hash is `previousHash`
    /// (lowercase hex; nil for the first row of the log): what ``EventStore/verify()`` recomputes,
    /// for one link of the chain. Nil when `previousHash` is not a SHA-256 in hex.
    ///
    /// ```swift
    /// let page = try await store.read(after: 41, limit: 2)
    /// let holds = page[1].expectedHash(after: page[0].hash) == page[1].hash
    /// ```
    public func expectedHash(after previousHash: String?) -> String? {
        let previous: [UInt8]
        if let previousHash {
            guard let bytes = Hex.decode(previousHash), bytes.count == 32 else { return nil }
            previous = bytes
        } else {
            previous = ChainHasher.genesis
        }
        var hasher = ChainHasher()
        return Hex.encode(hasher.hash(previous: previous, self))
    }
}
