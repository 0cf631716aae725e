/// One way to separate equal totals, applied in the order the rules list them.
/// JSON: `"countback"`, `"firstToReach"`, `"lastRoundResult"`, `"shareTie"`.
public enum TieBreakRule: String, CatalogueEnum {
    /// Most wins, then most second places, and so on.
    case countback
    /// Who reached the total first.
    case firstToReach
    /// The better result in the latest round.
    case lastRoundResult
    /// Leave the tie: the rows share the position.
    case shareTie
}
