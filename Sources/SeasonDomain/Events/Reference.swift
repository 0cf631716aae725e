import Foundation

/// A circuit exists. Stream: `circuit:<circuit>`.
///
/// - `circuit`: the id (`baku`, `monza`).
/// - `name`: its name as usually written ("Baku City Circuit").
/// - `locality`: the town or place it is at ("Baku", "Spielberg").
/// - `country`: the country's name ("Azerbaijan").
/// - `latitude`: degrees north, −90...90; `longitude`: degrees east, −180...180.
///
/// ```json
/// {"circuit": "baku", "name": "Baku City Circuit", "locality": "Baku", "country": "Azerbaijan",
///  "latitude": 40.3725, "longitude": 49.853333}
/// ```
public struct CircuitRegistered: DomainEvent {
    public var circuit: String
    public var name: String
    public var locality: String?
    public var country: String?
    public var latitude: Double?
    public var longitude: Double?

    public init(
        circuit: String, name: String, locality: String? = nil, country: String? = nil,
        latitude: Double? = nil, longitude: Double? = nil
    ) {
        self.circuit = circuit
        self.name = name
        self.locality = locality
        self.country = country
        self.latitude = latitude
        self.longitude = longitude
    }

    public func validate(_ check: inout Validator) {
        check.id(circuit, "circuit")
        check.text(name, "name")
        check.text(locality, "locality")
        check.text(country, "country")
        check.degrees(latitude, within: 90, "latitude")
        check.degrees(longitude, within: 180, "longitude")
    }
}

/// Facts about a driver that registration does not carry. Stream: `competitor:<competitor>`.
/// A later one replaces what an earlier one said.
///
/// - `competitor`: the competitor's id.
/// - `code`: the short code timing screens show ("VER", "O'B"): 1 to 10 characters without spaces.
/// - `permanentNumber`: the driver's own race number, 0...999.
/// - `demonym`: the nationality as an adjective ("Dutch"), as the source gives it.
/// - `url`: a page about the driver, when a source gives one.
public struct CompetitorDetailsRecorded: DomainEvent {
    public var competitor: String
    public var code: String?
    public var permanentNumber: Int?
    public var demonym: String?
    public var url: String?

    public init(competitor: String, code: String? = nil, permanentNumber: Int? = nil, demonym: String? = nil, url: String? = nil) {
        self.competitor = competitor
        self.code = code
        self.permanentNumber = permanentNumber
        self.demonym = demonym
        self.url = url
    }

    public func validate(_ check: inout Validator) {
        check.id(competitor, "competitor")
        if let code {
            check.require(
                !code.isEmpty && code.unicodeScalars.count <= 10
                    && !code.unicodeScalars.contains { $0.properties.isWhitespace || $0.value < 0x20 },
                "code", "must be 1 to 10 characters without spaces, found \"\(code.prefix(20))\"")
        }
        check.within(permanentNumber, 0...999, "permanentNumber")
        check.text(demonym, "demonym")
        check.link(url, "url")
    }
}

/// Facts about a team that registration does not carry. Stream: `team:<team>`.
/// A later one replaces what an earlier one said.
///
/// - `team`: the team's id.
/// - `demonym`: the team's nationality as an adjective ("Austrian").
/// - `country`: the team's country's name ("Austria").
/// - `url`: a page about the team, when a source gives one.
public struct TeamDetailsRecorded: DomainEvent {
    public var team: String
    public var demonym: String?
    public var country: String?
    public var url: String?

    public init(team: String, demonym: String? = nil, country: String? = nil, url: String? = nil) {
        self.team = team
        self.demonym = demonym
        self.country = country
        self.url = url
    }

    public func validate(_ check: inout Validator) {
        check.id(team, "team")
        check.text(demonym, "demonym")
        check.text(country, "country")
        check.link(url, "url")
    }
}

/// What kind of thing an alias names. JSON: `"competitor"`, `"team"`, `"circuit"`.
public enum AliasedEntity: String, CatalogueEnum {
    case competitor, team, circuit
}

/// Another id for a competitor, team or circuit: the id another database uses for it (Ergast's
/// `max_verstappen` for `max-verstappen`). Reading by the alias reads the entity.
/// Stream: the entity's own (`competitor:<id>`, `team:<id>`, `circuit:<id>`).
///
/// - `entity`: what kind of thing `id` is.
/// - `id`: the entity's own id.
/// - `alias`: the other id as that database writes it (Ergast's ids keep their capitals:
///   `scott_Brown`): 1 to 100 printable ASCII characters without spaces, `:` or `/`; not the
///   entity's own. It names an entity in a URL, never a stream, so it keeps its own spelling.
/// - `scheme`: whose id it is (`ergast`), when known.
public struct AliasRecorded: DomainEvent {
    public var entity: AliasedEntity
    public var id: String
    public var alias: String
    public var scheme: String?

    public init(entity: AliasedEntity, id: String, alias: String, scheme: String? = nil) {
        self.entity = entity
        self.id = id
        self.alias = alias
        self.scheme = scheme
    }

    public func validate(_ check: inout Validator) {
        check.id(id, "id")
        check.require(
            Self.isAlias(alias), "alias",
            "\"\(alias.prefix(60))\" is not an alias: use 1 to 100 printable ASCII characters without spaces, ':' or '/'")
        check.require(alias != id, "alias", "must differ from the entity's own id")
        check.id(scheme, "scheme")
    }

    /// Printable ASCII without space, `:` or `/`, 1 to 100 bytes.
    static func isAlias(_ value: String) -> Bool {
        let bytes = value.utf8
        return (1...100).contains(bytes.count) && bytes.allSatisfy { $0 > 0x20 && $0 < 0x7F && $0 != UInt8(ascii: ":") && $0 != UInt8(ascii: "/") }
    }
}
