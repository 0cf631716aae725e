/// What a car shared by several drivers scores. JSON: `"none"`, `"splitEqually"`, `"splitEquallyBestCarOnly"`.
public enum SharedDrivePolicy: String, CatalogueEnum {
    /// A shared car scores nothing for anyone.
    case none
    /// The car's points are split equally among its drivers; a driver adds up shares of several cars.
    case splitEqually
    /// Split equally, but a driver scores only from his best-placed car of a session.
    case splitEquallyBestCarOnly
}
