/// The kind of a classified session. JSON: its name (`"heat"`, `"semiFinal"`, `"powerStage"`).
public enum SessionKind: String, CatalogueEnum {
    /// A rallycross heat (qualifying race); the session's `number` says which.
    case heat
    /// Rallycross intermediate classification after the heats.
    case intermediate
    /// A rallycross semi-final.
    case semiFinal
    /// A rallycross (or karting) final.
    case final
    /// A circuit race (a Grand Prix, a feature race).
    case race
    /// A short race with its own points.
    case sprint
    /// Qualifying (scores only where the rules say so, e.g. pole points).
    case qualifying
    /// One special stage of a rally.
    case rallyStage
    /// A rally's power stage (bonus points for the fastest).
    case powerStage
    /// A rally's overall classification.
    case overall
}
