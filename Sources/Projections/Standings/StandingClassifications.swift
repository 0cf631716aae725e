import SeasonDomain

extension StandingsCalculator {
    /// Every session's classification as the tables read it at the cut, in round order: the latest
    /// correction in place of what it corrects, retractions and the session penalties every table
    /// feels applied (disqualifications, places lost). For readers that list results beside the tables.
    ///
    /// ```swift
    /// let races = StandingsCalculator(ledger: ledger, className: nil, cut: .everything).classifications()
    /// ```
    public func classifications() -> [Recorded<Classification>] {
        ActiveResults(ledger, className: className, cut: cut).sessions.map { Recorded($0.meta, $0.classification) }
    }
}
