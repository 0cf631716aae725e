/// How a car's session ended. JSON: `"classified"`, `"DNF"`, `"DNS"`, `"DSQ"`, `"NC"`, `"EX"`.
public enum ResultStatus: String, CatalogueEnum {
    /// Classified (has a position).
    case classified
    /// Did not finish.
    case dnf = "DNF"
    /// Did not start.
    case dns = "DNS"
    /// Disqualified from the session.
    case dsq = "DSQ"
    /// Running at the end but not classified (too little distance).
    case nc = "NC"
    /// Excluded from the event.
    case ex = "EX"
}
