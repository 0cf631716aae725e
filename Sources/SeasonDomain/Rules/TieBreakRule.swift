/// One way to separate equal totals, applied in the order the rules list them.
/// JSON: `"countback"`, `"countbackScoringFinishes"`, `"firstToReach"`, `"lastRoundResult"`, `"shareTie"`.
public enum TieBreakRule: String, CatalogueEnum {
    /// Most wins, then most second places, and so on, over every classified finish in the main session kind.
    case countback
    /// The same, counting only finishes that scored points (F1 until 1997).
    case countbackScoringFinishes
    /// Who reached the total first: the order of the table after the previous round.
    case firstToReach
    /// The better result in the latest round.
    case lastRoundResult
    /// Leave the tie: the rows share the position.
    case shareTie
}
