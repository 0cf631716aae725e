/// The kind of motorsport a championship is run in. JSON: its name (`"rallycross"`, `"iceRacing"`).
public enum Discipline: String, CatalogueEnum {
    case rallycross, rally, circuit, iceRacing, karting, esports, other
}

/// What a competitor does in the car. JSON: `"driver"` or `"coDriver"`.
public enum CompetitorRole: String, CatalogueEnum {
    /// Drives.
    case driver
    /// Navigates (rally).
    case coDriver
}
